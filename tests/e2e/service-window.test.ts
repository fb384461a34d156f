import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleFrom } from '../../functions/_shared/title.js';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey (d): the service window', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a resident files a request, staff accept, reply and resolve it, the resident rates it', async () => {
    const shot = screenshots('d-service-window');
    const description = '我需要开一个居住证明，给孙子办理入学用。腿脚不方便，能不能请人送到家？';
    const reply = '您好，证明已经开好了，明天上午由网格员送到您家。';

    // The resident files a request: category tile, one description, no title
    const residentCtx = await phoneContext(app.browser);
    const resident = await residentCtx.newPage();
    await signIn(resident, app.server.url, DEMO.resident);
    await go(resident, app.server.url, '/pages/service/index');
    await resident.locator('#cat-certificate').waitFor();
    await shot(resident, 'categories');
    await tap(resident, 'cat-certificate');
    await fill(resident, 'request-description', description);
    await shot(resident, 'form-filled');
    await tap(resident, 'request-submit');
    await expect.poll(() => text(resident, '#request-status')).toBe('等待受理');
    // No title typed: the server derived it from the description, by the one shared rule
    expect(await text(resident, '#request-title')).toBe(titleFrom(description));
    const id = new URL(resident.url().replace('/#/', '/')).searchParams.get('id');
    expect(id).toBeTruthy();
    await shot(resident, 'submitted');

    // Staff work the request from the queue
    const staffCtx = await phoneContext(app.browser);
    const staff = await staffCtx.newPage();
    await signIn(staff, app.server.url, DEMO.staff);
    await tap(staff, 'staff-entry');
    await tap(staff, 'staff-queue');
    await staff.locator(`#request-${id}`).waitFor();
    await shot(staff, 'queue');
    // The queue as it is filtered now (待受理) downloads as a spreadsheet for the office
    await tap(staff, 'filter-status-submitted');
    await staff.locator(`#request-${id}`).waitFor();
    const [download] = await Promise.all([staff.waitForEvent('download'), tap(staff, 'queue-export')]);
    expect(download.suggestedFilename()).toBe('办事申请.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const rows: string[] = [];
    book.getWorksheet('办事申请')!.eachRow((row, n) => n > 1 && rows.push(`${row.getCell(3).value} ${row.getCell(5).value}`));
    expect(rows).toContain(`${titleFrom(description)} 待受理`);
    await tap(staff, 'filter-status-all');
    await tap(staff, `request-${id}`);
    await tap(staff, 'status-accepted');
    await expect.poll(() => text(staff, '#request-status')).toBe('已受理');
    await expect.poll(() => text(staff, '#request-assigned')).toBe('由您经办。');
    await fill(staff, 'reply-body', reply);
    await tap(staff, 'reply-submit');
    await expect.poll(() => text(staff, '#timeline')).toContain(reply);
    await tap(staff, 'status-in_progress');
    await expect.poll(() => text(staff, '#request-status')).toBe('正在办');
    await tap(staff, 'status-resolved');
    await expect.poll(() => text(staff, '#request-status')).toBe('已办好');
    await shot(staff, 'resolved');

    // The resident sees the reply and rates the result
    await resident.reload();
    await expect.poll(() => text(resident, '#request-status')).toBe('已办好');
    expect(await text(resident, '#timeline')).toContain(reply);
    // The newest answer from staff is repeated at the top, where nobody can miss it
    expect(await text(resident, '#latest-reply')).toContain(reply);
    await shot(resident, 'sees-reply');
    await tap(resident, 'star-5');
    await fill(resident, 'rating-comment', '办得快，谢谢！');
    await tap(resident, 'rating-submit');
    await expect.poll(() => text(resident, '#request-notice')).toBe('谢谢您的评价！');
    await expect.poll(() => resident.locator('#rating-card').count()).toBe(0);
    await shot(resident, 'rated');

    // Not solved after all: the resident reopens it and it goes back to 办理中
    await tap(resident, 'reopen-open');
    await fill(resident, 'reopen-reason', '证明上的名字写错了一个字。');
    await tap(resident, 'reopen-submit');
    await expect.poll(() => text(resident, '#request-status')).toBe('正在办');
    expect(await text(resident, '#request-notice')).toBe('已重新打开，工作人员会继续办理。');
    await shot(resident, 'reopened');

    // The staff dashboard draws its bars and numbers (the reopened request counts as open again)
    await go(staff, app.server.url, '/staff/dashboard/index');
    await staff.locator('#chart-categories').waitFor();
    const bar = staff.locator('[data-testid="bar-open-certificate"]');
    await expect.poll(async () => (await bar.boundingBox())?.width ?? 0).toBeGreaterThan(0);
    await expect.poll(() => text(staff, '#stat-rating-count')).not.toBe('0');
    await expect
      .poll(() =>
        staff
          .locator('[data-testid="bar-stars-5"]')
          .boundingBox()
          .then((b) => b?.width ?? 0),
      )
      .toBeGreaterThan(0);
    await shot(staff, 'dashboard');

    await staffCtx.close();
    await residentCtx.close();
  });

  it('says why the list of matters did not come, and brings it on 重试', async () => {
    const shot = screenshots('d-service-categories-failed');
    const ctx = await phoneContext(app.browser);
    const resident = await ctx.newPage();
    await signIn(resident, app.server.url, DEMO.resident);
    let cut = true;
    await ctx.route('**/api/service-categories', (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await go(resident, app.server.url, '/service/new/index');
    await expect.poll(() => text(resident, '#categories-error')).toContain('网络');
    expect(await resident.locator('.tile').count()).toBe(0);
    await shot(resident, 'categories-failed');
    cut = false;
    await tap(resident, 'categories-error-retry');
    await resident.locator('#pick-certificate').waitFor();
    expect(await resident.locator('#categories-error').count()).toBe(0);
    await ctx.close();
  });

  it('a request staff cannot take on is refused with a reason the resident can read', async () => {
    const shot = screenshots('d-service-rejected');
    const residentCtx = await phoneContext(app.browser);
    const resident = await residentCtx.newPage();
    await signIn(resident, app.server.url, DEMO.resident);
    await go(resident, app.server.url, '/service/new/index?code=other');
    await fill(resident, 'request-title', '帮忙办护照');
    await fill(resident, 'request-description', '我想办一本护照，去看在外地打工的儿子。');
    await tap(resident, 'request-submit');
    await expect.poll(() => text(resident, '#request-status')).toBe('等待受理');
    expect(await text(resident, '#request-title')).toBe('帮忙办护照');
    const id = new URL(resident.url().replace('/#/', '/')).searchParams.get('id');

    const staffCtx = await phoneContext(app.browser);
    const staff = await staffCtx.newPage();
    await signIn(staff, app.server.url, DEMO.staff);
    await go(staff, app.server.url, `/staff/request/index?id=${id}`);
    // Refusing needs a reason: the page asks for it before calling the server
    await tap(staff, 'status-rejected');
    // …beside the field, which is marked invalid and gets the focus
    await expect.poll(() => text(staff, '#status-note-error')).toContain('写明原因');
    // The field's ARIA wiring follows the error text by a frame or two (components/a11y.ts retries it).
    await expect.poll(() => staff.locator('#status-note textarea').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => staff.evaluate(() => document.activeElement?.closest('#status-note') !== null)).toBe(true);
    await fill(staff, 'status-note', '护照由县公安局出入境窗口办理，社区不能代办。');
    await fill(staff, 'status-refer-to', '县公安局出入境管理大队');
    await tap(staff, 'status-rejected');
    // Cannot be undone: the platform's dialog asks first
    await tap(staff, 'modal-confirm');
    await expect.poll(() => text(staff, '#request-status')).toBe('社区办不了');
    await shot(staff, 'rejected');

    await resident.reload();
    await expect.poll(() => text(resident, '#request-status')).toBe('社区办不了');
    await expect.poll(() => text(resident, '#refusal')).toContain('出入境窗口');
    await shot(resident, 'resident-sees-reason');
    await staffCtx.close();
    await residentCtx.close();
  });

  it('staff file a request on behalf of a resident without a phone (代办)', async () => {
    const shot = screenshots('d-service-on-behalf');
    const ctx = await phoneContext(app.browser);
    const staff = await ctx.newPage();
    await signIn(staff, app.server.url, DEMO.staff);
    await tap(staff, 'staff-entry');
    await tap(staff, 'staff-file-for');
    await staff.locator('[data-testid^="group-"]').first().click();
    const first = staff.locator('.pick-resident').first();
    await first.waitFor();
    const residentName = (await first.locator('.h2').textContent())?.trim() ?? '';
    await first.click();
    await tap(staff, 'file-cat-sanitation');
    await fill(staff, 'file-description', '楼道里的垃圾三天没人清了，老人上下楼不方便。');
    await shot(staff, 'filled');
    await tap(staff, 'file-submit');
    await expect.poll(() => text(staff, '#request-status')).toBe('等待受理');
    const header = await staff
      .locator('.card', { has: staff.locator('#request-status') })
      .first()
      .textContent();
    expect(header).toContain(residentName.replace(/^✓\s*/, ''));
    expect(header).toContain('代办');
    await shot(staff, 'filed');
    await ctx.close();
  });
});
