import { and, eq } from 'drizzle-orm';
import { electionPublications, proxyApplications } from '../../db/schema/index.js';
import { daysBefore, publishVoterList } from '../support/election-steps.js';
import type { TestServer } from '../support/server.js';
import { newIdNumber, register, withBasis } from './helpers.js';

/**
 * An election-day stage on a test server: the committee signed in at a pinned clock (tokens are
 * issued after pinning, so their sessions live in the pinned time), people made through the API.
 */
export async function electionDayStage(server: TestServer, electionDay: string, at = `${electionDay}T02:00:00Z`) {
  server.setNow(new Date(at));
  const committee = await server.login('staff', 'Staff#2026');
  const community = (await server.request('GET', '/api/community', { token: committee })).body as { id: string };
  const groups = (await server.request('GET', '/api/groups', { token: committee })).body.items as { id: string; name: string }[];
  const groupId = groups[0]!.id;

  let n = 0;
  /**
   * A verified resident entered at the window: a man unless `sex` says otherwise, so a list
   * names a woman only where a test puts one on it (the rulebook's `womanMember`).
   */
  async function person(name: string, birth = '19700101', sex: 'male' | 'female' = 'male') {
    const res = await server.request('POST', '/api/residents', { token: committee, body: { name, idNumber: newIdNumber(birth, '620102', sex), groupId } });
    if (res.status !== 201) throw new Error(`resident: ${res.status} ${res.text}`);
    return res.body.id as string;
  }
  /** A verified resident with an account of their own (officials sign in at the desk). */
  async function personWithAccount(name: string, sex: 'male' | 'female' = 'male') {
    const account = await register(server, name);
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token: account.token,
      body: { name, idNumber: newIdNumber('19800615', '620102', sex), groupId },
    });
    if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${claim.text}`);
    const residentId = claim.body.resident.id as string;
    const verified = await server.request('POST', `/api/residents/${residentId}/verify`, { token: committee });
    if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
    return { token: account.token, residentId, name };
  }
  async function election(seats = { director: 1, deputyDirector: 1, members: 3 }, rules: Record<string, unknown> = {}) {
    const res = await server.request('POST', '/api/elections', {
      token: committee,
      body: { title: `第${++n}届居委会选举`, electionDay, seats, rules, ...withBasis(rules) },
    });
    if (res.status !== 201) throw new Error(`election: ${res.status} ${res.text}`);
    return res.body.id as string;
  }
  async function registerVoter(electionId: string, residentId: string) {
    const res = await server.request('POST', `/api/elections/${electionId}/voters`, { token: committee, body: { residentId } });
    if (res.status !== 201) throw new Error(`voter: ${res.status} ${res.text}`);
  }
  async function voter(electionId: string, name: string, sex: 'male' | 'female' = 'male') {
    const id = await person(name, '19700101', sex);
    await registerVoter(electionId, id);
    return id;
  }
  async function appoint(electionId: string, residentId: string, role: 'counter' | 'monitor' | 'clerk') {
    const res = await server.request('POST', `/api/elections/${electionId}/officials`, { token: committee, body: { residentId, role } });
    if (res.status !== 201) throw new Error(`official: ${res.status} ${res.text}`);
    return res.body;
  }
  /** An approved entrustment, written straight into the table (the proxy routes live on another branch). */
  async function approvedProxy(
    electionId: string,
    applicantResidentId: string,
    proxyResidentId: string,
    status: 'approved' | 'awaiting_approval' = 'approved',
  ) {
    const at = new Date(at0());
    await server.db.insert(proxyApplications).values({
      communityId: community.id,
      electionId,
      applicantResidentId,
      proxyResidentId,
      reason: '外出务工',
      status,
      createdAt: at,
      updatedAt: at,
      ...(status === 'approved' ? { decidedAt: at } : {}),
    });
  }
  const at0 = () => at;
  async function addCandidate(electionId: string, residentId: string, seat: 'director' | 'deputyDirector' | 'members') {
    const res = await server.request('POST', `/api/elections/${electionId}/candidates`, { token: committee, body: { residentId, seat } });
    if (res.status !== 201) throw new Error(`candidate: ${res.status} ${res.text}`);
    return res.body.id as string;
  }
  /**
   * The steps the law puts before the ballot desk (STEP_NOT_DONE otherwise), for tests of what
   * comes after them: the voter list's notice through the API, dated 25 days before election day;
   * and, unless the test published its candidate list through the API already, a candidate
   * list's publication written straight into the table (the list's own rules — surplus, a
   * woman, its deadline — are tested in their own files). Call it once the voter list is
   * complete: from the notice on, the list changes only by a recorded decision.
   */
  async function openDesk(electionId: string) {
    const day = (await server.request('GET', `/api/elections/${electionId}`, { token: committee })).body.electionDay as string;
    const listedAt = daysBefore(day, 25);
    await publishVoterList(server, committee, electionId, listedAt);
    const [published] = await server.db
      .select({ id: electionPublications.id })
      .from(electionPublications)
      .where(and(eq(electionPublications.electionId, electionId), eq(electionPublications.kind, 'candidates')));
    if (!published) {
      await server.db.insert(electionPublications).values({
        communityId: community.id,
        electionId,
        kind: 'candidates',
        title: '候选人名单',
        body: '（测试准备：候选人名单已公布）',
        snapshot: {},
        auditSeq: 0,
        auditHash: '',
        publishedAt: listedAt,
      });
    }
  }
  return {
    committee,
    communityId: community.id,
    groupId,
    person,
    personWithAccount,
    election,
    registerVoter,
    voter,
    appoint,
    approvedProxy,
    addCandidate,
    openDesk,
  };
}
