import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so the run does not end waiting on one of them: the page check (every
 * page in four visits), then the other browser journeys and the build checks, then the API files,
 * then the unit files. Within each, vitest's own order (the slowest of the last run first).
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) =>
      f.moduleId.endsWith('a11y-pages.test.ts') ? 0 : f.project.name === 'e2e' || f.project.name === 'build' ? 1 : f.project.name === 'api' ? 2 : 3;
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
