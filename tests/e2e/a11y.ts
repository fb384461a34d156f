import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Accessibility checks for one rendered page (issue 9), shared by the page-visiting test and
 * any journey that wants them:
 * - axe-core, injected into the page: no serious or critical violation;
 * - what axe cannot see on Taro's custom elements: every clickable element (a React onClick)
 *   is focusable and has a role and a name; every input and textarea has a label; no text under
 *   17 px (22 px in care mode); no target under 44 px (60 px in care mode).
 */

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Limits {
  minText: number;
  minTarget: number;
}
export const NORMAL: Limits = { minText: 17, minTarget: 44 };
export const CARE: Limits = { minText: 22, minTarget: 60 };

export interface Finding {
  check: string;
  where: string;
  detail: string;
}

/** A browser context at the given width, signed in with `token` (Taro's storage format), care mode on or off. */
export async function a11yContext(browser: Browser, opts: { width: number; care: boolean; token?: string }): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.width >= 1000 ? 900 : 800 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // A PC for staff pages; a phone (touch, a phone's user agent) otherwise.
    ...(opts.width < 1000
      ? {
          isMobile: true,
          hasTouch: true,
          userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
        }
      : {}),
  });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(
    ({ token, care }) => {
      if (token && localStorage.getItem('token') === null) localStorage.setItem('token', JSON.stringify({ data: token }));
      // Only on the first load: a switch flipped on the page must survive a reload.
      if (localStorage.getItem('careMode') === null) localStorage.setItem('careMode', JSON.stringify({ data: care }));
    },
    { token: opts.token ?? '', care: opts.care },
  );
  countRequestsInFlight(context);
  return context;
}

/** Runs axe on the page; returns its serious and critical violations. */
export async function axeViolations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    // The visible page and the tab bar; Taro keeps earlier pages of the stack hidden in the DOM.
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => ({ check: `axe:${v.id}`, where: n.target.join(' '), detail: v.help })));
}

/** The checks axe cannot make on custom elements. */
export async function customFindings(page: Page, limits: Limits): Promise<Finding[]> {
  return page.evaluate((limits) => {
    const out: { check: string; where: string; detail: string }[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 20);
      return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
    };
    const nameOf = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      if (label?.trim()) return label.trim();
      const by = el.getAttribute('aria-labelledby');
      if (by)
        return by
          .split(/\s+/)
          .map((i) => document.getElementById(i)?.textContent ?? '')
          .join(' ')
          .trim();
      return (el.textContent ?? '').trim();
    };
    const nativeFocusable = (el: Element) => ['a', 'button', 'input', 'textarea', 'select'].includes(el.tagName.toLowerCase());
    const reactClickable = (el: Element) => {
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps'));
      if (!key) return false;
      const props = (el as unknown as Record<string, { onClick?: unknown }>)[key];
      return typeof props?.onClick === 'function';
    };

    const all = Array.from(document.querySelectorAll('*')).filter(visible);
    const clickables = all.filter(
      (el) => reactClickable(el) || el.classList.contains('weui-tabbar__item') || el.classList.contains('taro-navigation-bar-back'),
    );
    for (const el of clickables) {
      const role = el.getAttribute('role') ?? (nativeFocusable(el) ? el.tagName.toLowerCase() : '');
      const focusable = nativeFocusable(el) || (el.getAttribute('tabindex') !== null && Number(el.getAttribute('tabindex')) >= 0);
      if (!focusable) out.push({ check: 'clickable-focusable', where: describe(el), detail: 'clickable but no tab stop' });
      if (!role) out.push({ check: 'clickable-role', where: describe(el), detail: 'clickable without a role' });
      if (!nameOf(el)) out.push({ check: 'clickable-name', where: describe(el), detail: 'clickable without a name' });
      const r = el.getBoundingClientRect();
      if (r.height < limits.minTarget - 0.5 || r.width < limits.minTarget - 0.5) {
        out.push({ check: 'target-size', where: describe(el), detail: `${Math.round(r.width)}×${Math.round(r.height)} px, needs ${limits.minTarget}` });
      }
    }
    for (const input of all.filter((el) => el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) {
      if ((input as HTMLInputElement).type === 'hidden') continue;
      const labelled = nameOf(input) !== (input.textContent ?? '').trim() || (input as HTMLInputElement).labels?.length;
      if (!labelled || !nameOf(input)) out.push({ check: 'input-label', where: describe(input), detail: 'input without a label' });
      const r = input.getBoundingClientRect();
      const host = input.closest('taro-input-core, taro-textarea-core') ?? input;
      const hr = host.getBoundingClientRect();
      if (Math.max(r.height, hr.height) < limits.minTarget - 0.5)
        out.push({ check: 'target-size', where: describe(input), detail: `input ${Math.round(hr.height)} px high` });
      const size = Number.parseFloat(getComputedStyle(input).fontSize);
      if (size < limits.minText - 0.5) out.push({ check: 'text-size', where: describe(input), detail: `${size} px in an input` });
    }
    for (const el of all) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      if (!own) continue;
      if (el.closest('[aria-hidden="true"], script, style')) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < limits.minText - 0.5) out.push({ check: 'text-size', where: describe(el), detail: `${size} px` });
    }
    for (const img of all.filter((el) => el.tagName === 'IMG')) {
      if (!img.hasAttribute('alt')) out.push({ check: 'img-alt', where: describe(img), detail: 'image without alt' });
    }
    // Nothing cut off sideways: no element wider than the window makes the page scroll.
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      out.push({ check: 'reflow', where: 'document', detail: `page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window` });
    }
    return out;
  }, limits);
}

/** Waits for Taro's page slide-in and for loading text to go. */
/** Requests in flight per page of an `a11yContext`, counted from the browser's side. */
const inFlight = new WeakMap<Page, number>();

/** Counts each page's requests as the browser sends and finishes them (the page itself is untouched). */
function countRequestsInFlight(context: BrowserContext): void {
  const pageOf = (request: import('playwright-core').Request) => {
    try {
      return request.frame().page();
    } catch {
      return undefined;
    }
  };
  context.on('page', (page) => inFlight.set(page, 0));
  context.on('request', (request) => {
    const page = pageOf(request);
    if (page) inFlight.set(page, (inFlight.get(page) ?? 0) + 1);
  });
  const done = (request: import('playwright-core').Request) => {
    const page = pageOf(request);
    if (page) inFlight.set(page, Math.max(0, (inFlight.get(page) ?? 1) - 1));
  };
  context.on('requestfinished', done);
  context.on('requestfailed', done);
}

/**
 * Waits until the page has settled: no API request in flight and no 正在加载 on the page for
 * 250 ms (a page that asks for more once its first answer is in asks within that), at most 10 s.
 * A page opened outside `a11yContext` (no request count) waits a fixed 650 ms instead.
 */
export async function settle(page: Page): Promise<void> {
  const loadingShown = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.taro_page')).some((p) => (p as HTMLElement).offsetParent !== null && (p.textContent ?? '').includes('正在加载')),
    );
  if (!inFlight.has(page)) {
    await page.waitForTimeout(500);
    for (const end = Date.now() + 10_000; Date.now() < end && (await loadingShown()); ) await page.waitForTimeout(100);
    await page.waitForTimeout(150);
    return;
  }
  let quietSince: number | undefined;
  for (const end = Date.now() + 10_000; Date.now() < end; ) {
    const busy = (inFlight.get(page) ?? 0) > 0 || (await loadingShown());
    if (busy) quietSince = undefined;
    else {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= 250) return;
    }
    await page.waitForTimeout(50);
  }
}

/** The full-height screenshot (Taro's pages scroll inside their own container). */
export async function fullShot(page: Page, file: string): Promise<void> {
  const size = page.viewportSize();
  const height = await page.evaluate(() =>
    Math.max(window.innerHeight, ...Array.from(document.querySelectorAll('.taro_page, .taro_router')).map((e) => e.scrollHeight)),
  );
  if (size && height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(height + 60, 5000) });
  await page.screenshot({ path: file, fullPage: true });
  if (size && height > size.height) await page.setViewportSize(size);
}

/**
 * The browser's default font size, as a person sets it in the browser's settings (16 px unless
 * raised): set on the page through the DevTools protocol before it loads.
 */
export async function setDefaultFontSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8) } });
}

/**
 * Lines too narrow to read: any visible element with 8 or more characters of its own text whose
 * box holds fewer than about 8 characters a line (width ÷ font size under 7), where words break
 * every few characters (「一般 5 / 天内办 / 好」).
 */
export async function narrowLines(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const out: { check: string; where: string; detail: string }[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if ([...own].length < 8) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const size = Number.parseFloat(style.fontSize);
      const perLine = r.width / size;
      // A short text in a box as wide as itself is one line, not a narrow one: only text that wraps counts.
      const lineHeight = Number.parseFloat(style.lineHeight) || size * 1.4;
      if (r.height < lineHeight * 1.5) continue;
      if (perLine < 7)
        out.push({
          check: 'narrow-line',
          where: own.slice(0, 20),
          detail: `${perLine.toFixed(1)} characters a line (${Math.round(r.width)} px at ${size} px)`,
        });
    }
    return out;
  });
}
