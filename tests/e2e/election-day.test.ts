import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyApplications } from '../../db/schema/index.js';
import { chinaDate } from '../../functions/_shared/china-time.js';
import { newIdNumber, register } from '../api/helpers.js';
import { daysBefore, publishVoterList } from '../support/election-steps.js';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, confirmDialog, contextWithToken, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey (f): election day, from printed ballots to a certificate', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('committee prints ballots → clerk hands them out by voter card → two counters enter → results published → a resident sees a certificate', async () => {
    const shot = screenshots('f-election-day');
    const server = app.server;
    const committee = await server.login(DEMO.staff.username, DEMO.staff.password);
    const community = (await server.request('GET', '/api/community', { token: committee })).body;
    const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[0].id;
    const today = chinaDate(new Date());
    const created = await server.request('POST', '/api/elections', {
      token: committee,
      // 等额: one candidate per seat, a departure from the law's 差额 recorded with its basis.
      body: {
        title: '第一届居委会选举',
        electionDay: today,
        seats: { director: 1, deputyDirector: 0, members: 4 },
        rules: { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } },
        basis: '街道换届选举指导机构批复同意等额选举',
      },
    });
    expect(created.status).toBe(201);
    const e = created.body.id as string;

    // Ten voters on the list; the names are in no particular order, the ballot sorts them.
    const names = ['王秀英', '丁建华', '马玉兰', '李春生', '张桂芳', '赵德明', '刘淑珍', '陈永福', '杨小红', '周志刚'];
    // Their ID numbers say who is a woman (the rulebook wants one on the candidate list).
    const WOMEN = new Set(['王秀英', '马玉兰', '张桂芳', '刘淑珍', '杨小红']);
    const voters: string[] = [];
    for (const name of names) {
      const idNumber = newIdNumber('19650301', '620102', WOMEN.has(name) ? 'female' : 'male');
      const r = await server.request('POST', '/api/residents', { token: committee, body: { name, idNumber, groupId } });
      voters.push(r.body.id);
      await server.request('POST', `/api/elections/${e}/voters`, { token: committee, body: { residentId: r.body.id } });
    }
    const [wang, ding, ma, li, zhang, zhao, liu, chen] = voters as [string, string, string, string, string, string, string, string];
    // 刘淑珍 and 陈永福 are away working and entrusted 赵德明; the committee approved it.
    for (const absent of [liu, chen]) {
      await server.db.insert(proxyApplications).values({
        communityId: community.id,
        electionId: e,
        applicantResidentId: absent,
        proxyResidentId: zhao,
        reason: '外出务工',
        status: 'approved',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    // The voter list went up on the wall 25 days before, as the law wants (voterListNoticeDays).
    await publishVoterList(server, committee, e, daysBefore(today, 25));
    const members: string[] = [];
    for (const id of [wang, ma, li, zhang]) {
      members.push((await server.request('POST', `/api/elections/${e}/candidates`, { token: committee, body: { residentId: id, seat: 'members' } })).body.id);
    }
    // Officials with their own phones: a clerk and two counters.
    const person = async (name: string) => {
      const account = await register(server, name);
      const claim = await server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name, idNumber: newIdNumber(), groupId } });
      await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: committee });
      return { token: account.token, residentId: claim.body.resident.id as string };
    };
    const clerk = await person('孙发票');
    const counter1 = await person('吴计票');
    const counter2 = await person('郑计票');

    // 1. The committee adds the director candidate on the page, publishes, appoints, prints.
    const c = await phoneContext(app.browser);
    const cp = await c.newPage();
    await signIn(cp, server.url, DEMO.staff);
    await go(cp, server.url, `/election-day/index/index?e=${e}`);
    await cp.locator('#ed-go-candidates').waitFor();
    await shot(cp, 'committee-hub');
    await tap(cp, 'ed-go-candidates');
    await tap(cp, 'cand-seat-director');
    await fill(cp, 'cand-q', '丁建华');
    await tap(cp, 'cand-search');
    await tap(cp, `cand-pick-${ding}`);
    await expect.poll(() => text(cp, '#cand-notice')).toContain('已添加丁建华为主任候选人');
    // Stroke order of surnames: 马 王 张 李 (张 and 李 have 7 strokes; 张 starts with a turning stroke, ICU puts it first).
    await expect.poll(() => text(cp, '#cand-list-members')).toMatch(/马玉兰[\s\S]*王秀英[\s\S]*张桂芳[\s\S]*李春生/);
    await shot(cp, 'candidates');
    // The list goes up a week before the day, as the law wants (candidateNoticeDays).
    server.setNow(new Date(Date.now() - 7 * 86_400_000));
    await tap(cp, 'cand-publish');
    await confirmDialog(cp);
    await expect.poll(() => text(cp, '#cand-notice')).toContain('正式候选人名单');
    server.setNow(null);

    await go(cp, server.url, `/election-day/officials/index?e=${e}`);
    for (const [official, role] of [
      [clerk, 'clerk'],
      [counter1, 'counter'],
      [counter2, 'counter'],
    ] as const) {
      // Proposed by the committee, approved by show of hands at the meeting: recorded now.
      await server.request('POST', `/api/elections/${e}/officials`, { token: committee, body: { residentId: official.residentId, role } });
    }
    await cp.reload();
    await expect.poll(() => text(cp, '#off-list')).toContain('郑计票');
    await shot(cp, 'officials');

    await go(cp, server.url, `/election-day/ballot/index?e=${e}`);
    await cp.locator('#ballot-sheet').waitFor();
    expect(await text(cp, '#ballot-rule')).toContain('每栏所选人数多于应选人数的，该栏作废');
    expect(await text(cp, '#ballot-seat-members')).toMatch(/马玉兰[\s\S]*王秀英[\s\S]*张桂芳[\s\S]*李春生[\s\S]*另选他人/);
    await shot(cp, 'ballot-screen');
    await cp.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await cp.emulateMedia({ media: 'print' });
    await shot(cp, 'ballot-print-a4');
    await cp.emulateMedia({ media: 'screen' });
    await cp.setViewportSize({ width: 390, height: 844 });

    await go(cp, server.url, `/election-day/cards/index?e=${e}`);
    await cp.locator(`#card-${zhao}`).waitFor();
    await shot(cp, 'voter-cards');
    const deskUrls: Record<string, string> = {};
    for (const id of [wang, ding, ma, li, zhang, zhao]) {
      deskUrls[id] = (await cp.locator(`#card-${id}`).getAttribute('data-desk-url')) as string;
    }

    // 2. The clerk scans each card: the QR code opens the voter's record at the desk.
    const { ctx: k, page: kp } = await contextWithToken(app.browser, clerk.token);
    for (const id of [wang, ding, ma, li, zhang]) {
      await kp.goto(deskUrls[id]!);
      await tap(kp, 'desk-issue-own');
      await expect.poll(() => text(kp, '#desk-notice')).toContain('本人');
    }
    await kp.goto(deskUrls[zhao]!);
    await kp.locator('#desk-entrustments').waitFor();
    await shot(kp, 'desk-proxy-holder');
    await tap(kp, 'desk-issue-own');
    await expect.poll(() => text(kp, '#desk-notice')).toContain('已发给赵德明本人');
    for (const absent of [liu, chen]) {
      await tap(kp, `desk-issue-for-${absent}`);
      await expect.poll(() => text(kp, '#desk-notice')).toContain('交给赵德明');
    }
    await expect.poll(() => text(kp, '#desk-turnout')).toContain('已发选票 8 / 选民 10');
    await shot(kp, 'desk-proxy-done');
    // Scanning 王秀英's card again: the desk says her ballot is out.
    await kp.goto(deskUrls[wang]!);
    await expect.poll(() => text(kp, '#desk-own-issued')).toContain('已发');
    await shot(kp, 'desk-already-issued');
    await k.close();

    // 3. Two counters enter the count from the paper; the second first mistypes one number.
    const dingId = (await server.request('GET', `/api/elections/${e}/candidates`, { token: committee })).body.items.find(
      (x: { residentId: string }) => x.residentId === ding,
    ).id as string;
    const enter = async (page: Page, figures: number[]) => {
      await go(page, server.url, `/election-day/tally/index?e=${e}`);
      await fill(page, 'tally-cast', '8');
      await fill(page, 'tally-invalid', '0');
      await fill(page, `tally-v-${dingId}`, '7');
      for (const [i, id] of members.entries()) await fill(page, `tally-v-${id}`, String(figures[i]));
      await tap(page, 'tally-submit');
    };
    const { ctx: t1, page: p1 } = await contextWithToken(app.browser, counter1.token);
    await enter(p1, [8, 6, 5, 5]);
    await expect.poll(() => text(p1, '#tally-notice')).toContain('请另一位计票员也录入');
    await shot(p1, 'counter-one');
    const { ctx: t2, page: p2 } = await contextWithToken(app.browser, counter2.token);
    await enter(p2, [8, 6, 5, 6]);
    await expect.poll(() => text(p2, '#tally-error')).toContain('不一致');
    await shot(p2, 'counter-two-mismatch');
    await go(cp, server.url, `/election-day/results/index?e=${e}`);
    await cp.locator('#results-entries').waitFor();
    await shot(cp, 'committee-sees-both');
    await enter(p2, [8, 6, 5, 5]);
    await expect.poll(() => text(p2, '#tally-notice')).toContain('已确认');
    await t1.close();
    await t2.close();

    // 4. The committee publishes the results; the head of the audit chain is on the board.
    await cp.reload();
    await tap(cp, 'results-publish');
    // Publishing cannot be undone: the page asks first.
    await tap(cp, 'modal-confirm');
    await expect.poll(() => text(cp, '#results-published')).toContain('已于');
    const head = (await server.request('GET', '/api/audit/verify', { token: committee })).body;
    expect(head.ok).toBe(true);
    expect(await text(cp, '#results-head')).toContain(head.head);
    await shot(cp, 'results-published');
    await c.close();

    // 5. A resident sees the results and an elected member's certificate, then verifies it.
    const r = await phoneContext(app.browser);
    const rp = await r.newPage();
    await signIn(rp, server.url, DEMO.resident);
    await go(rp, server.url, '/pages/election/index');
    await tap(rp, 'election-day-entry');
    await tap(rp, 'ed-go-results');
    await expect.poll(() => text(rp, '#results-seat-director')).toContain('当选：丁建华（7票）');
    expect(await text(rp, '#results-seat-members')).toContain('马玉兰');
    await shot(rp, 'resident-results');
    await tap(rp, `results-cert-${dingId}`);
    await expect.poll(() => text(rp, '#cert-text')).toContain('当选为八珠街社区居民委员会主任');
    // The printed certificate carries the results' check code, as the poster does.
    const published = (await server.request('GET', `/api/elections/${e}/results`, { token: committee })).body;
    expect(await text(rp, '#cert-anchor')).toContain(`核验码：${published.anchor.code}`);
    expect(await text(rp, '#cert')).toContain('八珠乡人民政府');
    await shot(rp, 'certificate');
    await rp.setViewportSize({ width: 794, height: 1123 });
    await rp.emulateMedia({ media: 'print' });
    await shot(rp, 'certificate-print-a4');
    await rp.emulateMedia({ media: 'screen' });
    await rp.setViewportSize({ width: 390, height: 844 });
    const cert = (await server.request('GET', `/api/elections/${e}/certificates/${dingId}`, { token: committee })).body;
    await rp.goto(cert.verifyUrl);
    await expect.poll(() => text(rp, '#verify-ok')).toContain('证书与选举记录相符');
    await shot(rp, 'certificate-verified');
    await r.close();
  });
});
