import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yContext, fullShot } from './a11y.js';
import { DEMO, startApp } from './app.js';
import { browserAvailability, go, screenshots } from './browser.js';

const { run } = browserAvailability();

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/**
 * Presses Tab (only Tab) until the focus is on the element `selector` matches (or inside it),
 * and fails when it never gets there: the element must be reachable by keyboard.
 */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate((sel) => {
      const active = document.activeElement;
      const target = Array.from(document.querySelectorAll(sel)).find((el) => (el as HTMLElement).offsetParent !== null);
      return !!active && !!target && (active === target || target.contains(active));
    }, selector);
    if (there) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe.runIf(run)('a keyboard-only journey (Tab and Enter, no mouse)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a resident signs in and files a request; staff sign in, accept it and resolve it', async () => {
    const shot = screenshots('k-keyboard');
    const description = '家门口的路灯坏了一个星期，晚上出门看不见路。';

    // The resident signs in: Tab to each field, type, Enter submits
    const residentCtx = await a11yContext(app.browser, { width: 375, care: false });
    const resident = await residentCtx.newPage();
    await go(resident, app.server.url, '/auth/login/index');
    await resident.locator('#login-submit').waitFor();
    await tabTo(resident, '#login-username');
    await resident.keyboard.type(DEMO.resident.username);
    await tabTo(resident, '#login-password');
    await resident.keyboard.type(DEMO.resident.password);
    await resident.keyboard.press('Enter');
    await resident.locator('#me-name').waitFor();
    await shot(resident, 'resident-signed-in');

    // …to the 办事 tab in the tab bar, a category tile, the description and 提交
    await tabTo(resident, '.weui-tabbar__item:nth-child(2)');
    await resident.keyboard.press('Enter');
    await resident.locator('#cat-sanitation').waitFor();
    await tabTo(resident, '#cat-sanitation');
    await resident.keyboard.press('Enter');
    await resident.locator('#request-description').waitFor();
    await tabTo(resident, '#request-description');
    await resident.keyboard.type(description);
    await tabTo(resident, '#request-submit');
    await shot(resident, 'resident-filled');
    await resident.keyboard.press('Enter');
    await expect.poll(() => text(resident, '#request-status')).toBe('等待受理');
    const id = new URL(resident.url().replace('/#/', '/')).searchParams.get('id');
    expect(id).toBeTruthy();
    await shot(resident, 'resident-filed');

    // Staff sign in the same way and land on 工作台
    const staffCtx = await a11yContext(app.browser, { width: 1280, care: false });
    const staff = await staffCtx.newPage();
    await go(staff, app.server.url, '/auth/login/index');
    await staff.locator('#login-submit').waitFor();
    await tabTo(staff, '#login-username');
    await staff.keyboard.type(DEMO.staff.username);
    await tabTo(staff, '#login-password');
    await staff.keyboard.type(DEMO.staff.password);
    await tabTo(staff, '#login-submit');
    await staff.keyboard.press('Enter');
    await staff.locator('#staff-home').waitFor();
    await shot(staff, 'staff-workbench');

    // 办事队列 → the new request → 受理 → 开始办理 → 办好了
    await tabTo(staff, '#staff-queue');
    await staff.keyboard.press('Enter');
    await staff.locator(`#request-${id}`).waitFor();
    await tabTo(staff, `#request-${id}`, 200);
    await shot(staff, 'staff-queue');
    await staff.keyboard.press('Enter');
    await staff.locator('#status-accepted').waitFor();
    await tabTo(staff, '#status-accepted');
    await staff.keyboard.press('Enter');
    await expect.poll(() => text(staff, '#request-status')).toBe('已受理');
    await tabTo(staff, '#status-in_progress');
    await staff.keyboard.press('Enter');
    await expect.poll(() => text(staff, '#request-status')).toBe('正在办');
    await tabTo(staff, '#status-resolved');
    await staff.keyboard.press('Space');
    await expect.poll(() => text(staff, '#request-status')).toBe('已办好');
    await fullShot(staff, join(import.meta.dirname, 'screenshots', 'k-keyboard', '99-staff-resolved.png'));

    // The resident sees it done
    await resident.reload();
    await expect.poll(() => text(resident, '#request-status')).toBe('已办好');
    await staffCtx.close();
    await residentCtx.close();
  });

  it('a refusal asks first in a dialog the keyboard can answer (Escape cancels, Enter confirms)', async () => {
    const token = await app.server.login(DEMO.resident.username, DEMO.resident.password);
    const filed = await app.server.request('POST', '/api/service-requests', {
      token,
      body: { categoryCode: 'other', title: '办护照', description: '我想办一本护照。' },
    });
    const staffToken = await app.server.login(DEMO.staff.username, DEMO.staff.password);
    const ctx = await a11yContext(app.browser, { width: 375, care: false, token: staffToken });
    const staff = await ctx.newPage();
    await go(staff, app.server.url, `/staff/request/index?id=${filed.body.id}`);
    await staff.locator('#status-rejected').waitFor();

    // Without a reason: the error sits beside the 说明 field, which gets the focus
    await tabTo(staff, '#status-rejected');
    await staff.keyboard.press('Enter');
    await expect.poll(() => text(staff, '#status-note-error')).toContain('写明原因');
    await expect.poll(() => staff.evaluate(() => !!document.activeElement?.closest('#status-note'))).toBe(true);
    await staff.keyboard.type('护照由县公安局出入境窗口办理。');

    await tabTo(staff, '#status-rejected');
    await staff.keyboard.press('Enter');
    await staff.locator('#modal-confirm').waitFor();
    await expect.poll(() => staff.evaluate(() => document.activeElement?.id)).toBe('modal-confirm');
    await staff.keyboard.press('Escape');
    await expect.poll(() => staff.locator('.taro__modal').evaluate((m) => getComputedStyle(m).display)).toBe('none');
    expect(await text(staff, '#request-status')).toBe('等待受理');

    await tabTo(staff, '#status-rejected');
    await staff.keyboard.press('Enter');
    await expect.poll(() => staff.evaluate(() => document.activeElement?.id)).toBe('modal-confirm');
    await staff.keyboard.press('Enter');
    await expect.poll(() => text(staff, '#request-status')).toBe('社区办不了');
    await ctx.close();
  });

  it('text follows the browser’s default font size, and 大字模式 (switched by keyboard) makes it 1.3× and is remembered', async () => {
    const ctx = await a11yContext(app.browser, { width: 375, care: false });
    const page = await ctx.newPage();
    const size = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.querySelector('.page .h2') as Element).fontSize));
    await go(page, app.server.url, '/pages/me/index');
    await page.locator('#care-switch').waitFor();
    const base = await size();
    expect(base).toBeGreaterThanOrEqual(20);

    // A person who set their browser's text larger (16 → 20 px) gets larger text here too
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
    await page.reload();
    await page.locator('#care-switch').waitFor();
    expect(await size()).toBeCloseTo((base * 20) / 16, 0);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await page.reload();
    await page.locator('#care-switch').waitFor();
    expect(await size()).toBeCloseTo(base, 0);

    // 大字模式 by keyboard: a switch, announced as on, everything 1.3×
    await tabTo(page, '#care-switch');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#care-switch').getAttribute('aria-checked')).toBe('true');
    await expect.poll(size).toBeCloseTo(base * 1.3, 0);
    await page.reload();
    await page.locator('#care-switch').waitFor();
    expect(await page.locator('#care-switch').getAttribute('aria-checked')).toBe('true');
    expect(await size()).toBeCloseTo(base * 1.3, 0);
    await ctx.close();
  });
});
