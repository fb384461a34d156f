import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../functions/_shared/china-time.js';
import { newIdNumber, register } from '../api/helpers.js';
import { publishVoterList } from '../support/election-steps.js';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, contextWithToken, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).filter({ visible: true }).first().textContent();

/**
 * The main vote leaves two members' seats empty (nobody else above half). The committee opens a
 * further round (另行选举) on the results board, the desk hands out that round's ballots, two
 * counters enter it, the board shows both rounds and is published, and a resident who is not
 * signed in checks the code printed on the results poster.
 */
describe.runIf(run)('journey: a further round, from the committee’s button to the poster’s check code', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('committee opens a further round → desk hands out its ballots → two counters enter → results with both rounds → a resident checks the code', async () => {
    const shot = screenshots('election-rounds');
    const server = app.server;
    const committee = await server.login(DEMO.staff.username, DEMO.staff.password);
    const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[0].id;
    const created = await server.request('POST', '/api/elections', {
      token: committee,
      body: { title: '第一届居委会选举', electionDay: chinaDate(new Date()), seats: { director: 1, deputyDirector: 0, members: 4 } },
    });
    expect(created.status, created.text).toBe(201);
    const e = created.body.id as string;
    const names = ['王秀英', '丁建华', '马玉兰', '李春生', '张桂芳', '赵德明', '刘淑珍', '陈永福', '杨小红', '周志刚'];
    // Their ID numbers say who is a woman (the rulebook wants one on the candidate list).
    const WOMEN = new Set(['王秀英', '马玉兰', '张桂芳', '刘淑珍', '杨小红']);
    const voters: string[] = [];
    for (const name of names) {
      const idNumber = newIdNumber('19650301', '620102', WOMEN.has(name) ? 'female' : 'male');
      const r = await server.request('POST', '/api/residents', { token: committee, body: { name, idNumber, groupId } });
      voters.push(r.body.id);
      expect((await server.request('POST', `/api/elections/${e}/voters`, { token: committee, body: { residentId: r.body.id } })).status).toBe(201);
    }
    const candidate = async (residentId: string, seat: string) =>
      (await server.request('POST', `/api/elections/${e}/candidates`, { token: committee, body: { residentId, seat } })).body.id as string;
    const dir = [await candidate(voters[0]!, 'director'), await candidate(voters[1]!, 'director')];
    const mem: string[] = [];
    for (const v of voters.slice(2, 7)) mem.push(await candidate(v, 'members'));
    // The voter list went up 25 days before and the candidate list a week before the day, as the law wants; then the real clock again.
    await publishVoterList(server, committee, e, new Date(Date.now() - 25 * 86_400_000));
    server.setNow(new Date(Date.now() - 7 * 86_400_000));
    expect((await server.request('POST', `/api/elections/${e}/candidates/publish`, { token: committee })).status).toBe(201);
    server.setNow(null);
    const person = async (name: string) => {
      const account = await register(server, name);
      const claim = await server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name, idNumber: newIdNumber(), groupId } });
      await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: committee });
      return { token: account.token, residentId: claim.body.resident.id as string };
    };
    const clerk = await person('孙发票');
    const counters = [await person('吴计票'), await person('郑计票')];
    for (const [official, role] of [
      [clerk, 'clerk'],
      [counters[0]!, 'counter'],
      [counters[1]!, 'counter'],
    ] as const) {
      expect(
        (await server.request('POST', `/api/elections/${e}/officials`, { token: committee, body: { residentId: official.residentId, role } })).status,
      ).toBe(201);
    }
    // The main vote, as on the day before: 8 ballots, two counters agree.
    for (const v of voters.slice(0, 8)) {
      expect((await server.request('POST', `/api/elections/${e}/ballots`, { token: clerk.token, body: { residentId: v } })).status).toBe(201);
    }
    const main = {
      ballotsCast: 8,
      invalidBallots: 0,
      votes: { [dir[0]!]: 6, [dir[1]!]: 2, [mem[0]!]: 7, [mem[1]!]: 6, [mem[2]!]: 4, [mem[3]!]: 3, [mem[4]!]: 2 },
    };
    for (const c of counters) expect((await server.request('POST', `/api/elections/${e}/tally`, { token: c.token, body: main })).status).toBe(201);

    // 1. The committee sees two members' seats left and opens the further round.
    const c = await phoneContext(app.browser);
    const committeePage = await c.newPage();
    await signIn(committeePage, server.url, DEMO.staff);
    await go(committeePage, server.url, `/election-day/results/index?e=${e}`);
    await expect.poll(() => text(committeePage, '#results-next')).toContain('委员还差2名：须另行选举，候选人为张桂芳、赵德明、刘淑珍');
    await shot(committeePage, 'committee-next-step');
    await tap(committeePage, 'results-open-further-members');
    await tap(committeePage, 'modal-confirm');
    await expect.poll(() => text(committeePage, '#results-notice')).toContain('第2轮已开始');
    await expect.poll(() => text(committeePage, '#results-round-2')).toContain('第2轮（另行选举，委员）');
    await shot(committeePage, 'committee-round-opened');

    // 2. The clerk scans cards: the desk hands out the second round's ballots, one each.
    const { ctx: k, page: kp } = await contextWithToken(app.browser, clerk.token);
    for (const v of voters.slice(0, 7)) {
      await go(kp, server.url, `/election-day/desk/index?e=${e}&r=${v}`);
      await expect.poll(() => text(kp, '#desk-round')).toContain('第2轮投票');
      await tap(kp, 'desk-issue-own');
      await expect.poll(() => text(kp, '#desk-notice')).toContain('本人');
    }
    await expect.poll(() => text(kp, '#desk-turnout')).toContain('已发选票 7 / 选民 10');
    await shot(kp, 'desk-round-two');
    await k.close();

    // 3. Two counters enter the further round: only its three contenders are on the sheet.
    const enter = async (page: Page) => {
      await go(page, server.url, `/election-day/tally/index?e=${e}`);
      await expect.poll(() => text(page, '#tally-round')).toContain('第2轮（另行选举，委员）');
      expect(await page.locator(`#tally-v-${dir[0]}`).count()).toBe(0);
      await fill(page, 'tally-cast', '7');
      await fill(page, 'tally-invalid', '0');
      await fill(page, `tally-v-${mem[2]}`, '5');
      await fill(page, `tally-v-${mem[3]}`, '4');
      await fill(page, `tally-v-${mem[4]}`, '3');
      await tap(page, 'tally-submit');
    };
    const { ctx: t1, page: p1 } = await contextWithToken(app.browser, counters[0]!.token);
    await enter(p1);
    await expect.poll(() => text(p1, '#tally-notice')).toContain('请另一位计票员也录入');
    await shot(p1, 'counter-round-two');
    const { ctx: t2, page: p2 } = await contextWithToken(app.browser, counters[1]!.token);
    await enter(p2);
    await expect.poll(() => text(p2, '#tally-notice')).toContain('已确认');
    await t1.close();
    await t2.close();

    // 4. Results with both rounds; published after the question; the poster's check code shown.
    await committeePage.reload();
    await expect.poll(() => text(committeePage, '#results-round-2')).toContain('委员当选：张桂芳（5票）');
    expect(await text(committeePage, '#results-round-1')).toContain('正式选举');
    expect(await text(committeePage, '#results-seat-members')).toMatch(/马玉兰[\s\S]*李春生[\s\S]*张桂芳[\s\S]*赵德明/);
    await tap(committeePage, 'results-publish');
    await tap(committeePage, 'modal-confirm');
    await expect.poll(() => text(committeePage, '#results-published')).toContain('已于');
    const code = ((await text(committeePage, '#results-anchor-code')) ?? '').trim();
    expect(code).toMatch(/^[0-9a-f]{10}$/);
    await shot(committeePage, 'results-both-rounds-published');
    const notice = (await server.request('GET', `/api/elections/${e}/results`, { token: committee })).body;
    expect(notice.published.body).toContain('第2轮（另行选举，委员）');
    await c.close();

    // 5. Anyone, not signed in, checks the code from the poster on the public page.
    const r = await phoneContext(app.browser);
    const rp = await r.newPage();
    await go(rp, server.url, '/notices/verify/index');
    await fill(rp, 'verify-code', code);
    await tap(rp, 'verify-submit');
    await expect.poll(() => text(rp, '#verify-answer')).toContain('匹配');
    expect(await text(rp, '#verify-answer')).not.toContain('不匹配');
    await shot(rp, 'resident-checks-code');
    await r.close();
  });
});
