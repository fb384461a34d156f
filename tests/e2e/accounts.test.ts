import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '../../miniapp/src/locale/zh-CN';
import { DEMO, startApp } from './app';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser';
import { fakeIdNumber, fakePhone } from './id-number';

const { run } = browserAvailability();

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey (b): a new resident registers, claims residency and is verified', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('goes from registration to 已认证, with a clear message for a wrong password', async () => {
    const shot = screenshots('b-accounts');
    const phone = fakePhone();
    const password = 'Chunshu2026';
    const name = '张桂兰';

    const residentCtx = await phoneContext(app.browser);
    const page = await residentCtx.newPage();

    // Register
    await go(page, app.server.url, '/pages/me/index');
    await page.locator('#login-button').waitFor();
    await shot(page, 'me-signed-out');
    await tap(page, 'login-button');
    await tap(page, 'register-link');
    await fill(page, 'register-phone', phone);
    await fill(page, 'register-name', name);
    await fill(page, 'register-password', password);
    await fill(page, 'register-password2', password);
    await shot(page, 'register-filled');
    await tap(page, 'register-submit');
    await expect.poll(() => text(page, '#me-name')).toBe(name);
    await shot(page, 'registered');

    // Sign out, then a wrong password: a plain Chinese sentence, not a code
    await tap(page, 'logout-button');
    await page.locator('#login-button').waitFor();
    await tap(page, 'login-button');
    await tap(page, 'login-tab-phone');
    await fill(page, 'login-phone-phone', phone);
    await fill(page, 'login-phone-password', 'wrong-password-1');
    await tap(page, 'login-phone-submit');
    await expect.poll(() => text(page, '#login-error')).toBe(errorMessages.INVALID_CREDENTIALS);
    await shot(page, 'wrong-password');

    // The right password
    await fill(page, 'login-phone-password', password);
    await tap(page, 'login-phone-submit');
    await expect.poll(() => text(page, '#me-name')).toBe(name);

    // Claim residency
    await tap(page, 'claim-open');
    await fill(page, 'claim-name', name);
    await fill(page, 'claim-id-number', fakeIdNumber());
    await page.locator('[data-testid^="group-"]').first().click();
    await shot(page, 'claim-filled');
    await tap(page, 'claim-submit');
    await expect.poll(() => text(page, '#resident-status')).toBe('待审核');
    await shot(page, 'claim-pending');

    // Staff, in a second browser context, verifies the claim
    const staffCtx = await phoneContext(app.browser);
    const staff = await staffCtx.newPage();
    await go(staff, app.server.url, '/auth/login/index');
    await fill(staff, 'login-username', DEMO.staff.username);
    await fill(staff, 'login-password', DEMO.staff.password);
    await tap(staff, 'login-submit');
    await tap(staff, 'staff-entry');
    await shot(staff, 'staff-workbench');
    await tap(staff, 'staff-residents');
    const card = staff.locator('.resident-card', { hasText: name }).first();
    await card.waitFor();
    await shot(staff, 'staff-pending-residents');
    await card.locator('[data-testid^="verify-"]').click();
    await expect.poll(() => card.locator('.tag').textContent()).toBe('已认证');
    await shot(staff, 'staff-verified');

    // The resident sees 已认证
    await go(page, app.server.url, '/pages/home/index');
    await go(page, app.server.url, '/pages/me/index');
    await page.reload();
    await expect.poll(() => text(page, '#resident-status')).toBe('已认证');
    await shot(page, 'resident-verified');

    await staffCtx.close();
    await residentCtx.close();
  });
});

describe.runIf(run)('staff enter a resident without a phone at the window', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records the resident as verified at once', async () => {
    const shot = screenshots('b-window-resident');
    const ctx = await phoneContext(app.browser);
    const staff = await ctx.newPage();
    await go(staff, app.server.url, '/auth/login/index');
    await fill(staff, 'login-username', DEMO.staff.username);
    await fill(staff, 'login-password', DEMO.staff.password);
    await tap(staff, 'login-submit');
    await tap(staff, 'staff-entry');
    await tap(staff, 'staff-resident-new');
    await fill(staff, 'resident-name', '李秀英');
    await fill(staff, 'resident-id-number', fakeIdNumber('19480705'));
    await staff.locator('[data-testid^="group-"]').nth(1).click();
    await shot(staff, 'filled');
    await tap(staff, 'resident-submit');
    await expect.poll(() => text(staff, '#resident-new-done')).toContain('已登记：李秀英');
    expect(await text(staff, '#resident-new-done')).toContain('已认证');
    await shot(staff, 'done');

    // A bad ID number is refused with the locale's sentence (client-side check first)
    await fill(staff, 'resident-name', '王大山');
    await fill(staff, 'resident-id-number', '62042119480705123');
    await tap(staff, 'resident-submit');
    await expect.poll(() => text(staff, '#resident-new-error')).toBe('身份证号是 18 位，请核对。');
    await ctx.close();
  });
});

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
    const ctx = await phoneContext(app.browser);
    const page = await ctx.newPage();
    await go(page, app.server.url, '/auth/login/index');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/auth/qr') && r.request().method() === 'POST');
    await tap(page, 'login-tab-qr');
    const { ticket } = (await (await created).json()) as { ticket: string };
    await expect.poll(() => page.locator('#qr-image img').getAttribute('src')).toMatch(/^data:image\//);
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
    const pc = await phoneContext(app.browser);
    const browser = await pc.newPage();
    await go(browser, app.server.url, '/auth/login/index');
    const created = browser.waitForResponse((r) => r.url().endsWith('/api/auth/qr') && r.request().method() === 'POST');
    await tap(browser, 'login-tab-qr');
    const { ticket } = (await (await created).json()) as { ticket: string };

    // The "phone": a signed-in resident opens auth/qr-confirm with the code's scene
    const phoneCtx = await phoneContext(app.browser);
    const phone = await phoneCtx.newPage();
    await go(phone, app.server.url, '/auth/login/index');
    await fill(phone, 'login-username', DEMO.resident.username);
    await fill(phone, 'login-password', DEMO.resident.password);
    await tap(phone, 'login-submit');
    const name = await phone.locator('#me-name').textContent();
    await go(phone, app.server.url, `/auth/qr-confirm/index?scene=${encodeURIComponent(ticket)}`);
    await phone.locator('#qr-confirm-button').waitFor();
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
