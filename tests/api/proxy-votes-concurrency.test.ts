import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyApplications } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { raceRounds } from '../support/settings.js';
import { applyFor, consent, createElection, decide, type Person, residentWithAccount } from './proxy-support.js';

/*
 * The proxy limit under parallel approvals. PGlite runs one transaction at a time and would pass a
 * racy count-then-approve; run this file with TEST_DB=pg and TEST_DB=neon to prove the lock.
 */
const APPLICANTS = 20;
const ROUNDS = raceRounds(20);
const LIMIT = 3;

let server: TestServer;
let committee: string;
let proxy: Person;
const applicants: Person[] = [];

beforeAll(async () => {
  server = await startTestServer();
  committee = await server.login('staff', 'Staff#2026');
  const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[0].id;
  proxy = await residentWithAccount(server, committee, groupId, '受托人');
  for (let i = 0; i < APPLICANTS; i++) applicants.push(await residentWithAccount(server, committee, groupId, `委托人${i + 1}`));
}, 120_000);
afterAll(() => server?.close());

describe(`${APPLICANTS} consented applications naming one proxy, approved at once`, () => {
  it(`approve exactly maxProxiesPerVoter (${LIMIT}) and refuse the rest, in each of ${ROUNDS} rounds`, async () => {
    const overApproved: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const electionDay = `2029-03-${String(round + 1).padStart(2, '0')}`;
      const election = await createElection(server, committee, electionDay, { maxProxiesPerVoter: LIMIT });
      const registered = await server.request('POST', `/api/elections/${election.id}/voters`, { token: committee, body: { all: true } });
      expect(registered.status).toBe(201);
      const applied = await Promise.all(applicants.map((a) => applyFor(server, election.id, a, proxy.residentId)));
      expect(applied.map((r) => r.status)).toEqual(applicants.map(() => 201));
      const consents = await Promise.all(applied.map((r) => consent(server, election.id, r.body.id, proxy)));
      expect(consents.map((r) => r.body.status)).toEqual(applicants.map(() => 'awaiting_approval'));

      const decisions = await Promise.all(applied.map((r) => decide(server, election.id, r.body.id, committee)));

      const outcomes = decisions.map((r) => (r.status === 200 ? r.body.status : r.body?.code));
      expect(outcomes.filter((o) => o === 'approved')).toHaveLength(LIMIT);
      expect(outcomes.filter((o) => o === 'PROXY_LIMIT_REACHED')).toHaveLength(APPLICANTS - LIMIT);
      const [approved] = await server.db
        .select({ n: count() })
        .from(proxyApplications)
        .where(and(eq(proxyApplications.electionId, election.id), eq(proxyApplications.status, 'approved')));
      if (approved!.n > LIMIT) overApproved.push(round);
      expect(approved!.n).toBe(LIMIT);
    }
    expect(overApproved).toEqual([]);
    expect((await server.request('GET', '/api/audit/verify', { token: committee })).body.ok).toBe(true);
  }, 600_000);
});

describe('an approval and an appointment of the same voter, at once', () => {
  it(`let exactly one of them stand: an official cannot entrust her vote, an entrusting voter cannot be an official, in each of ${raceRounds(10)} rounds`, async () => {
    const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[1].id;
    const entrusting: Person[] = [];
    for (let i = 0; i < 8; i++) entrusting.push(await residentWithAccount(server, committee, groupId, `当日委托${i + 1}`));
    const proxies = [await residentWithAccount(server, committee, groupId, '代投甲'), await residentWithAccount(server, committee, groupId, '代投乙')];
    const bothStood: string[] = [];
    for (let round = 0; round < raceRounds(10); round++) {
      const election = await createElection(server, committee, `2029-04-${String(round + 1).padStart(2, '0')}`, { maxProxiesPerVoter: 4 });
      expect((await server.request('POST', `/api/elections/${election.id}/voters`, { token: committee, body: { all: true } })).status).toBe(201);
      const pids: string[] = [];
      for (const [i, a] of entrusting.entries()) {
        const proxy = proxies[i % 2]!;
        const applied = await applyFor(server, election.id, a, proxy.residentId);
        expect(applied.status).toBe(201);
        expect((await consent(server, election.id, applied.body.id, proxy)).body.status).toBe('awaiting_approval');
        pids.push(applied.body.id);
      }
      // Each voter's approval and her appointment as a counter, all sixteen requests in flight together.
      const raced = await Promise.all(
        entrusting.flatMap((a, i) => [
          decide(server, election.id, pids[i]!, committee),
          server.request('POST', `/api/elections/${election.id}/officials`, { token: committee, body: { residentId: a.residentId, role: 'counter' } }),
        ]),
      );
      for (const [i, a] of entrusting.entries()) {
        const [approval, appointment] = [raced[2 * i]!, raced[2 * i + 1]!];
        const said = (r: typeof approval, ok: string) => `${r.status} ${r.status < 300 ? ok : r.body.code}`;
        const outcome = `${said(approval, approval.body.status)} / ${said(appointment, appointment.body.role)}`;
        expect(['200 approved / 422 OFFICIAL_HAS_ENTRUSTED', '422 APPLICANT_IS_OFFICIAL / 201 counter']).toContain(outcome);
        if (approval.status === 200 && appointment.status === 201) bothStood.push(`${round}:${a.name}`);
      }
      // What is stored agrees: no one both entrusted (approved) and appointed.
      const officials = (await server.request('GET', `/api/elections/${election.id}/officials`, { token: committee })).body.items as { residentId: string }[];
      const approved = await server.db
        .select({ applicant: proxyApplications.applicantResidentId })
        .from(proxyApplications)
        .where(and(eq(proxyApplications.electionId, election.id), eq(proxyApplications.status, 'approved')));
      const appointedIds = new Set(officials.map((o) => o.residentId));
      expect(approved.filter((r) => appointedIds.has(r.applicant))).toEqual([]);
      expect(approved.length + officials.length).toBe(entrusting.length);
    }
    expect(bothStood).toEqual([]);
  }, 600_000);
});
