import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser.js';
import { fakeIdNumber, fakePhone } from './id-number.js';

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
    // (signing out asks first)
    await tap(page, 'logout-button');
    await tap(page, 'modal-confirm');
    await page.locator('#login-button').waitFor();
    await tap(page, 'login-button');
    // One field takes the phone number or the username
    await fill(page, 'login-username', phone);
    await fill(page, 'login-password', 'wrong-password-1');
    await tap(page, 'login-submit');
    // The server's own words, with the tries left before the lock
    await expect.poll(() => text(page, '#login-error')).toBe('账号或密码不对。再错4次账号将被锁定15分钟。');
    await shot(page, 'wrong-password');

    // The right password
    await fill(page, 'login-password', password);
    await tap(page, 'login-submit');
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
    await signIn(staff, app.server.url, DEMO.staff);
    await tap(staff, 'staff-entry');
    await shot(staff, 'staff-workbench');
    await tap(staff, 'staff-residents');
    const card = staff.locator('.resident-card', { hasText: name }).first();
    await card.waitFor();
    await shot(staff, 'staff-pending-residents');
    await card.locator('[data-testid^="verify-"]').click();
    // 审核通过 cannot be undone: the dialog asks first
    await tap(staff, 'modal-confirm');
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
    await signIn(staff, app.server.url, DEMO.staff);
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
    // …beside the field, which is marked invalid (by the effect after the render that shows the words)
    await expect.poll(() => text(staff, '#resident-id-number-error')).toBe('身份证号是 18 位，请核对。');
    await expect.poll(() => staff.locator('#resident-id-number input').getAttribute('aria-invalid')).toBe('true');
    await ctx.close();
  });
});
