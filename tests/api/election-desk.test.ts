import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem } from './helpers.js';

/**
 * The committee's desk (选举工作): GET /api/elections/{id}/steps, the voter list published from the
 * list itself, and what a new election's day would already miss. Election day is 20 June 2027;
 * the clock starts on 1 May.
 */
const DAY = '2027-06-20';
let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;
let resident: string;
let otherCommittee: string;

beforeAll(async () => {
  // Sessions of 60 days: those signed in on 1 May still act in June.
  server = await startTestServer({ settings: { SESSION_HOURS: String(24 * 60) } });
  s = await electionDayStage(server, DAY, '2027-05-01T02:00:00Z');
  [resident, otherCommittee] = await Promise.all([server.login('resident1', 'Resident#2026'), server.login('staff@other', 'Staff#2026')]);
}, 120_000);
afterAll(() => server.close());

const at = (iso: string) => server.setNow(new Date(iso));
const steps = async (e: string, token = s.committee) => {
  const res = await server.request('GET', `/api/elections/${e}/steps`, { token });
  expect(res.status, res.text).toBe(200);
  return new Map((res.body.steps as { key: string; state: string; waitingFor: string | null; detail: string }[]).map((x) => [x.key, x]));
};
const publishList = (e: string, token = s.committee) => server.request('POST', `/api/elections/${e}/voter-list/publish`, { token, body: {} });

describe('the steps of an election', () => {
  it('says what is due, what waits and for what, and moves as the steps are done', async () => {
    at('2027-05-01T02:00:00Z');
    const e = await s.election();
    const before = await steps(e);
    expect(before.get('voterList')).toMatchObject({ state: 'waiting', waitingFor: '先登记选民' });
    expect(before.get('objections')).toMatchObject({ state: 'waiting' });
    expect(before.get('desk')).toMatchObject({ state: 'waiting', waitingFor: '先公布选民名单' });
    await s.voter(e, '登记甲');
    await s.voter(e, '登记乙', 'female');
    const registered = await steps(e);
    expect(registered.get('voters')!.detail).toContain('已登记选民 2 人');
    expect(registered.get('voterList')).toMatchObject({ state: 'due', waitingFor: null });
    // Past its day without the notice: late.
    at('2027-06-01T02:00:00Z');
    expect((await steps(e)).get('voterList')!.state).toBe('late');
  });

  it('is the committee’s: a resident is refused and another community sees nothing', async () => {
    at('2027-05-01T02:00:00Z');
    const e = await s.election();
    expectProblem(await server.request('GET', `/api/elections/${e}/steps`, { token: resident }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/elections/${e}/steps`, { token: otherCommittee }), 404, 'NOT_FOUND');
  });
});

describe('the voter list published from the list itself', () => {
  it('refuses an empty list, then publishes every voter by group with how to object, once', async () => {
    at('2027-05-01T02:00:00Z');
    const e = await s.election();
    expectProblem(await publishList(e), 409, 'CONFLICT', '还没有登记任何选民，名单是空的。请先登记选民，再公布名单。');
    await s.voter(e, '公布甲');
    await s.voter(e, '公布乙', 'female');
    at('2027-05-10T02:00:00Z');
    const res = await publishList(e);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voter_list', title: '选民名单公告', electionId: e });
    expect(res.body.body).toMatch(/第一居民小组（2人）：公布[甲乙]、公布[甲乙]/);
    expect(res.body.body).toContain('请在公布之日起5日内提出');
    expect(res.body.anchor.code).toMatch(/^[0-9a-f]{10}$/);
    const after = await steps(e);
    expect(after.get('voterList')!.state).toBe('done');
    expect(after.get('objections')!.state).toBe('open');
    expect(after.get('nominations')!.state).toBe('open');
    expectProblem(await publishList(e), 409, 'CONFLICT');
    // The list is fixed now: only a decision on an objection changes it.
    expectProblem(
      await server.request('POST', `/api/elections/${e}/voters`, { token: s.committee, body: { residentId: await s.person('晚登记') } }),
      409,
      'ELECTION_LOCKED',
    );
  });

  it('refuses a list published later than the law allows (NOTICE_TOO_LATE), and is the committee’s', async () => {
    at('2027-05-01T02:00:00Z');
    const e = await s.election();
    await s.voter(e, '迟到甲');
    at('2027-06-01T02:00:00Z');
    expectProblem(await publishList(e), 422, 'NOTICE_TOO_LATE');
    expectProblem(await publishList(e, resident), 403, 'FORBIDDEN');
    expectProblem(await publishList(e, otherCommittee), 404, 'NOT_FOUND');
  });
});

describe('what a new election would already miss', () => {
  it('names the steps whose deadlines are already past for the day chosen', async () => {
    at('2027-06-10T02:00:00Z');
    const ahead = await server.request('GET', '/api/election-calendar?electionDay=2027-09-01', { token: s.committee });
    expect(ahead.status, ahead.text).toBe(200);
    expect(ahead.body).toMatchObject({ today: '2027-06-10', missed: [], deadlines: { voterListNoticeBy: '2027-08-12' } });
    const soon = await server.request('GET', `/api/election-calendar?electionDay=${DAY}`, { token: s.committee });
    expect(soon.body.missed).toEqual(['公布选民名单（应在5月31日前）']);
    expectProblem(await server.request('GET', '/api/election-calendar?electionDay=20270901', { token: s.committee }), 400, 'VALIDATION_FAILED');
    expectProblem(await server.request('GET', '/api/election-calendar?electionDay=2027-09-01', { token: resident }), 403, 'FORBIDDEN');
  });
});
