import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, its headless shell first (/usr/bin/chromium-headless-shell, the package
 * chromium-headless-shell: the same Blink without the browser's window machinery, what Playwright
 * itself runs headless: the residents' page check took 106 s of CPU against 225 s, two journeys
 * 51 s against 70 s), else
 * /usr/bin/chromium, else whatever `command -v` finds. CHROMIUM_PATH overrides.
 */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const path of ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium']) if (existsSync(path)) return path;
  for (const name of ['chromium-headless-shell', 'chromium', 'chromium-browser']) {
    try {
      const found = execSync(`command -v ${name}`, { encoding: 'utf8', shell: '/bin/sh' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

export const chromiumPath = findChromium();

/**
 * Decides whether the browser journeys run. In CI a missing Chromium is a failure (the journeys
 * are a quality bar there); on a newcomer's machine it is a skip with instructions.
 */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (chromiumPath) return { run: true };
  const reason = 'Chromium not found: apt-get update && apt-get install -y chromium (then re-run npm run test:e2e)';
  if (process.env.CI) throw new Error(`[e2e] ${reason}. CI is set, so this is a failure, not a skip.`);
  console.warn(`[e2e] skipping browser journeys. ${reason}`);
  return { run: false, reason };
}

// Flags from FACTS.md: headless on a closed network without Chromium phoning home.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Each launch gets its own fresh temporary profile (user-data-dir) from Playwright. */
export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found');
  return chromium.launch({ executablePath: chromiumPath, args: ARGS, headless: true });
}

/** A phone-sized context, as most residents see the app. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** A PC browser, as staff use it (and where signing in by scanning a QR code makes sense). */
export async function pcContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  return context;
}

export const screenshotDir = join(import.meta.dirname, 'screenshots');

/** Screenshot per journey step: tests/e2e/screenshots/<journey>/<nn>-<step>.png (one journey name per test). */
export function screenshots(journey: string) {
  let n = 0;
  const dir = join(screenshotDir, journey);
  // One folder per journey, emptied first so old steps never mix with this run's.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return async (page: Page, step: string) => {
    n += 1;
    // Let Taro's page slide-in finish, or the picture shows half a page.
    await page.waitForTimeout(450);
    const file = join(dir, `${String(n).padStart(2, '0')}-${step}.png`);
    // Taro's H5 pages scroll inside their own container, so a full-page shot is only the viewport:
    // grow the viewport to the page's height for the picture, then put it back.
    const size = page.viewportSize();
    const height = await page.evaluate(() =>
      Math.max(window.innerHeight, ...Array.from(document.querySelectorAll('.taro_page, .taro_router')).map((e) => e.scrollHeight)),
    );
    if (size && height > size.height) {
      await page.setViewportSize({ width: size.width, height: Math.min(height + 60, 4000) });
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        for (const e of Array.from(document.querySelectorAll('.taro_page'))) e.scrollTop = 0;
      });
    }
    await page.screenshot({ path: file, fullPage: true });
    if (size && height > size.height) await page.setViewportSize(size);
    return file;
  };
}

/** Open an app route (hash router): `go(page, url, '/pages/me/index')`. */
export async function go(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`);
}

/** Type into a Taro Input/Textarea, which wraps the real element in a custom element. */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  // Taro's H5 router keeps earlier pages of the stack in the document, hidden: act on the shown one.
  const inner = page.locator(`#${id} input, #${id} textarea`).filter({ visible: true }).first();
  await inner.fill(value);
}

export async function tap(page: Page, id: string): Promise<void> {
  await page.locator(`#${id}`).filter({ visible: true }).click();
}

/** A phone-sized context signed in with an API token (Taro's H5 storage wraps values as `{ data }`). */
export async function contextWithToken(browser: Browser, token: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await phoneContext(browser);
  await ctx.addInitScript((t) => window.localStorage.setItem('token', JSON.stringify({ data: t })), token);
  return { ctx, page: await ctx.newPage() };
}

/** Answers the question asked before an act that cannot be undone (confirmFirst) with its confirm button. */
export async function confirmDialog(page: Page): Promise<void> {
  await page.locator('#modal-confirm').filter({ visible: true }).click();
}
