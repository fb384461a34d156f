import type { Browser } from 'playwright-core';
import { ensureBuild } from '../build/build-output.js';
import { startTestServer } from '../support/server.js';
import { launchBrowser } from './browser.js';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * One server (clean seeded database) and one Chromium per test file. The H5 build is checked
 * again here so a single file run without the global setup still sees fresh code.
 */
export async function startApp(): Promise<{ server: TestServer; browser: Browser; close: () => Promise<void> }> {
  ensureBuild('h5');
  const server = await startTestServer();
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

export const DEMO = {
  staff: { username: 'staff', password: 'Staff#2026' },
  leader: { username: 'leader1', password: 'Leader#2026' },
  resident: { username: 'resident1', password: 'Resident#2026' },
} as const;
