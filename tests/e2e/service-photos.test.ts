import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, newIdNumber, newPhone } from '../api/helpers.js';
import { jpegWithGps } from '../support/photos.js';
import { a11yContext, axeViolations, CARE, customFindings, NORMAL } from './a11y.js';
import { startApp } from './app.js';
import { browserAvailability, fill, go, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

/** Picks photos through the page's own file input (the H5 side of chooseMedia), as a phone would offer them. */
async function choosePhotos(page: Page, button: string, files: { name: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, button)]);
  await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: 'image/jpeg', buffer: f.buffer })));
}
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true });

/*
 * Journey (d2): photos on the service window and calling the resident (issue #24). A resident in
 * 大字模式 files with two photos; staff see them, call the resident, reply with a photo; the
 * resident sees the reply with its photo. Screenshots at 375 px in tests/e2e/screenshots/d2-photos.
 */
describe.runIf(run)('journey (d2): photos on a request, and calling the resident', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a resident in 大字模式 files with two photos; staff see them, call, reply with a photo; the resident sees it', async () => {
    const shot = screenshots('d2-photos');
    const { server } = app;
    // A resident who registered with a phone number and was verified at the window.
    const phone = newPhone();
    const registered = await server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '马秀英' } });
    expect(registered.status).toBe(201);
    const token = registered.body.token as string;
    const groups = (await server.request('GET', '/api/groups', { token })).body.items;
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token,
      body: { name: '马秀英', idNumber: newIdNumber('19580412'), groupId: groups[0].id },
    });
    expect(claim.status).toBe(201);
    const staffToken = await server.login(DEMO.staff.username, DEMO.staff.password);
    expect((await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: staffToken })).status).toBe(200);

    const residentCtx = await a11yContext(app.browser, { width: 375, care: true, token });
    const resident = await residentCtx.newPage();
    await go(resident, server.url, '/service/new/index?code=sanitation');
    await resident.locator('#request-description').waitFor();
    await fill(resident, 'request-description', '楼道里的水管爆了，水一直往外流，楼梯上全是水。');
    await choosePhotos(resident, 'request-photos-add', [
      { name: 'pipe-1.jpg', buffer: await jpegWithGps(3000, 2000, '#2f6f9f') },
      { name: 'pipe-2.jpg', buffer: await jpegWithGps(2000, 3000, '#9f6f2f') },
    ]);
    await expect.poll(() => visible(resident, '[data-testid="picked-photo"]').count()).toBe(2);
    await shot(resident, 'resident-form-two-photos-care');
    expect(await axeViolations(resident)).toEqual([]);
    expect(await customFindings(resident, CARE)).toEqual([]);
    await tap(resident, 'request-submit');
    await expect.poll(async () => (await visible(resident, '#request-status').first().textContent()) ?? '').toBe('等待受理');
    await expect.poll(() => visible(resident, '#request-photos [data-testid="photo"]').count()).toBe(2);
    const id = new URL(resident.url().replace('/#/', '/')).searchParams.get('id');
    expect(id).toBeTruthy();
    await shot(resident, 'resident-submitted-with-photos');

    // Staff open the request: the two photos, and the call button with the number revealed on tap.
    const staffCtx = await a11yContext(app.browser, { width: 375, care: false, token: staffToken });
    const staff = await staffCtx.newPage();
    await go(staff, server.url, `/staff/request/index?id=${id}`);
    await expect.poll(() => visible(staff, '#request-photos [data-testid="photo"]').count()).toBe(2);
    const thumbs = await visible(staff, '#request-photos img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(thumbs.every((w) => w === 360)).toBe(true);
    await shot(staff, 'staff-sees-photos');
    await tap(staff, 'request-call');
    await expect.poll(async () => (await visible(staff, '#request-call-number').first().textContent()) ?? '').toContain(phone);
    await shot(staff, 'staff-called');
    const reveals = await server.request('GET', `/api/service-requests/${id}`, { token: staffToken });
    expect(reveals.body.residentId).toBe(claim.body.resident.id);

    await fill(staff, 'reply-body', '维修工已关阀，下午来换管子。这是关阀后的照片。');
    await choosePhotos(staff, 'reply-photos-add', [{ name: 'valve.jpg', buffer: await jpegWithGps(1200, 900, '#3f8f3f') }]);
    await expect.poll(() => visible(staff, '#reply-photos [data-testid="picked-photo"]').count()).toBe(1);
    await tap(staff, 'reply-submit');
    await expect.poll(() => visible(staff, '#timeline [data-testid="photo"]').count()).toBe(1);
    await shot(staff, 'staff-replied-with-photo');

    // The resident sees the reply and its photo.
    await resident.reload();
    await expect.poll(() => visible(resident, '#timeline [data-testid="photo"]').count()).toBe(1);
    expect(await visible(resident, '#timeline').first().textContent()).toContain('维修工已关阀');
    await shot(resident, 'resident-sees-reply-photo-care');
    // Photos, pickers and the call button pass the same checks as every page: axe, text and target sizes.
    expect(await axeViolations(resident)).toEqual([]);
    expect(await customFindings(resident, CARE)).toEqual([]);
    expect(await axeViolations(staff)).toEqual([]);
    expect(await customFindings(staff, NORMAL)).toEqual([]);
    await residentCtx.close();
    await staffCtx.close();
  });

  it('a group leader calls a neighbour from 我的小组', async () => {
    const shot = screenshots('d2-group-call');
    const { server } = app;
    const leaderToken = await server.login(DEMO.leader1.username, DEMO.leader1.password);
    const leaderCtx = await a11yContext(app.browser, { width: 375, care: false, token: leaderToken });
    const leader = await leaderCtx.newPage();
    await go(leader, server.url, '/group/index/index');
    const call = visible(leader, '[id^="call-"]').first();
    await call.waitFor();
    const callId = await call.getAttribute('id');
    await tap(leader, callId!);
    await expect.poll(async () => (await visible(leader, `#${callId}-number`).first().textContent()) ?? '').toMatch(/1\d{10}/);
    await shot(leader, 'leader-called-neighbour');
    await leaderCtx.close();
  });
});
