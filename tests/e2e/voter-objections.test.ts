import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber } from '../api/helpers.js';
import { a11yContext, axeViolations, CARE, customFindings, settle } from './a11y.js';
import { DEMO, startApp } from './app.js';
import { browserAvailability, confirmDialog, fill, go, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

/**
 * 选民名单异议 (API.md "Election lifecycle and the law"): a resident in 大字模式 finds that a
 * neighbour was left off the published voter list, objects, and later reads the committee's
 * decision; the committee sees it overdue on 选举工作 and upholds it with a reason. At 375 px.
 */
describe.runIf(run)('journey: a resident objects that a neighbour was left out, the committee decides', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let electionId: string;
  let neighbourId: string;
  let staff: string;
  let resident: string;
  const shot = screenshots('voter-objections');

  beforeAll(async () => {
    app = await startApp();
    const { server } = app;
    // 10:00 China time, 1 May 2027; the election on 31 May.
    server.setNow(new Date('2027-05-01T02:00:00Z'));
    staff = await server.login(DEMO.staff.username, DEMO.staff.password);
    resident = await server.login(DEMO.resident.username, DEMO.resident.password);
    const election = await server.request('POST', '/api/elections', {
      token: staff,
      body: { title: '八珠街社区第十二届居民委员会选举', electionDay: '2027-05-31', seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status, election.text).toBe(201);
    electionId = election.body.id;
    const me = await server.request('GET', '/api/me', { token: resident });
    expect((await server.request('POST', `/api/elections/${electionId}/voters`, { token: staff, body: { residentId: me.body.resident.id } })).status).toBe(201);
    const groups = (await server.request('GET', '/api/groups', { token: staff })).body.items as { id: string }[];
    const neighbour = await server.request('POST', '/api/residents', {
      token: staff,
      body: { name: '韩春生', idNumber: newIdNumber('19700307'), groupId: groups[0]!.id },
    });
    expect(neighbour.status, neighbour.text).toBe(201);
    neighbourId = neighbour.body.id;
    const notice = await server.request('POST', '/api/notices', {
      token: staff,
      body: { category: 'election', kind: 'voter_list', electionId, title: '选民名单公告', body: '选民名单已张贴在社区公告栏。' },
    });
    expect(notice.status, notice.text).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('files the objection in 大字模式, the committee upholds it, and the resident reads the decision', async () => {
    const residentContext = await a11yContext(app.browser, { width: 375, care: true, token: resident });
    const page = await residentContext.newPage();
    await go(page, app.server.url, '/pages/election/index');
    await page.locator('#election-objections').filter({ visible: true }).click();
    await page.locator('#objection-form').filter({ visible: true }).waitFor();
    await settle(page);
    await shot(page, 'resident-form');

    await tap(page, 'kind-omitted');
    await fill(page, 'person-name', '韩春');
    await tap(page, 'person-search');
    await page.locator(`#pick-${neighbourId}`).filter({ visible: true }).click();
    await fill(page, 'objection-reason', '韩春生户口在本社区，一直住在一组，名单上没有他');
    await tap(page, 'objection-submit');
    await confirmDialog(page);
    const done = page.locator('#objection-done').filter({ visible: true });
    await done.waitFor();
    expect(await done.textContent()).toBe('异议已提交。选举委员会将在5月4日以前作出决定，结果会显示在下面，也会发微信通知您。');
    await settle(page);
    await shot(page, 'resident-filed');
    expect(await customFindings(page, CARE)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Two days past the due date: 选举工作 shows it overdue.
    app.server.setNow(new Date('2027-05-05T02:00:00Z'));
    const committeeContext = await a11yContext(app.browser, { width: 375, care: false, token: staff });
    const desk = await committeeContext.newPage();
    await go(desk, app.server.url, '/election/manage/index');
    const overdue = desk.locator('#step-objections').filter({ visible: true });
    await overdue.waitFor();
    expect(await desk.locator('#step-objections-state').textContent()).toBe('已逾期');
    expect(await overdue.textContent()).toContain('待处理 1 件，其中 1 件已超过3天期限');
    await shot(desk, 'committee-desk-overdue');
    await tap(desk, 'step-objections-go');
    const list = await app.server.request('GET', `/api/elections/${electionId}/objections`, { token: staff });
    const oid = list.body.items[0].id as string;
    await desk.locator(`#overdue-${oid}`).filter({ visible: true }).waitFor();
    await settle(desk);
    await shot(desk, 'committee-queue');
    await fill(desk, `reason-${oid}`, '经核实户籍在本社区，补登为选民');
    await tap(desk, `uphold-${oid}`);
    await confirmDialog(desk);
    await desk.locator(`#decided-${oid}`).filter({ visible: true }).waitFor();
    expect(await desk.locator(`#decided-${oid}`).filter({ visible: true }).textContent()).toBe('决定：成立。理由：经核实户籍在本社区，补登为选民');
    await shot(desk, 'committee-decided');
    const voters = await app.server.request('GET', `/api/elections/${electionId}/voters?limit=100`, { token: staff });
    expect(voters.body.items.map((v: { residentId: string }) => v.residentId)).toContain(neighbourId);

    await page.reload();
    const decision = page.locator(`#mine-decision-${oid}`).filter({ visible: true });
    await decision.waitFor();
    expect(await decision.textContent()).toBe('选举委员会的答复：经核实户籍在本社区，补登为选民');
    await settle(page);
    await shot(page, 'resident-reads-decision');
    expect(await customFindings(page, CARE)).toEqual([]);
    await residentContext.close();
    await committeeContext.close();
  }, 120_000);
});
