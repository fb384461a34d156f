import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { DEMO, expectProblem, newIdNumber, notFoundDetail } from './helpers.js';

/**
 * The leader's not-reached list made something a leader can act on: only those a visit is for
 * (an election notice's voters, else adults; never the leader), the household to go to, and
 * 已告知 with its time; a count of those still to tell for 我的小组.
 */
const DAY = '2027-09-30';
let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;
let leader: string;
let resident: string;
let otherLeaderGroupResident: string;

beforeAll(async () => {
  server = await startTestServer();
  s = await electionDayStage(server, DAY, '2027-09-01T02:00:00Z');
  leader = await server.login(DEMO.leader1.username, DEMO.leader1.password);
  resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
  const groups = (await server.request('GET', '/api/groups', { token: s.committee })).body.items as { id: string }[];
  const other = await server.request('POST', '/api/residents', {
    token: s.committee,
    body: { name: '二组某人', idNumber: newIdNumber('19700101'), groupId: groups[1]!.id },
  });
  otherLeaderGroupResident = other.body.id;
}, 120_000);
afterAll(() => server.close());

/** A verified resident of group 1 entered at the window (no account: WeChat cannot reach them). */
async function person(name: string, birth: string, householdLabel?: string) {
  const res = await server.request('POST', '/api/residents', {
    token: s.committee,
    body: { name, idNumber: newIdNumber(birth), groupId: s.groupId, ...(householdLabel ? { householdLabel } : {}) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
const notReached = async (noticeId: string, token = leader) => {
  const res = await server.request('GET', `/api/notices/${noticeId}/not-reached`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body.items as { residentId: string; name: string; householdLabel: string | null; informed: { at: string; byName: string } | null }[];
};
const publish = async (body: Record<string, unknown>) => {
  const res = await server.request('POST', '/api/notices', { token: s.committee, body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};

describe("the leader's not-reached list", () => {
  it('names, for an election notice, the voters of the group only — not the children, not a non-voter, not the leader — with their house', async () => {
    const e = await s.election();
    const voter = await person('要通知的选民', '19600101', '东巷8号');
    const notVoter = await person('不是选民的人', '19610101');
    const child = await person('十一岁孩子', '20160301', '东巷8号');
    await s.registerVoter(e, voter);
    const leaderResident = (await server.request('GET', '/api/me', { token: leader })).body.resident?.id as string | undefined;
    if (leaderResident) await s.registerVoter(e, leaderResident);
    const id = await publish({ category: 'election', kind: 'voter_list', electionId: e, title: '选民名单公告', body: '名单已张贴。' });
    const items = await notReached(id);
    const names = items.map((i) => i.name);
    expect(names).toContain('要通知的选民');
    expect(names).not.toContain('不是选民的人');
    expect(names).not.toContain('十一岁孩子');
    expect(names).not.toContain('李建国');
    expect(items.find((i) => i.residentId === voter)).toMatchObject({ householdLabel: '东巷8号', informed: null });
    expect([notVoter, child].every((x) => !items.some((i) => i.residentId === x))).toBe(true);
  });

  it('names adults for a community notice, never the children', async () => {
    const adult = await person('成年居民', '19800101', '西巷2号');
    const teen = await person('十四岁孩子', '20130101', '西巷2号');
    const id = await publish({ category: 'community', title: '停水通知', body: '明天停水。' });
    const items = await notReached(id);
    expect(items.some((i) => i.residentId === adult)).toBe(true);
    expect(items.some((i) => i.residentId === teen)).toBe(false);
    expect(items.some((i) => i.name === '李建国')).toBe(false);
  });

  it('marks a resident 已告知 with the time and who, once; counts those still to tell for 我的小组', async () => {
    server.setNow(new Date('2027-09-02T03:00:00Z'));
    const a = await person('待告知甲', '19550101', '南巷1号');
    const b = await person('待告知乙', '19560101', '南巷2号');
    const id = await publish({ category: 'community', title: '体检通知', body: '下周一免费体检。' });
    const before = (await server.request('GET', '/api/notices/to-tell', { token: leader })).body;
    const row = before.items.find((i: { noticeId: string }) => i.noticeId === id);
    expect(row.toTell).toBe(row.notReached);
    expect(row.toTell).toBeGreaterThanOrEqual(2);

    server.setNow(new Date('2027-09-02T04:30:00Z'));
    const marked = await server.request('POST', `/api/notices/${id}/not-reached/${a}/informed`, { token: leader });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.body).toEqual({ residentId: a, name: '待告知甲', informed: { at: '2027-09-02T04:30:00.000Z', byName: '李建国' } });
    // A second tap keeps the first mark.
    server.setNow(new Date('2027-09-02T05:00:00Z'));
    const again = await server.request('POST', `/api/notices/${id}/not-reached/${a}/informed`, { token: leader });
    expect(again.body.informed.at).toBe('2027-09-02T04:30:00.000Z');
    const items = await notReached(id);
    expect(items.find((i) => i.residentId === a)!.informed).toEqual({ at: '2027-09-02T04:30:00.000Z', byName: '李建国' });
    expect(items.find((i) => i.residentId === b)!.informed).toBeNull();
    const after = (await server.request('GET', '/api/notices/to-tell', { token: leader })).body;
    expect(after.items.find((i: { noticeId: string }) => i.noticeId === id).toTell).toBe(row.toTell - 1);
    expect(after.toTell).toBe(before.toTell - 1);
  });

  it('marks no one on a notice not yet out, no one who does not exist, and no one of the group a notice did not miss', async () => {
    server.setNow(new Date('2027-09-03T03:00:00Z'));
    const child = await person('七岁孩子', '20200601', '北巷3号');
    const adult = await person('本组大人', '19710101', '北巷3号');
    // A notice scheduled for later: its list does not exist yet.
    const later = await publish({ category: 'community', title: '下月停水', body: '……', publishAt: '2027-10-03T00:00:00.000Z' });
    const early = await server.request('POST', `/api/notices/${later}/not-reached/${adult}/informed`, { token: leader });
    expectProblem(early, 404, 'NOT_FOUND');
    expect(early.body.detail).toBe(notFoundDetail('公告'));
    const id = await publish({ category: 'community', title: '垃圾分类', body: '……' });
    const nobody = await server.request('POST', `/api/notices/${id}/not-reached/00000000-0000-4000-8000-000000000000/informed`, { token: leader });
    expectProblem(nobody, 404, 'NOT_FOUND');
    expect(nobody.body.detail).toBe(notFoundDetail('居民'));
    // A child of the group is not on a community notice's list (adults only): nothing to mark.
    expect((await notReached(id)).map((i) => i.residentId)).toContain(adult);
    const notListed = await server.request('POST', `/api/notices/${id}/not-reached/${child}/informed`, { token: leader });
    expectProblem(notListed, 404, 'NOT_FOUND');
    expect(notListed.body.detail).toBe(notFoundDetail('居民'));
    // The scheduled notice is on no one's 我的小组 card yet.
    const card = (await server.request('GET', '/api/notices/to-tell', { token: leader })).body.items as { noticeId: string }[];
    expect(card.map((i) => i.noticeId)).not.toContain(later);
  });

  it('lets a leader mark only the people of their own group, and no resident at all', async () => {
    const id = await publish({ category: 'community', title: '另一通知', body: '……' });
    expectProblem(await server.request('POST', `/api/notices/${id}/not-reached/${otherLeaderGroupResident}/informed`, { token: leader }), 404, 'NOT_FOUND');
    const mine = await person('本组某人', '19700101');
    expectProblem(await server.request('POST', `/api/notices/${id}/not-reached/${mine}/informed`, { token: resident }), 403, 'FORBIDDEN');
    // Staff may mark anyone on a list.
    expect((await server.request('POST', `/api/notices/${id}/not-reached/${otherLeaderGroupResident}/informed`, { token: s.committee })).status).toBe(200);
  });
});
