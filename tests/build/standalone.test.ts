import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './build-output.js';

/**
 * Every API test must pass when run alone (`vitest run -t '<name>'`): a test that counts rows an
 * earlier test made, or needs an earlier test's step, fails here. Running all of them alone takes an
 * hour, so each commit runs a sample: which tests is decided by the commit (STANDALONE_SEED
 * replays a sample), and over many commits every test gets its turn.
 */
const SAMPLE = Number(process.env.STANDALONE_SAMPLE ?? 6);
/** Files that are not plain behaviour tests: long runs, or a private Postgres cluster of their own. */
const SKIP = new Set(['load.test.ts', 'notices-fanout.test.ts', 'outage.test.ts', 'hostile-generated.test.ts', 'audit-long-chain.test.ts']);

interface Candidate {
  file: string;
  name: string;
}

/** Plain `it('…')` titles (not `it.each`), unique within their file so `-t` picks exactly one. */
function testsOf(file: string, source: string): Candidate[] {
  const names = [...source.matchAll(/^\s*it\((['`])((?:(?!\1).)+)\1,/gm)].map((m) => m[2]!);
  return names.filter((name) => names.filter((n) => n.includes(name)).length === 1).map((name) => ({ file, name }));
}

function seed(): string {
  if (process.env.STANDALONE_SEED) return process.env.STANDALONE_SEED;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'no-git';
  }
}

function sample(all: Candidate[], n: number, key: string): Candidate[] {
  const rank = (c: Candidate) => createHash('sha256').update(`${key} ${c.file} ${c.name}`).digest('hex');
  return [...all].sort((a, b) => rank(a).localeCompare(rank(b))).slice(0, n);
}

const asPattern = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const apiDir = join(root, 'tests/api');
const candidates = readdirSync(apiDir)
  .filter((f) => f.endsWith('.test.ts') && !SKIP.has(f))
  .flatMap((f) => testsOf(`tests/api/${f}`, readFileSync(join(apiDir, f), 'utf8')));
const key = seed();
const chosen = sample(candidates, SAMPLE, key);

describe(`API tests run alone (sample of ${SAMPLE} by ${key.slice(0, 12)})`, () => {
  it('finds the tests to choose from', () => {
    expect(candidates.length).toBeGreaterThan(250);
    expect(testsOf('x', "it('a b', x);\nit('a', y);\n  it(`c`, z);\nit.each([])('d', w);")).toEqual([
      { file: 'x', name: 'a b' },
      { file: 'x', name: 'c' },
    ]);
  });

  it.each(chosen.map((c) => [`${c.file} › ${c.name}`, c] as const))('%s', (_, c) => {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'api', c.file, '-t', asPattern(c.name), '--reporter', 'json'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, STANDALONE_SAMPLE: undefined }, maxBuffer: 64 << 20 },
    );
    const start = run.stdout.indexOf('{');
    const report = start >= 0 ? JSON.parse(run.stdout.slice(start)) : null;
    const detail = `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
    expect(report, detail).not.toBeNull();
    expect({ passed: report.numPassedTests, failed: report.numFailedTests }, detail).toEqual({ passed: 1, failed: 0 });
    expect(run.status, detail).toBe(0);
  });
});
