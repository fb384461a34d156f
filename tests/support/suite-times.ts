import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints, at the end of a run, the time of each suite (unit, API, browser, build): the run's wall
 * time from start to end, and per suite its files, tests and the time its files took (summed: the
 * files of a suite run side by side, so the sum is more than the suite's share of the wall time),
 * with its slowest file. Added to the default reporter in vitest.config.ts.
 */
export default class SuiteTimes implements Reporter {
  private started = performance.now();

  onTestRunStart(): void {
    this.started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const suites = new Map<string, { files: number; tests: number; ms: number; slowest: { file: string; ms: number } }>();
    for (const m of modules) {
      const name = m.project.name || 'default';
      const d = m.diagnostic();
      const ms = d.duration + d.prepareDuration + d.setupDuration + d.collectDuration;
      const file = m.moduleId.replace(`${m.project.config.root}/`, '');
      const suite = suites.get(name) ?? { files: 0, tests: 0, ms: 0, slowest: { file: '', ms: 0 } };
      suite.files += 1;
      suite.tests += [...m.children.allTests()].length;
      suite.ms += ms;
      if (ms > suite.slowest.ms) suite.slowest = { file, ms };
      suites.set(name, suite);
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    const lines = [...suites].map(
      ([name, x]) =>
        `  ${name.padEnd(6)} ${String(x.files).padStart(4)} files ${String(x.tests).padStart(5)} tests ${s(x.ms).padStart(7)} in files   slowest: ${x.slowest.file} ${s(x.slowest.ms)}`,
    );
    console.log(`\nTime per suite (the run took ${s(performance.now() - this.started)} from start to end):\n${lines.join('\n')}\n`);
  }
}
