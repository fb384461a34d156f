import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, residents } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, newIdNumber } from './helpers.js';

/**
 * Who takes a ballot follows the election's mode (《城市居民委员会组织法》: by all voters, by one
 * representative of each household, or by the groups' representatives), and so does the
 * turnout's base. The clock is pinned to election day.
 */
const DAY = '2027-10-10';
let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;

beforeAll(async () => {
  server = await startTestServer();
  s = await electionDayStage(server, DAY);
});
afterAll(() => server.close());

const post = (path: string, body: unknown, token = s.committee) => server.request('POST', path, { token, body });
const put = (path: string, body: unknown, token = s.committee) => server.request('PUT', path, { token, body });

/** A verified resident of the stage's group in a household (by its label), registered as a voter. */
async function member(e: string, name: string, householdLabel: string) {
  const res = await post('/api/residents', { name, idNumber: newIdNumber('19700101'), groupId: s.groupId, householdLabel });
  expect(res.status, res.text).toBe(201);
  await s.registerVoter(e, res.body.id);
  const [row] = await server.db.select({ householdId: residents.householdId }).from(residents).where(eq(residents.id, res.body.id));
  return { id: res.body.id as string, householdId: row!.householdId! };
}

async function clerkOf(e: string) {
  const clerk = await s.personWithAccount(`发票${e.slice(-4)}`);
  await s.appoint(e, clerk.residentId, 'clerk');
  return clerk;
}

describe('an election by households (每户派代表)', () => {
  it('hands a ballot only to the member each household named, and counts turnout on the households', async () => {
    const e = await s.election();
    expect((await put(`/api/elections/${e}`, { mode: 'households' })).status).toBe(200);
    const zhangJia = await member(e, '张甲', '东巷1号');
    const zhangYi = await member(e, '张乙', '东巷1号');
    const li = await member(e, '李丙', '东巷2号');
    expect(zhangJia.householdId).toBe(zhangYi.householdId);
    const turnout = async () => (await server.request('GET', `/api/elections/${e}/turnout`, { token: s.committee })).body;
    // Nobody named yet: nobody has a ballot.
    expect(await turnout()).toMatchObject({ registered: 0, ballotsIssued: 0 });

    const named = await put(`/api/elections/${e}/households/${zhangYi.householdId}/voter`, { residentId: zhangYi.id });
    expect(named.status, named.text).toBe(200);
    expect(named.body).toMatchObject({ residentId: zhangYi.id, name: '张乙', householdLabel: '东巷1号' });
    expect((await put(`/api/elections/${e}/households/${li.householdId}/voter`, { residentId: li.id })).status).toBe(200);
    expect(await turnout()).toMatchObject({ registered: 2 });
    // Naming another member moves the household's vote to them: still one per household.
    expect((await put(`/api/elections/${e}/households/${zhangYi.householdId}/voter`, { residentId: zhangJia.id })).status).toBe(200);
    expect((await put(`/api/elections/${e}/households/${zhangYi.householdId}/voter`, { residentId: zhangYi.id })).status).toBe(200);
    expect(await turnout()).toMatchObject({ registered: 2 });
    // The household view shows who votes for each household.
    const view = (await server.request('GET', `/api/households?groupId=${s.groupId}&electionId=${e}&limit=100`, { token: s.committee })).body;
    expect(view.election.mode).toBe('households');
    const east1 = view.items.find((h: { id: string }) => h.id === zhangYi.householdId);
    expect(east1.members.filter((m: { votesForHousehold: boolean }) => m.votesForHousehold).map((m: { name: string }) => m.name)).toEqual(['张乙']);
    expectProblem(
      await put(`/api/elections/${e}/households/${li.householdId}/voter`, { residentId: zhangJia.id }),
      400,
      'VALIDATION_FAILED',
      '张甲不是这一户的成员。',
    );

    const clerk = await clerkOf(e);
    await s.openDesk(e);
    expectProblem(
      await post(`/api/elections/${e}/ballots`, { residentId: zhangJia.id }, clerk.token),
      422,
      'NOT_A_VOTER',
      '本次选举每户派一名代表投票，张甲不是本户选定的投票人。',
    );
    expect((await post(`/api/elections/${e}/ballots`, { residentId: zhangYi.id }, clerk.token)).status).toBe(201);
    expect(await turnout()).toMatchObject({ registered: 2, ballotsIssued: 1 });
    // From the first ballot on, who votes for a household is fixed with the voter list.
    expectProblem(await put(`/api/elections/${e}/households/${li.householdId}/voter`, { residentId: li.id }), 409, 'ELECTION_LOCKED');
    expectProblem(await put(`/api/elections/${e}/households/${li.householdId}/voter`, { residentId: li.id }, clerk.token), 403, 'FORBIDDEN');
  });

  it('takes a representative without a meeting record in an election by all voters, and keeps the record when given', async () => {
    const e = await s.election();
    const a = await member(e, '钱戊', '西巷3号');
    const b = await member(e, '孙己', '西巷4号');
    const plain = await post(`/api/elections/${e}/nominations`, { residentId: a.id });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body.meeting).toBeNull();
    // Everyone present voted for them: as many votes as people present is allowed.
    const met = await post(`/api/elections/${e}/nominations`, { residentId: b.id, meetingOn: '2027-09-02', present: 12, votesFor: 12 });
    expect(met.status, met.text).toBe(201);
    expect(met.body.meeting).toEqual({ on: '2027-09-02', present: 12, votesFor: 12 });
    // The audit trail keeps the meeting with the nomination, and none for the one without.
    const entries = await server.db
      .select({ subject: auditLog.subject, payload: auditLog.payload })
      .from(auditLog)
      .where(and(eq(auditLog.electionId, e), eq(auditLog.action, 'nomination.created')));
    expect(entries.find((x) => x.subject === `nomination:${met.body.id}`)!.payload).toEqual({
      residentId: b.id,
      name: '孙己',
      groupId: s.groupId,
      meeting: { meetingOn: '2027-09-02', present: 12, votesFor: 12 },
    });
    expect(entries.find((x) => x.subject === `nomination:${plain.body.id}`)!.payload).toEqual({ residentId: a.id, name: '钱戊', groupId: s.groupId });
  });

  it('names no household voter in an election by all voters', async () => {
    const e = await s.election();
    const a = await member(e, '赵丁', '西巷9号');
    expectProblem(
      await put(`/api/elections/${e}/households/${a.householdId}/voter`, { residentId: a.id }),
      409,
      'CONFLICT',
      '本次选举是全体选民投票，不用为每户指定投票人。',
    );
  });
});

describe('an election by the groups’ representatives', () => {
  it('hands a ballot only to confirmed representatives, and counts turnout on them', async () => {
    const e = await s.election();
    expect((await put(`/api/elections/${e}`, { mode: 'representatives' })).status).toBe(200);
    const rep = await member(e, '代表甲', '南巷1号');
    const other = await member(e, '居民乙', '南巷2号');
    // Here representatives elect the committee, so each comes with the group meeting that elected them.
    expectProblem(
      await post(`/api/elections/${e}/nominations`, { residentId: rep.id }),
      422,
      'MEETING_RECORD_NEEDED',
      '本次选举由居民代表投票，代表甲须经居民小组会议推选：请填写小组会议的日期、到会人数和赞成票数。',
    );
    // Exactly half of those present is not more than half.
    expectProblem(
      await post(`/api/elections/${e}/nominations`, { residentId: rep.id, meetingOn: '2027-09-01', present: 30, votesFor: 15 }),
      422,
      'REPRESENTATIVE_NOT_ELECTED',
      '代表甲在小组会议上得到15票，到会30人，没有超过半数，不能作为居民代表。可以重新开会推选。',
    );
    expectProblem(await post(`/api/elections/${e}/nominations`, { residentId: rep.id, meetingOn: '2027-09-01', present: 30 }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await post(`/api/elections/${e}/nominations`, { residentId: rep.id, meetingOn: '2027-09-01', present: 30, votesFor: 31 }),
      400,
      'VALIDATION_FAILED',
    );
    const nomination = await post(`/api/elections/${e}/nominations`, { residentId: rep.id, meetingOn: '2027-09-01', present: 30, votesFor: 16 });
    expect(nomination.status, nomination.text).toBe(201);
    expect(nomination.body.meeting).toEqual({ on: '2027-09-01', present: 30, votesFor: 16 });
    expect((await server.request('GET', `/api/elections/${e}/turnout`, { token: s.committee })).body.registered).toBe(0);
    expect((await post(`/api/elections/${e}/nominations/${nomination.body.id}/confirm`, {})).status).toBe(200);
    expect((await server.request('GET', `/api/elections/${e}/turnout`, { token: s.committee })).body.registered).toBe(1);
    const clerk = await clerkOf(e);
    await s.openDesk(e);
    expectProblem(
      await post(`/api/elections/${e}/ballots`, { residentId: other.id }, clerk.token),
      422,
      'NOT_A_VOTER',
      '本次选举由居民代表投票，居民乙不是已确认的居民代表。',
    );
    expect((await post(`/api/elections/${e}/ballots`, { residentId: rep.id }, clerk.token)).status).toBe(201);
    // The desk lists only those who may vote.
    const desk = await server.request('GET', `/api/elections/${e}/desk?limit=100`, { token: clerk.token });
    expect(desk.body.items.map((v: { residentId: string }) => v.residentId)).toEqual([rep.id]);
  });
});
