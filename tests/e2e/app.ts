import type { Browser, Page } from 'playwright-core';
import { ensureBuild } from '../build/build-output.js';
import { startTestServer } from '../support/server.js';
import { fill, go, launchBrowser, tap } from './browser.js';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * One server (clean seeded database) and one Chromium per test file. The H5 build is checked
 * again here so a single file run without the global setup still sees fresh code.
 */
export async function startApp(
  options: { settings?: Record<string, string> } = {},
): Promise<{ server: TestServer; browser: Browser; close: () => Promise<void> }> {
  ensureBuild('h5');
  const server = await startTestServer(options);
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

/**
 * Signs in through the H5 login page (one field: 手机号或账号) and ends on 我的 with the name
 * shown. Staff land on 工作台 after signing in; this helper then opens 我的, so every journey
 * starts from the same place.
 */
export async function signIn(page: Page, baseUrl: string, who: { username: string; password: string }): Promise<void> {
  await go(page, baseUrl, '/auth/login/index');
  await fill(page, 'login-username', who.username);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
  await page.locator('#me-name, #staff-home').first().waitFor();
  if (await page.locator('#staff-home').isVisible()) {
    // Back to 我的 as a fresh document: Taro's H5 router would keep 工作台 in its page stack, and a
    // journey that opens 工作台 again would then find every button twice.
    await go(page, baseUrl, '/pages/me/index');
    await page.reload();
    await page.locator('#me-name').waitFor();
  }
}
