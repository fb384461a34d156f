import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, confirmDialog, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** A China-time date `days` from now, YYYY-MM-DD. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.runIf(run)('journey (f): the election, from setting it up to the confirmed representatives', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('committee sets up and registers → leader files for a resident and nominates two → committee confirms → a resident sees it', async () => {
    const shot = screenshots('f-election');
    const electionDay = chinaDay(40);

    // The committee creates the election and registers every eligible resident at once.
    const staffCtx = await phoneContext(app.browser);
    const staff = await staffCtx.newPage();
    await signIn(staff, app.server.url, DEMO.staff);
    await tap(staff, 'staff-entry');
    await tap(staff, 'staff-election');
    await staff.locator('#new-election').waitFor();
    // The title is offered in the community's own name.
    await expect.poll(() => staff.locator('#election-title input').filter({ visible: true }).inputValue()).toBe('八珠街社区居民委员会选举');
    await fill(staff, 'election-day-input', electionDay);
    await shot(staff, 'create-election');
    await tap(staff, 'election-create');
    await expect.poll(() => text(staff, '#manage-notice')).toContain('已创建');
    // The desk lists the election's steps in the law's order; the first is to register the voters.
    await expect.poll(() => text(staff, '#step-voterList-state')).toBe('还不能办');
    await shot(staff, 'desk-new-election');
    await tap(staff, 'manage-register-all');
    // It cannot be undone once the list is on the wall: the page asks first.
    expect(await text(staff, '.taro-modal__text')).toContain('名单公布后，只能通过异议决定更改');
    await confirmDialog(staff);
    await expect.poll(() => text(staff, '#manage-notice')).toMatch(/已登记 \d+ 名选民/);
    await expect.poll(() => text(staff, '#step-voters')).not.toContain('已登记选民 0 人');
    await expect.poll(() => text(staff, '#step-voterList-state')).toMatch(/^待办（\d+月\d+日前）$/);
    await shot(staff, 'voters-registered');
    const [download] = await Promise.all([staff.waitForEvent('download'), tap(staff, 'manage-export-voters')]);
    expect(download.suggestedFilename()).toBe('选民名单.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.getWorksheet('选民名单')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '居民小组', '户', '姓名', '身份证号', '年龄']);
    expect(sheet.rowCount).toBeGreaterThan(20);
    await tap(staff, 'step-voters-go');
    await staff.locator('[id^="household-"]').first().waitFor();
    await shot(staff, 'households');

    // The leader opens 我的小组 from 我的.
    const leaderToken = await app.server.login(DEMO.leader.username, DEMO.leader.password);
    const groups = (await app.server.request('GET', '/api/groups', { token: leaderToken })).body.items;
    const people = (await app.server.request('GET', `/api/groups/${groups[0].id}/residents`, { token: leaderToken })).body.items as {
      id: string;
      name: string;
      voter: boolean;
    }[];
    const zhang = people.find((p) => p.name === '张桂兰')!;
    const other = people.find((p) => p.voter && p.name !== '张桂兰' && p.name !== '李建国')!;
    expect(zhang.voter).toBe(true);

    const leaderCtx = await phoneContext(app.browser);
    const leader = await leaderCtx.newPage();
    await signIn(leader, app.server.url, DEMO.leader);
    await tap(leader, 'me-group');
    await leader.locator(`#resident-${zhang.id}`).waitFor();
    expect(await text(leader, '#group-name')).toBe('第一居民小组');
    await shot(leader, 'my-group');

    // 代办 for 张桂兰 from the group's list.
    await tap(leader, `file-for-${zhang.id}`);
    await leader.locator('#file-cat-other').waitFor();
    await tap(leader, 'file-cat-other');
    await fill(leader, 'file-description', '张桂兰家的自来水管冻裂了，请社区帮忙联系维修。');
    await shot(leader, 'file-for');
    await tap(leader, 'file-submit');
    await expect.poll(() => leader.url()).toContain('/service/detail/index');
    await shot(leader, 'filed');

    // Two representatives.
    await go(leader, app.server.url, '/group/index/index');
    // The first with the group meeting that elected her (the election is by all voters, so it may be left out, as for the second).
    await tap(leader, `nominate-open-${zhang.id}`);
    await fill(leader, `meeting-on-${zhang.id}`, chinaDay(-1));
    await fill(leader, `meeting-present-${zhang.id}`, '23');
    await fill(leader, `meeting-votes-${zhang.id}`, '17');
    await shot(leader, 'meeting-record');
    await tap(leader, `nominate-${zhang.id}`);
    await expect.poll(() => text(leader, '#group-notice')).toContain('已推荐张桂兰');
    await tap(leader, `nominate-open-${other.id}`);
    await tap(leader, `nominate-${other.id}`);
    await expect.poll(() => text(leader, '#group-notice')).toContain(`已推荐${other.name}`);
    expect(await leader.locator('[id^="nominate-"]').count()).toBe(0);
    await expect.poll(() => text(leader, '#group-requests')).toContain('张桂兰家的自来水管');
    await shot(leader, 'nominated-two');

    // A notice WeChat could not bring to some of the group: 我的小组 counts them, the leader tells one in person and marks it.
    const staffToken = await app.server.login(DEMO.staff.username, DEMO.staff.password);
    const water = await app.server.request('POST', '/api/notices', {
      token: staffToken,
      body: { category: 'community', title: '明天上午停水', body: '明天上午8点到12点停水，请提前储水。' },
    });
    expect(water.status).toBe(201);
    await go(leader, app.server.url, '/group/index/index');
    await leader.locator(`#to-tell-${water.body.id}`).waitFor();
    expect(await text(leader, '#group-to-tell')).toMatch(/还有 \d+ 人没收到公告/);
    await shot(leader, 'to-tell');
    await tap(leader, `to-tell-${water.body.id}`);
    const inform = leader.locator('[id^="inform-"]').first();
    await inform.waitFor();
    // Only adults of the group, never the leader himself; each with the house to go to.
    expect(await text(leader, '#not-reached-count')).toMatch(/第一居民小组：\d+ 人没收到/);
    expect(await leader.locator('[id^="not-reached-"]').allTextContents()).not.toContain('李建国');
    await shot(leader, 'not-reached');
    const told = (await inform.getAttribute('id'))!.slice('inform-'.length);
    await inform.click();
    await expect.poll(() => text(leader, `#informed-${told}`)).toContain('✓ 已告知');
    await shot(leader, 'informed');

    // The committee confirms both.
    await go(staff, app.server.url, '/election/nominations/index');
    await tap(staff, `confirm-${zhang.id}`);
    await confirmDialog(staff);
    await expect.poll(() => text(staff, '#nominations-notice')).toContain('张桂兰');
    await tap(staff, `confirm-${other.id}`);
    await confirmDialog(staff);
    await expect.poll(() => text(staff, '#nominations-notice')).toContain(other.name);
    await shot(staff, 'confirmed');
    await go(staff, app.server.url, '/election/audit/index');
    await expect.poll(() => text(staff, '#audit-verify')).toContain('记录完整');
    await shot(staff, 'audit');

    // A resident sees their own voter status and the confirmed list.
    const residentCtx = await phoneContext(app.browser);
    const resident = await residentCtx.newPage();
    await signIn(resident, app.server.url, DEMO.resident);
    await go(resident, app.server.url, '/pages/election/index');
    await resident.locator('#my-voter-yes').waitFor();
    expect(await text(resident, '#election-reps')).toContain(`第一居民小组：张桂兰、${other.name}`);
    expect(await text(resident, '#deadline-electionDay')).toContain('还有 40 天');
    expect(await text(resident, '#my-nomination')).toContain('已确认');
    await shot(resident, 'resident-election');

    await Promise.all([staffCtx.close(), leaderCtx.close(), residentCtx.close()]);
  });
});
