import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { type ApiResponse, startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, register } from './helpers.js';
import { partyStage } from './party-branch-support.js';

let server: TestServer;
let s: Awaited<ReturnType<typeof partyStage>>;
let full: string[];
let probationary: string;
let suspended: string;
let counters: { id: string; token: string; residentId: string }[];
let monitor: { id: string; token: string; residentId: string };
let mid: string;

beforeAll(async () => {
  server = await startTestServer();
  s = await partyStage(server);
  full = [];
  for (const name of ['丁一', '马二', '王三', '张四', '李五', '赵六']) full.push(await s.member(name));
  probationary = await s.member('钱预备', { status: 'probationary' });
  suspended = await s.member('孙察看', { suspended: true });
  counters = [await s.memberWithAccount('计票甲'), await s.memberWithAccount('计票乙')];
  monitor = await s.memberWithAccount('监票丙');
  await s.approvedFounding();
  mid = await s.meeting(5, '2027-03-01');
}, 120_000);
afterAll(() => server?.close());

const partyRoutes = (await loadAllRoutes()).filter((r) => r.path.startsWith('/api/party'));

describe('nobody but the organiser sees the branch', () => {
  it.each(partyRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s answers 404 to a resident, staff, an administrator without the role, and another community',
    async (_, route) => {
      const callers = {
        resident1: await server.login(DEMO.resident1.username, DEMO.resident1.password),
        staff: await server.login(DEMO.staff.username, DEMO.staff.password),
        'staff@other': await server.login(DEMO.staffOther.username, DEMO.staffOther.password),
        fresh: (await register(server, '路人甲')).token,
      };
      // The real meeting's id for its routes: a record that exists is as invisible as one that does not.
      const path = route.path.replace(':mid', mid).replace(/:(\w+)/g, () => randomUUID());
      for (const [who, token] of Object.entries(callers)) {
        const res = await server.request(route.method.toUpperCase(), path, { token, body: route.method === 'get' ? undefined : { memberId: full[0] } });
        expect(`${who} ${res.status} ${res.body?.code}`).toBe(`${who} 404 NOT_FOUND`);
      }
    },
  );

  it('another community’s organiser finds none of this branch’s records and sees an empty roster of its own', async () => {
    // The other community's organiser, as the demo seed makes one.
    const t = await server.login('organizer@other', 'Party#2026');
    expect((await server.request('GET', '/api/party/members', { token: t })).body.items).toEqual([]);
    expectProblem(await server.request('GET', `/api/party/meetings/${mid}`, { token: t }), 404, 'NOT_FOUND');
    expectProblem(await server.request('PUT', `/api/party/members/${full[0]}`, { token: t, body: { suspended: true } }), 404, 'NOT_FOUND');
    expectProblem(
      await server.request('POST', `/api/party/meetings/${mid}/attendance`, { token: t, body: { memberId: full[0], present: true } }),
      404,
      'NOT_FOUND',
    );
  });

  it('a member sees their own entry only, and a resident who is no member finds nothing', async () => {
    const me = await server.request('GET', '/api/party/me', { token: counters[0]!.token });
    expect(me.status).toBe(200);
    expect(me.body.member).toMatchObject({ id: counters[0]!.id, name: '计票甲', status: 'full', hasVote: true });
    expect(JSON.stringify(me.body)).not.toContain('钱预备');
    expectProblem(await server.request('GET', '/api/party/members', { token: counters[0]!.token }), 404, 'NOT_FOUND');
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    expectProblem(await server.request('GET', '/api/party/me', { token: resident }), 404, 'NOT_FOUND');
  });

  it('keeps the branch’s acts out of the audit list the election committee reads, and names out of the chain', async () => {
    // Every page of the list, against every entry of the chain: all but the branch's are listed.
    const listed: { action: string }[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: ApiResponse<{ items: { action: string }[]; nextCursor: string | null }> = await server.request(
        'GET',
        `/api/audit?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: s.admin },
      );
      expect(page.status).toBe(200);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const { accounts, auditLog } = await import('../../db/schema/index.js');
    const [staff] = await server.db.select({ communityId: accounts.communityId }).from(accounts).where(eq(accounts.username, 'staff'));
    const entries = await server.db.select().from(auditLog).where(eq(auditLog.communityId, staff!.communityId!)).orderBy(auditLog.seq);
    expect(listed.map((e) => e.action)).toEqual(entries.map((e) => e.action).filter((a) => !a.startsWith('party.')));
    expect(entries.some((e) => e.action === 'party.member_added')).toBe(true);
    const chain = JSON.stringify(await server.db.select().from(auditLog));
    expect(chain).toContain('party.member_added');
    for (const name of ['丁一', '钱预备', '孙察看', '计票甲']) expect(chain).not.toContain(name);
    expect((await server.request('GET', '/api/audit/verify', { token: s.admin })).body.ok).toBe(true);
  });
});

describe('the roster', () => {
  it('lists full and probationary members with who has a vote (条例第五条)', async () => {
    const res = await server.request('GET', '/api/party/members', { token: s.organizer });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((m: { name: string; hasVote: boolean }) => [m.name, m.hasVote]));
    expect(byName).toMatchObject({ 丁一: true, 钱预备: false, 孙察看: false });
  });

  it('refuses bad input with a Chinese sentence: a full member without the date of full membership, a bad date, an unknown status', async () => {
    expectProblem(await s.post('/api/party/members', { name: '周七', status: 'full', admittedOn: '2010-07-01' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await s.post('/api/party/members', { name: '周七', status: 'full', admittedOn: '2010-13-01', fullOn: '2011-01-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await s.post('/api/party/members', { name: '周七', status: 'member', admittedOn: '2010-07-01' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await s.post('/api/party/members', { name: '周七', status: 'probationary', admittedOn: '2010-07-01', fullOn: '2011-07-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await s.post('/api/party/members', 'not an object'), 400, 'VALIDATION_FAILED');
  });

  it('puts a resident on the roster once (CONFLICT), and an unknown resident is NOT_FOUND', async () => {
    expectProblem(
      await s.post('/api/party/members', { residentId: counters[0]!.residentId, status: 'full', admittedOn: '2010-07-01', fullOn: '2011-07-01' }),
      409,
      'CONFLICT',
    );
    expectProblem(
      await s.post('/api/party/members', { residentId: randomUUID(), status: 'full', admittedOn: '2010-07-01', fullOn: '2011-07-01' }),
      404,
      'NOT_FOUND',
    );
  });

  it('records full membership, 留党察看 and a transfer out through the entry', async () => {
    const id = await s.member('吴转出');
    const res = await server.request('PUT', `/api/party/members/${id}`, { token: s.organizer, body: { transferredOutOn: '2027-02-01' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ transferredOutOn: '2027-02-01', hasVote: false });
    const up = await server.request('PUT', `/api/party/members/${probationary}`, { token: s.organizer, body: { status: 'full' } });
    expectProblem(up, 400, 'VALIDATION_FAILED');
  });
});

/**
 * The members' meeting, step by step. Each step runs its checks once, after the steps before it:
 * in this file's order each test runs its own step; a test run alone (or the committee's meeting,
 * which needs the committee elected) runs the earlier steps first.
 */
const once = <T>(step: () => Promise<T>) => {
  let done: Promise<T> | undefined;
  return () => (done ??= step());
};
/** fixes a list of 5 for 5 seats only with a 6th (TOO_FEW_CANDIDATES), refuses a candidate twice (ALREADY_CANDIDATE) */
const listFixed = once(async () => {
  for (const id of full.slice(0, 5)) await s.candidate(mid, id);
  expectProblem(await s.post(`/api/party/meetings/${mid}/candidates`, { memberId: full[0] }), 409, 'ALREADY_CANDIDATE');
  const five = await s.post(`/api/party/meetings/${mid}/candidates/publish`, undefined);
  expectProblem(five, 422, 'TOO_FEW_CANDIDATES');
  expect(five.body.detail).toContain('至少6名');
  const sixth = await s.post(`/api/party/meetings/${mid}/candidates`, { memberId: full[5] });
  // Not yet reviewed: the list waits for the review.
  expectProblem(await s.post(`/api/party/meetings/${mid}/candidates/publish`, undefined), 409, 'CONFLICT');
  await s.ok(`/api/party/meetings/${mid}/candidates/${sixth.body.id}/review`, undefined);
  expectProblem(await s.post(`/api/party/meetings/${mid}/officials`, { memberId: full[0], role: 'counter' }), 422, 'OFFICIAL_IS_CANDIDATE');
  for (const c of counters) await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: c.id, role: 'counter' });
  await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: monitor.id, role: 'monitor' });
  const published = await s.post(`/api/party/meetings/${mid}/candidates/publish`, undefined);
  expect(published.status).toBe(201);
  expect(published.body.candidates).toHaveLength(6);
  expectProblem(await s.post(`/api/party/meetings/${mid}/candidates`, { memberId: counters[0]!.id }), 409, 'CONFLICT');
});
/** hands out no ballot at exactly four fifths present (NO_QUORUM), and one more makes the quorum */
const quorumMet = once(async () => {
  await listFixed();
  // Entitled: 6 + 3 officials = 9 full members (the probationary and the suspended do not count).
  const meeting = (await server.request('GET', `/api/party/meetings/${mid}`, { token: s.organizer })).body;
  expect(meeting.quorum.entitled).toBe(9);
  expect(meeting.quorum.needed).toBe(8);
  const everyone = [...full, ...counters.map((c) => c.id), monitor.id];
  for (const id of everyone.slice(0, 7)) expect((await s.attend(mid, id)).status).toBe(200);
  await s.attend(mid, everyone[7]!, false, true);
  // The day before the meeting: no ballots yet, whatever the door says.
  server.setNow(new Date('2027-02-28T02:00:00Z'));
  expectProblem(await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: full[0] }), 409, 'NOT_ELECTION_DAY');
  server.setNow(new Date('2027-03-01T02:00:00Z'));
  const noQuorum = await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: full[0] });
  expectProblem(noQuorum, 409, 'NO_QUORUM');
  expect(noQuorum.body.detail).toContain('至少8人');
  const r = await s.attend(mid, everyone[7]!);
  expect(r.body.quorum).toMatchObject({ present: 8, met: true });
});
/** never hands a ballot to a probationary member, even present (NOT_A_FULL_MEMBER); once to everyone else (ALREADY_ISSUED) */
const ballotsHandedOut = once(async () => {
  await quorumMet();
  await s.attend(mid, probationary);
  expectProblem(await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: probationary }), 422, 'NOT_A_FULL_MEMBER');
  const first = await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: full[0] });
  expect(first.status).toBe(201);
  expectProblem(await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: full[0] }), 409, 'ALREADY_ISSUED');
  // A counter hands out ballots too; a member recorded absent gets none.
  const everyone = [...full, ...counters.map((c) => c.id), monitor.id];
  for (const id of everyone.slice(1, 8)) expect((await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: id }, counters[0]!.token)).status).toBe(201);
  expectProblem(await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: everyone[8]! }), 409, 'CONFLICT');
});
/** takes the count from the counters only: a monitor is FORBIDDEN, implausible figures are TALLY_IMPLAUSIBLE, differing entries TALLY_MISMATCH */
const counted = once(async () => {
  await ballotsHandedOut();
  const meeting = (await server.request('GET', `/api/party/meetings/${mid}`, { token: s.organizer })).body;
  const ids: string[] = meeting.candidates.map((c: { id: string }) => c.id);
  const votes = (yes: number[]) =>
    Object.fromEntries(ids.map((id, i) => [id, { yes: yes[i]!, no: Math.max(0, 7 - yes[i]!), abstain: 8 - yes[i]! - Math.max(0, 7 - yes[i]!) }]));
  const good = { ballotsCast: 8, invalidBallots: 0, votes: votes([8, 7, 7, 6, 6, 2]) };
  expectProblem(await s.post(`/api/party/meetings/${mid}/tally`, good, monitor.token), 403, 'FORBIDDEN');
  // The organiser reaches the meeting but is no counter.
  expectProblem(await s.post(`/api/party/meetings/${mid}/tally`, good), 403, 'FORBIDDEN');
  expectProblem(
    await s.post(`/api/party/meetings/${mid}/tally`, { ballotsCast: 8, invalidBallots: 0, votes: votes([8, 8, 8, 8, 8, 8]) }, counters[0]!.token),
    422,
    'TALLY_IMPLAUSIBLE',
  );
  expectProblem(
    await s.post(`/api/party/meetings/${mid}/tally`, { ballotsCast: 8, invalidBallots: 0, votes: {} }, counters[0]!.token),
    400,
    'VALIDATION_FAILED',
  );
  expect((await s.post(`/api/party/meetings/${mid}/tally`, good, counters[0]!.token)).status).toBe(201);
  expectProblem(await s.post(`/api/party/meetings/${mid}/tally`, { ...good, votes: votes([8, 7, 7, 6, 5, 2]) }, counters[1]!.token), 409, 'TALLY_MISMATCH');
  const agreed = await s.post(`/api/party/meetings/${mid}/tally`, good, counters[1]!.token);
  expect(agreed.status).toBe(201);
  expect(agreed.body.status).toBe('final');
});
/** elects those with yes-votes from more than half of the 9 entitled: five of six */
const committeeElected = once(async () => {
  await counted();
  const res = await server.request('GET', `/api/party/meetings/${mid}/results`, { token: s.organizer });
  expect(res.status).toBe(200);
  expect(res.body.complete).toBe(true);
  expect(res.body.elected.committee.map((e: { name: string }) => e.name).sort()).toEqual(['丁一', '马二', '王三', '张四', '李五'].sort());
  expectProblem(await s.post(`/api/party/meetings/${mid}/tally`, { ballotsCast: 8, invalidBallots: 0, votes: {} }, counters[0]!.token), 409, 'CONFLICT');
  expectProblem(await s.post(`/api/party/meetings/${mid}/rounds`, { kind: 'further' }), 422, 'ROUND_NOT_NEEDED');
});

describe('the members’ meeting', () => {
  it('refuses a meeting before the township approved the founding request — in the test above it was approved, so a second branch’s order is checked by the end-to-end test', async () => {
    const list = await server.request('GET', '/api/party/meetings', { token: s.organizer });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(mid);
  });

  it('never takes a probationary member or one under 留党察看 as a candidate (NOT_A_FULL_MEMBER)', async () => {
    const p = await s.post(`/api/party/meetings/${mid}/candidates`, { memberId: probationary });
    expectProblem(p, 422, 'NOT_A_FULL_MEMBER');
    expect(p.body.detail).toContain('预备党员');
    expectProblem(await s.post(`/api/party/meetings/${mid}/candidates`, { memberId: suspended }), 422, 'NOT_A_FULL_MEMBER');
  });

  it('fixes a list of 5 for 5 seats only with a 6th (TOO_FEW_CANDIDATES), refuses a candidate twice (ALREADY_CANDIDATE)', () => listFixed());
  it('hands out no ballot at exactly four fifths present (NO_QUORUM), and one more makes the quorum', () => quorumMet());
  it('never hands a ballot to a probationary member, even present (NOT_A_FULL_MEMBER); once to everyone else (ALREADY_ISSUED)', () => ballotsHandedOut());
  it('takes the count from the counters only: a monitor is FORBIDDEN, implausible figures are TALLY_IMPLAUSIBLE, differing entries TALLY_MISMATCH', () =>
    counted());
  it('elects those with yes-votes from more than half of the 9 entitled: five of six', () => committeeElected());

  it('answers 404 to an unknown meeting', async () => {
    expectProblem(await server.request('GET', `/api/party/meetings/${randomUUID()}`, { token: s.organizer }), 404, 'NOT_FOUND');
  });
});

describe('the committee’s meeting', () => {
  it('elects secretary and deputy 等额 from the new committee and records the division of work', async () => {
    await committeeElected();
    const committee = await s.ok('/api/party/meetings', { kind: 'committee', date: '2027-03-01', seats: 2, electsFromMeetingId: mid });
    const cm = committee.id as string;
    expect(committee.quorum.entitled).toBe(5);
    expectProblem(await s.post(`/api/party/meetings/${cm}/candidates`, { memberId: full[5], post: 'secretary' }), 422, 'NOT_ON_COMMITTEE');
    await s.candidate(cm, full[0]!, 'secretary');
    await s.candidate(cm, full[1]!, 'secretary');
    const twoSecretaries = await s.post(`/api/party/meetings/${cm}/candidates/publish`, undefined);
    expectProblem(twoSecretaries, 422, 'TOO_FEW_CANDIDATES');
    expect(twoSecretaries.body.detail).toContain('等额');
  });

  it('elects the secretary and deputy with more than half of the committee and records the work', async () => {
    await committeeElected();
    const cm = (await s.ok('/api/party/meetings', { kind: 'committee', date: '2027-03-01', seats: 2, electsFromMeetingId: mid })).id as string;
    await s.candidate(cm, full[0]!, 'secretary');
    await s.candidate(cm, full[1]!, 'deputy_secretary');
    await s.ok(`/api/party/meetings/${cm}/candidates/publish`, undefined);
    for (const id of full.slice(0, 4)) await s.attend(cm, id);
    expectProblem(await s.post(`/api/party/meetings/${cm}/ballots`, { memberId: full[0] }), 409, 'NO_QUORUM');
    await s.attend(cm, full[4]!);
    expectProblem(await s.post(`/api/party/meetings/${cm}/ballots`, { memberId: full[5] }), 422, 'NOT_A_FULL_MEMBER');
    for (const id of full.slice(0, 5)) expect((await s.post(`/api/party/meetings/${cm}/ballots`, { memberId: id })).status).toBe(201);
    expectProblem(await s.post(`/api/party/meetings/${cm}/assignments`, { memberId: full[5], duty: 'organization' }), 422, 'NOT_ON_COMMITTEE');
    expectProblem(await s.post(`/api/party/meetings/${cm}/assignments`, { memberId: full[2], duty: 'other' }), 400, 'VALIDATION_FAILED');
    for (const [i, duty] of (['organization', 'propaganda', 'discipline'] as const).entries()) {
      expect((await s.post(`/api/party/meetings/${cm}/assignments`, { memberId: full[i + 2], duty })).status).toBe(201);
    }
    const view = (await server.request('GET', `/api/party/meetings/${cm}`, { token: s.organizer })).body;
    expect(view.assignments.map((a: { duty: string }) => a.duty)).toEqual(['organization', 'propaganda', 'discipline']);
  });
});

describe('a void round', () => {
  it('is held again when more ballots come back than were handed out; names written in count when a member bears them', async () => {
    const again = await s.meeting(5, '2027-03-01');
    for (const id of full) await s.candidate(again, id);
    for (const c of counters) await s.ok(`/api/party/meetings/${again}/officials`, { memberId: c.id, role: 'counter' });
    await s.ok(`/api/party/meetings/${again}/candidates/publish`, undefined);
    const everyone = [...full, ...counters.map((c) => c.id), monitor.id];
    for (const id of everyone) await s.attend(again, id);
    for (const id of everyone) await s.ok(`/api/party/meetings/${again}/ballots`, { memberId: id });
    const meeting = (await server.request('GET', `/api/party/meetings/${again}`, { token: s.organizer })).body;
    const votes = Object.fromEntries(meeting.candidates.map((c: { id: string }) => [c.id, { yes: 6, no: 3, abstain: 1 }]));
    expectProblem(await s.post(`/api/party/meetings/${again}/rounds`, { kind: 'repeat' }), 409, 'ROUND_NOT_CLOSED');
    for (const c of counters) await s.ok(`/api/party/meetings/${again}/tally`, { ballotsCast: 10, invalidBallots: 0, votes }, c.token);
    const results = (await server.request('GET', `/api/party/meetings/${again}/results`, { token: s.organizer })).body;
    expect(results.rounds[0].status).toBe('void');
    expect(results.elected).toEqual({});
    const repeat = await s.post(`/api/party/meetings/${again}/rounds`, { kind: 'repeat' });
    expect(repeat.status).toBe(201);
    expect(repeat.body).toMatchObject({ n: 2, kind: 'repeat', seats: { committee: 5 } });
    expect(repeat.body.contenders).toHaveLength(6);

    // The repeat: a member written in by name is elected like a listed candidate; a name nobody bears counts for nobody.
    for (const id of everyone) await s.ok(`/api/party/meetings/${again}/ballots`, { memberId: id });
    const ids: string[] = meeting.candidates.map((c: { id: string }) => c.id);
    const second = {
      ballotsCast: 9,
      invalidBallots: 0,
      votes: Object.fromEntries(ids.map((id, i) => [id, i < 4 ? { yes: 6, no: 3, abstain: 0 } : { yes: 0, no: 9, abstain: 0 }])),
      writeIns: [
        { name: '监票丙', post: 'committee', yes: 5 },
        { name: '不认识', post: 'committee', yes: 3 },
      ],
    };
    for (const c of counters) await s.ok(`/api/party/meetings/${again}/tally`, second, c.token);
    const after = (await server.request('GET', `/api/party/meetings/${again}/results`, { token: s.organizer })).body;
    expect(after.complete).toBe(true);
    expect(after.elected.committee.map((e: { name: string }) => e.name)).toEqual(['丁一', '马二', '王三', '张四', '监票丙']);
    expect(after.rounds[1].contenders.find((c: { name: string }) => c.name === '不认识')).toMatchObject({ memberId: null, writeIn: true, yes: 3 });
  });
});

describe('bad input from the organiser and the counters', () => {
  const bodies: unknown[] = [
    null,
    [],
    'x',
    { memberId: 'not-a-uuid' },
    { memberId: randomUUID(), present: 'yes' },
    { kind: 'members', date: '2027-02-30', seats: 5 },
    { kind: 'committee', date: '2027-03-10', seats: 99 },
    { seats: -1, date: 1 },
    { ballotsCast: -1, invalidBallots: 1e12, votes: { x: { yes: 'a' } } },
    { ballotsCast: 1, invalidBallots: 0, votes: { [randomUUID()]: { yes: 1, no: 0, abstain: 0 } }, writeIns: [{ name: '', post: 'king', yes: 1 }] },
    { approvedOn: '2027-13-01', documentNo: 'x'.repeat(500) },
    { kind: 'founding', branchType: 'big', body: '' },
    { name: '\u0000', status: 'full', admittedOn: '2010-07-01', fullOn: '2009-01-01' },
    { duty: 'king', memberId: randomUUID() },
    { kind: 'further', candidateIds: ['x'] },
  ];
  it.each(partyRoutes.filter((r) => r.method !== 'get').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s answers a 4xx problem with a Chinese detail, never a 5xx',
    async (_, route) => {
      const path = route.path
        .replace(':mid', mid)
        .replace(':id', full[0]!)
        .replace(/:(\w+)/g, () => randomUUID());
      for (const token of [s.organizer, counters[0]!.token]) {
        for (const body of bodies) {
          const res = await server.request(route.method.toUpperCase(), path, { token, body });
          expect(res.status, `${JSON.stringify(body)} → ${res.text}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
          expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    },
  );
});

it('never answered a 5xx', () => {
  expect(server.recorded.some((t) => /"status":5\d\d/.test(t))).toBe(false);
});
