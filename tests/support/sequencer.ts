import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The page check first (every page in four visits, in two files, the longest: they start as soon
 * as the H5 build they wait for is done), then the API files while the builds run in the background, then
 * the build checks and the other browser journeys (their builds done by then), then the unit
 * files. Within each, vitest's own order (the slowest of the last run first).
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) =>
      /a11y-pages-[a-z]+\.test\.ts$/.test(f.moduleId) ? 0 : f.project.name === 'api' ? 1 : f.project.name === 'e2e' || f.project.name === 'build' ? 2 : 3;
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
