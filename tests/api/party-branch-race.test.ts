import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partyBallots, partyTallies } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { partyStage } from './party-branch-support.js';

/**
 * Parallel desks and counters at the members' meeting. Run on the Postgres server (TEST_DB=pg):
 * PGlite runs one transaction at a time and would pass a racy check too.
 */
let server: TestServer;
let s: Awaited<ReturnType<typeof partyStage>>;
let mid: string;
let members: string[];
let counters: { id: string; token: string }[];
let candidateIds: string[];

beforeAll(async () => {
  server = await startTestServer();
  s = await partyStage(server);
  members = [];
  for (let i = 0; i < 12; i++) members.push(await s.member(`党员${i}`));
  counters = [await s.memberWithAccount('计票一'), await s.memberWithAccount('计票二')];
  await s.approvedFounding();
  mid = await s.meeting(5, '2027-03-01');
  candidateIds = [];
  for (const id of members.slice(0, 6)) candidateIds.push(await s.candidate(mid, id));
  for (const c of counters) await s.ok(`/api/party/meetings/${mid}/officials`, { memberId: c.id, role: 'counter' });
  await s.ok(`/api/party/meetings/${mid}/candidates/publish`, undefined);
  await Promise.all([...members, ...counters.map((c) => c.id)].map((id) => s.attend(mid, id)));
}, 120_000);
afterAll(() => server?.close());

it('hands one member one ballot when twenty desks ask at once', async () => {
  const tokens = [s.organizer, counters[0]!.token, counters[1]!.token];
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => s.post(`/api/party/meetings/${mid}/ballots`, { memberId: members[0] }, tokens[i % 3])),
  );
  expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
  expect(replies.filter((r) => r.status === 409 && r.body.code === 'ALREADY_ISSUED')).toHaveLength(19);
  const [row] = await server.db
    .select({ n: count() })
    .from(partyBallots)
    .where(and(eq(partyBallots.meetingId, mid), eq(partyBallots.memberId, members[0]!)));
  expect(Number(row!.n)).toBe(1);
});

it('hands every other member a ballot when their desks ask in parallel, never a 5xx', async () => {
  const rest = [...members.slice(1), ...counters.map((c) => c.id)];
  const replies = await Promise.all(
    rest.map((id, i) => s.post(`/api/party/meetings/${mid}/ballots`, { memberId: id }, i % 2 ? counters[0]!.token : s.organizer)),
  );
  expect(replies.map((r) => r.status)).toEqual(rest.map(() => 201));
});

it('keeps both counters’ entries when they enter at the same moment, and the count is final', async () => {
  // The 14 ballots it counts: handed out here when it runs alone, already handed out (ALREADY_ISSUED) after the tests above.
  for (const id of [...members, ...counters.map((c) => c.id)]) {
    const issued = await s.post(`/api/party/meetings/${mid}/ballots`, { memberId: id });
    expect([201, 409]).toContain(issued.status);
  }
  const votes = Object.fromEntries(candidateIds.map((id, i) => [id, { yes: 14 - i, no: i, abstain: 0 }]));
  const body = { ballotsCast: 14, invalidBallots: 0, votes };
  const replies = await Promise.all(counters.map((c) => s.post(`/api/party/meetings/${mid}/tally`, body, c.token)));
  expect(replies.map((r) => r.status).sort()).toEqual([201, 201]);
  expect(replies.map((r) => r.body.status)).toContain('final');
  const [row] = await server.db.select({ n: count() }).from(partyTallies).where(eq(partyTallies.meetingId, mid));
  expect(Number(row!.n)).toBe(2);
});
