import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem } from './helpers.js';
import { partyStage } from './party-branch-support.js';

/**
 * From the request to found the branch to the township's 批复 of the election's report, on an
 * injected clock: request on 1 March, approval on 5 March, both meetings on 10 March (a further
 * election and a tie re-vote on the way), the report on 12 March (China time), its 批复 on 20 March.
 */
let server: TestServer;
let s: Awaited<ReturnType<typeof partyStage>>;
beforeAll(async () => {
  server = await startTestServer();
  s = await partyStage(server, '2027-03-01T02:00:00Z');
}, 60_000);
afterAll(() => server?.close());

type Counts = Record<string, { yes: number; no: number; abstain: number }>;
const yesOnly = (ids: string[], yes: number[], valid: number): Counts =>
  Object.fromEntries(ids.map((id, i) => [id, { yes: yes[i]!, no: valid - yes[i]!, abstain: 0 }]));

it('founds the branch, elects its committee, secretary and deputy, and reports upward until the 批复', async () => {
  const names = ['丁甲', '马乙', '王丙', '张丁', '李戊', '赵己'];
  const m: Record<string, string> = {};
  for (const n of names) m[n] = await s.member(n);
  await s.member('钱预备', { status: 'probationary' });
  const counterA = await s.memberWithAccount('计票一');
  const counterB = await s.memberWithAccount('计票二');

  // 1. The 请示, its figures from the roster, recorded on the day (China time).
  expectProblem(await s.post('/api/party/meetings', { kind: 'members', date: '2027-03-10', seats: 5 }), 409, 'CONFLICT');
  expectProblem(await s.post('/api/party/requests', { kind: 'founding', body: '请示' }), 400, 'VALIDATION_FAILED');
  const request = await s.ok('/api/party/requests', {
    kind: 'founding',
    branchType: 'independent',
    body: '关于成立中共八珠街社区支部委员会的请示',
    proposedSeats: 5,
  });
  expect(request).toMatchObject({ submittedOn: '2027-03-01', status: 'submitted', branchType: 'independent' });
  expect(request.figures).toMatchObject({
    communityName: '八珠街社区',
    // The paper is addressed to the township's party committee, from the community's region (甘肃省八珠乡).
    addressee: '八珠乡党委',
    households: 557,
    population: 2565,
    fullMembers: 8,
    probationaryMembers: 1,
    withVote: 8,
    proposedSeats: 5,
  });
  expectProblem(
    await s.post(`/api/party/requests/${request.id}/approval`, { approvedOn: '2027-02-28', documentNo: '八珠党发〔2027〕3号' }),
    400,
    'VALIDATION_FAILED',
  );
  server.setNow(new Date('2027-03-05T03:00:00Z'));
  const approved = await s.ok(`/api/party/requests/${request.id}/approval`, { approvedOn: '2027-03-05', documentNo: '八珠党发〔2027〕3号' });
  expect(approved).toMatchObject({ status: 'approved', approvedOn: '2027-03-05', documentNo: '八珠党发〔2027〕3号' });
  expectProblem(await s.post(`/api/party/requests/${request.id}/approval`, { approvedOn: '2027-03-06', documentNo: '重复' }), 409, 'CONFLICT');

  // 2. The members' meeting: 5 seats, 6 candidates, 8 entitled, all present.
  server.setNow(new Date('2027-03-10T01:00:00Z'));
  const mid = (await s.ok('/api/party/meetings', { kind: 'members', date: '2027-03-10', seats: 5 })).id as string;
  for (const n of names) await s.candidate(mid, m[n]!);
  await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: counterA.id, role: 'counter' });
  await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: counterB.id, role: 'counter' });
  const fixed = await s.ok(`/api/party/meetings/${mid}/candidates/publish`, undefined);
  const entitled = [...names.map((n) => m[n]!), counterA.id, counterB.id];
  for (const id of entitled) await s.attend(mid, id);
  const handOut = async (round?: number) => {
    for (const id of entitled) expect((await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: id, ...(round ? { round } : {}) })).status).toBe(201);
  };
  const count = async (body: Record<string, unknown>) => {
    expect((await s.post(`/api/party/meetings/${mid}/tally`, body, counterA.token)).status).toBe(201);
    const second = await s.post(`/api/party/meetings/${mid}/tally`, body, counterB.token);
    expect(second.status).toBe(201);
    return second.body;
  };
  const idOf = (name: string) => fixed.candidates.find((c: { name: string }) => c.name === name).id as string;
  const ordered = names.map(idOf);

  // Round 1: 丁 8, 马 7, 王 6 have more than half of 8; 张 and 李 4 (exactly half) do not: two seats left.
  await handOut();
  expect(await count({ ballotsCast: 8, invalidBallots: 0, votes: yesOnly(ordered, [8, 7, 6, 4, 4, 3], 8) })).toMatchObject({ round: 1, status: 'final' });
  let results = (await server.request('GET', `/api/party/meetings/${mid}/results`, { token: s.organizer })).body;
  expect(results.elected.committee.map((e: { name: string }) => e.name)).toEqual(['丁甲', '马乙', '王丙']);
  expect(results.left).toEqual({ committee: 2 });
  expect(results.rounds[0].runoff.map((c: { name: string }) => c.name)).toEqual(['张丁', '李戊', '赵己']);
  expectProblem(await s.post(`/api/party/meetings/${mid}/rounds`, { kind: 'tie' }), 422, 'ROUND_NOT_NEEDED');

  // Round 2, a further election for 2 seats among the three: all three above half and level — a tie.
  const further = await s.ok(`/api/party/meetings/${mid}/rounds`, { kind: 'further' });
  expect(further).toMatchObject({ n: 2, kind: 'further', seats: { committee: 2 } });
  expectProblem(await s.post(`/api/party/meetings/${mid}/rounds`, { kind: 'further' }), 409, 'ROUND_NOT_CLOSED');
  await handOut(2);
  const three = further.contenders.map((c: { candidateId: string }) => c.candidateId);
  await count({ round: 2, ballotsCast: 8, invalidBallots: 0, votes: yesOnly(three, [5, 5, 5], 8) });
  results = (await server.request('GET', `/api/party/meetings/${mid}/results`, { token: s.organizer })).body;
  expect(results.rounds[1]).toMatchObject({ status: 'final', tieSeats: 2 });
  expect(results.complete).toBe(false);

  // Round 3, the tied vote again: most votes win.
  const tie = await s.ok(`/api/party/meetings/${mid}/rounds`, { kind: 'tie' });
  expect(tie.contenders).toHaveLength(3);
  await handOut(3);
  await count({ round: 3, ballotsCast: 8, invalidBallots: 1, votes: yesOnly(three, [6, 5, 2], 7) });
  results = (await server.request('GET', `/api/party/meetings/${mid}/results`, { token: s.organizer })).body;
  expect(results.complete).toBe(true);
  expect(results.elected.committee.map((e: { name: string }) => e.name)).toEqual(['丁甲', '马乙', '王丙', '张丁', '李戊']);

  // 3. The committee's meeting: secretary 丁甲 and deputy 马乙, 等额, by the five; the work divided.
  const cm = (await s.ok('/api/party/meetings', { kind: 'committee', date: '2027-03-10', seats: 2, electsFromMeetingId: mid })).id as string;
  const secretary = await s.candidate(cm, m.丁甲!, 'secretary');
  const deputy = await s.candidate(cm, m.马乙!, 'deputy_secretary');
  await s.ok(`/api/party/meetings/${cm}/officials`, { memberId: counterA.id, role: 'counter' });
  await s.ok(`/api/party/meetings/${cm}/officials`, { memberId: counterB.id, role: 'counter' });
  await s.ok(`/api/party/meetings/${cm}/candidates/publish`, undefined);
  const committee = ['丁甲', '马乙', '王丙', '张丁', '李戊'].map((n) => m[n]!);
  for (const id of committee) await s.attend(cm, id);
  for (const id of committee) expect((await s.post(`/api/party/meetings/${cm}/ballots`, { memberId: id })).status).toBe(201);
  const body = { ballotsCast: 5, invalidBallots: 0, votes: { [secretary]: { yes: 5, no: 0, abstain: 0 }, [deputy]: { yes: 4, no: 1, abstain: 0 } } };
  expect((await s.post(`/api/party/meetings/${cm}/tally`, body, counterA.token)).status).toBe(201);
  expect((await s.post(`/api/party/meetings/${cm}/tally`, body, counterB.token)).body.status).toBe('final');
  const cr = (await server.request('GET', `/api/party/meetings/${cm}/results`, { token: s.organizer })).body;
  expect(cr.elected).toMatchObject({ secretary: [{ name: '丁甲', yes: 5 }], deputy_secretary: [{ name: '马乙', yes: 4 }] });
  for (const [name, duty] of [
    ['王丙', 'organization'],
    ['张丁', 'propaganda'],
    ['李戊', 'discipline'],
  ] as const)
    await s.ok(`/api/party/meetings/${cm}/assignments`, { memberId: m[name], duty });

  // 4. The report upward, recorded on 12 March China time (late on the 11th in UTC), and its 批复.
  server.setNow(new Date('2027-03-11T17:30:00Z'));
  const report = await s.ok('/api/party/requests', { kind: 'results_report', body: '关于中共八珠街社区支部委员会选举结果的报告' });
  expect(report.submittedOn).toBe('2027-03-12');
  expect(report.figures).toMatchObject({
    addressee: '八珠乡党委',
    membersMeeting: { date: '2027-03-10', entitled: 8, present: 8 },
    committeeMeeting: { secretary: ['丁甲'], deputySecretary: ['马乙'] },
    assignments: [
      { name: '王丙', duty: '组织委员' },
      { name: '张丁', duty: '宣传委员' },
      { name: '李戊', duty: '纪检委员' },
    ],
  });
  expect(report.figures.membersMeeting.elected).toHaveLength(5);
  server.setNow(new Date('2027-03-20T02:00:00Z'));
  const reply = await s.ok(`/api/party/requests/${report.id}/approval`, { approvedOn: '2027-03-20', documentNo: '八珠党发〔2027〕9号' });
  expect(reply).toMatchObject({ kind: 'results_report', status: 'approved', approvedOn: '2027-03-20' });

  // A member reads the meetings' results; every act is on the chain.
  const me = (await server.request('GET', '/api/party/me', { token: counterA.token })).body;
  expect(me.meetings[1].elected).toEqual([
    { name: '丁甲', post: 'secretary' },
    { name: '马乙', post: 'deputy_secretary' },
  ]);
  const audit = (await server.db.select({ action: auditLog.action }).from(auditLog)).map((e) => e.action);
  for (const action of [
    'party.request_submitted',
    'party.request_approved',
    'party.candidates_fixed',
    'party.ballot_issued',
    'party.tally_entered',
    'party.round_opened',
    'party.duty_assigned',
  ])
    expect(audit).toContain(action);
  const verify = await server.request('GET', '/api/audit/verify', { token: s.admin });
  expect(verify.body.ok).toBe(true);
}, 120_000);
