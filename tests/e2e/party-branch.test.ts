import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyStage } from '../api/party-branch-support.js';
import { startApp } from './app.js';
import { browserAvailability, fill, go, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).filter({ visible: true }).first().textContent();

/** A 375 px phone signed in with an API token (Taro's H5 storage wraps values as `{ data }`). */
async function phone375(browser: Browser, token: string) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  ctx.setDefaultTimeout(15_000);
  await ctx.addInitScript((t) => window.localStorage.setItem('token', JSON.stringify({ data: t })), token);
  return { ctx, page: await ctx.newPage() };
}

/**
 * The branch's election day at 375 px: the organiser opens 党支部工作 from 工作台, records
 * attendance at the door until the quorum holds, hands out ballots, two counters enter the count
 * from their phones, the committee is elected; at the committee's meeting the counters enter
 * again and the secretary is elected; the organiser drafts the report and prints it.
 */
describe.runIf(run)('journey: the party branch elects its committee and secretary and reports upward', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it('attendance → ballots → two counters → committee elected → secretary elected → report printed', async () => {
    const shot = screenshots('party-branch');
    const server = app.server;
    const s = await partyStage(server, new Date().toISOString());
    server.setNow(null);
    const names = ['丁建国', '马秀英', '王德明', '张玉兰', '李春生', '赵桂芳'];
    const m: Record<string, string> = {};
    for (const n of names) m[n] = await s.member(n);
    await s.member('钱小红', { status: 'probationary' });
    const counterA = await s.memberWithAccount('吴计票');
    const counterB = await s.memberWithAccount('郑计票');
    await s.approvedFounding();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const mid = await s.meeting(5, today);
    const cids: string[] = [];
    for (const n of names) cids.push(await s.candidate(mid, m[n]!));
    for (const c of [counterA, counterB]) await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: c.id, role: 'counter' });
    await s.ok(`/api/party/meetings/${mid}/candidates/publish`, undefined);
    const everyone = [...names.map((n) => m[n]!), counterA.id, counterB.id];

    // 1. The organiser enters from 工作台 and opens the members' meeting.
    const { ctx: oc, page: o } = await phone375(app.browser, s.organizer);
    await go(o, server.url, '/staff/index/index');
    await o.locator('#staff-party').filter({ visible: true }).waitFor();
    expect(await o.locator('#staff-queue').count()).toBe(0);
    await shot(o, 'workbench');
    await tap(o, 'staff-party');
    await o.locator('#party-home').filter({ visible: true }).waitFor();
    await shot(o, 'roster');
    await tap(o, 'party-tabs-meetings');
    await tap(o, `party-meeting-${mid}`);
    await expect.poll(() => text(o, '#party-quorum')).toContain('应到会 8 人，实到 0 人');

    // 2. The door: six come in (not yet more than four fifths), then the last two.
    for (const id of everyone.slice(0, 6)) {
      await tap(o, `door-present-${id}`);
      await expect.poll(() => text(o, `#door-${id}`)).toContain('到会');
    }
    await expect.poll(() => text(o, '#party-quorum')).toContain('至少 7 人');
    await shot(o, 'door-no-quorum-yet');
    for (const id of everyone.slice(6)) {
      await tap(o, `door-present-${id}`);
      await expect.poll(() => text(o, `#door-${id}`)).toContain('到会');
    }
    await expect.poll(() => text(o, '#party-quorum')).toContain('可以发放选票');
    await shot(o, 'door-quorum');

    // 3. Ballots handed out, one each.
    for (const id of everyone) {
      await tap(o, `door-ballot-${id}`);
      await expect.poll(() => text(o, `#door-${id}`)).toContain('已领第1轮选票');
    }
    await shot(o, 'ballots-handed-out');

    // 4. Two counters enter the count from their phones.
    const yes = [8, 7, 7, 6, 5, 3];
    const enter = async (page: Page, meetingId: string, ids: string[], yesVotes: number[], cast: number) => {
      await go(page, server.url, `/party/tally/index?id=${meetingId}`);
      await page.locator('#tally-cast').filter({ visible: true }).waitFor();
      await fill(page, 'tally-cast', String(cast));
      await fill(page, 'tally-invalid', '0');
      for (const [i, id] of ids.entries()) {
        await fill(page, `tally-yes-${id}`, String(yesVotes[i]));
        await fill(page, `tally-no-${id}`, String(cast - yesVotes[i]!));
        await fill(page, `tally-abstain-${id}`, '0');
      }
      await tap(page, 'tally-submit');
    };
    const { ctx: ac, page: a } = await phone375(app.browser, counterA.token);
    await enter(a, mid, cids, yes, 8);
    await expect.poll(() => text(a, '#tally-notice')).toContain('请另一位计票人也录入');
    await shot(a, 'counter-one-entered');
    const { ctx: bc, page: b } = await phone375(app.browser, counterB.token);
    await enter(b, mid, cids, yes, 8);
    await expect.poll(() => text(b, '#tally-notice')).toContain('录入一致');
    await shot(b, 'counter-two-agrees');

    // 5. The committee elected: five with more than half of the eight entitled.
    await o.reload();
    await expect.poll(() => text(o, '#meeting-elected')).toContain('支部委员 丁建国、马秀英、王德明、张玉兰、李春生');
    await shot(o, 'committee-elected');
    await tap(o, 'meeting-results');
    await expect.poll(() => text(o, '#results-elected')).toContain('当选支部委员');
    await shot(o, 'results-sheet');

    // 6. The committee's meeting: secretary and deputy 等额, by the five; counters enter again.
    const committee = ['丁建国', '马秀英', '王德明', '张玉兰', '李春生'].map((n) => m[n]!);
    const cm = (await s.ok('/api/party/meetings', { kind: 'committee', date: today, seats: 2, electsFromMeetingId: mid })).id as string;
    const sec = await s.candidate(cm, m.丁建国!, 'secretary');
    const dep = await s.candidate(cm, m.马秀英!, 'deputy_secretary');
    for (const c of [counterA, counterB]) await s.ok(`/api/party/meetings/${cm}/officials`, { memberId: c.id, role: 'counter' });
    await s.ok(`/api/party/meetings/${cm}/candidates/publish`, undefined);
    for (const id of committee) await s.attend(cm, id);
    for (const id of committee) await s.ok(`/api/party/meetings/${cm}/ballots`, { memberId: id });
    await enter(a, cm, [sec, dep], [5, 4], 5);
    await expect.poll(() => text(a, '#tally-notice')).toContain('请另一位计票人也录入');
    await enter(b, cm, [sec, dep], [5, 4], 5);
    await expect.poll(() => text(b, '#tally-notice')).toContain('录入一致');
    await go(o, server.url, `/party/meeting/index?id=${cm}`);
    await o.reload();
    await expect.poll(() => text(o, '#meeting-elected')).toContain('书记 丁建国');
    for (const [name, duty] of [
      ['王德明', 'organization'],
      ['张玉兰', 'propaganda'],
      ['李春生', 'discipline'],
    ] as const) {
      await tap(o, `duty-${duty}-${m[name]}`);
      await expect.poll(() => text(o, '#meeting-duties')).toContain(`${name}：`);
    }
    await shot(o, 'secretary-elected');

    // 7. The report upward, drafted with its figures filled in, printed.
    await go(o, server.url, '/party/index/index');
    await o.reload();
    await tap(o, 'party-tabs-requests');
    await tap(o, 'party-request-kind-results_report');
    await fill(o, 'party-request-body', '根据乡党委批复，社区党支部于今日召开党员大会和支部委员会会议，选举结果报告如下。');
    await tap(o, 'party-request-submit');
    await expect.poll(() => text(o, '#party-notice')).toContain('已记录报送日期');
    const report = (await server.request('GET', '/api/party/requests', { token: s.organizer })).body.items.find(
      (r: { kind: string }) => r.kind === 'results_report',
    );
    await tap(o, `party-request-print-${report.id}`);
    await expect.poll(() => text(o, '#paper-committee-meeting')).toContain('丁建国为书记，马秀英为副书记');
    expect(await text(o, '#paper-duties')).toContain('王德明任组织委员');
    // Addressed to the township of the community's region (甘肃省八珠乡).
    expect(await text(o, '.paper-addressee')).toBe('八珠乡党委：');
    await shot(o, 'report-printed');

    // A member sees their own entry and the results, not the roster.
    await go(a, server.url, '/party/me/index');
    await expect.poll(() => text(a, '#party-me-entry')).toContain('吴计票');
    expect(await a.locator('#party-me-entry').textContent()).not.toContain('钱小红');
    await shot(a, 'member-own-entry');

    await Promise.all([oc.close(), ac.close(), bc.close()]);
  }, 300_000);
});
