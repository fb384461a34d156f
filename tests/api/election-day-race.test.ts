import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { electionBallots } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';

/**
 * Parallel desks. Run on the Postgres server through both drivers (TEST_DB=pg, TEST_DB=neon):
 * PGlite runs one transaction at a time and would pass a racy check too.
 */
let server: TestServer;
let stage: Awaited<ReturnType<typeof electionDayStage>>;
let e: string;
let desks: string[];
let holder: string;
let absent: string[];
let unapproved: string;

beforeAll(async () => {
  server = await startTestServer();
  stage = await electionDayStage(server, '2027-05-16');
  e = await stage.election();
  const clerks = [await stage.personWithAccount('发票员一'), await stage.personWithAccount('发票员二')];
  for (const c of clerks) await stage.appoint(e, c.residentId, 'clerk');
  desks = clerks.map((c) => c.token);
  // The proxy holder and those they stand for are on the list before the desks open: from the first ballot it is fixed.
  holder = await stage.voter(e, '受托人');
  absent = await Promise.all(['委托甲', '委托乙', '委托丙'].map((n) => stage.voter(e, n)));
  unapproved = await stage.voter(e, '未批准');
  for (let i = 0; i < 50; i += 10) {
    fifty.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => stage.voter(e, `选民${i + j}`)))));
  }
  await stage.openDesk(e);
}, 120_000);
const fifty: string[] = [];
afterAll(() => server.close());

const issue = (token: string, residentId: string, onBehalfOfResidentId?: string) =>
  server.request('POST', `/api/elections/${e}/ballots`, { token, body: { residentId, onBehalfOfResidentId } });

it('two desks handing out ballots for the same 50 voters at once: exactly 50 ballots, every duplicate refused', async () => {
  const voters = fifty;
  // Both desks scan every voter, interleaved, all requests in flight together.
  const results = await Promise.all(voters.flatMap((v) => desks.map((desk) => issue(desk, v))));
  // Anything but a ballot or a refused duplicate is named, so a failure says what happened.
  const unexpected = results.filter((r) => !(r.status === 201 || (r.status === 409 && r.body.code === 'ALREADY_ISSUED')));
  expect(unexpected.map((r) => `${r.status} ${r.body?.code} ${r.body?.detail ?? r.text}`)).toEqual([]);
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(50);
  expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_ISSUED')).toHaveLength(50);
  const [n] = await server.db.select({ n: count() }).from(electionBallots).where(eq(electionBallots.electionId, e));
  expect(n!.n).toBe(50);
  // Each voter exactly once.
  const per = voters.map((v) => results.filter((r) => r.status === 201 && r.body.voterResidentId === v).length);
  expect(per.every((k) => k === 1)).toBe(true);
  const turnout = await server.request('GET', `/api/elections/${e}/turnout`, { token: desks[0] });
  expect(turnout.body.ballotsIssued).toBe(50);
}, 120_000);

it('a proxy holder approved for 3 entrustments receives exactly 4 ballots, from both desks at once', async () => {
  for (const a of absent) await stage.approvedProxy(e, a, holder);
  await stage.approvedProxy(e, unapproved, holder, 'awaiting_approval');
  const onBehalf = [undefined, ...absent, unapproved];
  const results = await Promise.all(desks.flatMap((desk) => [...onBehalf, ...onBehalf].map((a) => issue(desk, holder, a))));
  expect(results.filter((r) => r.status === 201)).toHaveLength(4);
  expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_ISSUED')).toHaveLength(12);
  expect(results.filter((r) => r.status === 422 && r.body.code === 'PROXY_NOT_APPROVED')).toHaveLength(4);
  const [n] = await server.db
    .select({ n: count() })
    .from(electionBallots)
    .where(and(eq(electionBallots.electionId, e), eq(electionBallots.handedToResidentId, holder)));
  expect(n!.n).toBe(4);
}, 120_000);
