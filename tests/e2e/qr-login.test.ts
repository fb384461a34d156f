import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, go, pcContext, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey (c): signing in on a PC by scanning a QR code', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('signs the browser in once the mini-program confirms the ticket', async () => {
    const shot = screenshots('c-qr-login');
    // A PC's browser: the only place the QR tab is offered (a phone has nothing to scan it with)
    const ctx = await pcContext(app.browser);
    const page = await ctx.newPage();
    await go(page, app.server.url, '/auth/login/index');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/auth/qr') && r.request().method() === 'POST');
    await tap(page, 'login-tab-qr');
    const { ticket } = (await (await created).json()) as { ticket: string };
    await expect.poll(() => page.locator('#qr-image img').getAttribute('src')).toMatch(/^data:image\//);
    // The mini-program named as the build names it (TARO_APP_NAME; the demo's default).
    expect(await text(page, '.title')).toBe('登录八珠街社区');
    expect(await text(page, '#qr-status')).toBe('请用微信打开“八珠街社区”小程序，扫描上面的二维码。');
    await shot(page, 'qr-shown');

    // What the mini-program's qr-confirm page does, with a signed-in resident's token
    const token = await app.server.login(DEMO.resident.username, DEMO.resident.password);
    const me = (await app.server.request('GET', '/api/me', { token })).body as { account: { name: string } };
    const confirm = await app.server.request('POST', `/api/auth/qr/${ticket}/confirm`, { token });
    expect(confirm.status).toBe(200);

    await expect.poll(() => text(page, '#me-name'), { timeout: 15_000 }).toBe(me.account.name);
    await shot(page, 'signed-in');
    await ctx.close();
  });

  it('also signs in through the mini-program page opened by the code (scene = ticket)', async () => {
    const shot = screenshots('c-qr-login-page');
    const pc = await pcContext(app.browser);
    const browser = await pc.newPage();
    await go(browser, app.server.url, '/auth/login/index');
    const created = browser.waitForResponse((r) => r.url().endsWith('/api/auth/qr') && r.request().method() === 'POST');
    await tap(browser, 'login-tab-qr');
    const { ticket } = (await (await created).json()) as { ticket: string };

    // The "phone": a signed-in resident opens auth/qr-confirm with the code's scene
    const phoneCtx = await phoneContext(app.browser);
    const phone = await phoneCtx.newPage();
    await signIn(phone, app.server.url, DEMO.resident);
    const name = await phone.locator('#me-name').textContent();
    await go(phone, app.server.url, `/auth/qr-confirm/index?scene=${encodeURIComponent(ticket)}`);
    await phone.locator('#qr-confirm-button').waitFor();
    expect(await phone.getByText('确认在电脑上登录八珠街社区？').count()).toBe(1);
    // Opening the page already tells the browser the code was scanned
    await expect.poll(() => text(browser, '#qr-status'), { timeout: 10_000 }).toContain('已扫码');
    await shot(phone, 'phone-asks');
    await shot(browser, 'browser-scanned');
    await tap(phone, 'qr-confirm-button');
    await expect.poll(() => text(phone, '#qr-confirm-done')).toContain('已确认');
    await shot(phone, 'phone-confirmed');

    await expect.poll(() => text(browser, '#me-name'), { timeout: 15_000 }).toBe(name);
    await shot(browser, 'browser-signed-in');
    await phoneCtx.close();
    await pc.close();
  });
});
