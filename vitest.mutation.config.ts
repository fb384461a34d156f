import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): unit and API tests on
 * the embedded database, without the long runs (load, fan-out, chaos, generated input, the
 * 10,000-entry chain) which add minutes per mutant and kill nothing the others miss.
 * MUTATION_TESTS narrows them to one domain's tests (tests/mutation/run.ts sets it).
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only : ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
    exclude: [
      'tests/unit/dependencies.test.ts',
      'tests/api/load.test.ts',
      'tests/api/notices-fanout.test.ts',
      'tests/api/outage.test.ts',
      'tests/api/hostile-generated.test.ts',
      'tests/api/audit-long-chain.test.ts',
      'tests/api/*-race.test.ts',
      'tests/api/*-concurrency.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/mutation/load-routes.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
