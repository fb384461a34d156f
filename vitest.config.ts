import os from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/support/sequencer.js';

/**
 * Test files run in parallel workers, each with its own database (a PGlite copy, or a database
 * made from the seeded template on a server). Most of a file's time is spent waiting (on the
 * database server, on Chromium, on a build), so one worker more than the cores keeps them busy;
 * vitest's default (cores − 1) ran one file at a time on a 2-core machine. TEST_WORKERS overrides.
 */
const workers = Number(process.env.TEST_WORKERS ?? os.availableParallelism() + 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    // The default report, then the time of each suite (tests/support/suite-times.ts).
    reporters: ['default', './tests/support/suite-times.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      // A few unit tests load every route module (seconds on a busy machine): the limit is for a hang.
      // Modules are loaded once per worker (isolate: false): 13 s of CPU for the unit files against 23 s.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false, testTimeout: 60_000 } },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // A worker keeps the modules it has loaded from one file to the next (each file still
          // starts its own server on its own copy of the database): the app's modules are loaded
          // once per worker instead of once per file, a third of the suite's CPU time.
          isolate: false,
          // Limits guard against a test that hangs, not against a busy machine.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts', 'tests/e2e/global-setup.ts'],
          // The browser files run after the others (a group of their own), three at a time on 2
          // cores (two left a core idle a fifth of the time while pages waited), each with its own
          // server, database and Chromium: side by side with the API files they slowed each other
          // (a page check polls the page while it waits) and the run took longer.
          sequence: { groupOrder: 1 },
          // As in the API suite: the harness's modules are loaded once per worker, not per file.
          isolate: false,
          maxWorkers: Math.min(3, workers),
          testTimeout: 180_000,
          hookTimeout: 900_000,
          // A page waits on the server (a photo re-encoded, a list loaded): on a busy machine that
          // takes longer than expect.poll's default second; the limit is for a page that never shows it.
          expect: { poll: { timeout: 30_000 } },
        },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          globalSetup: ['tests/build/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
