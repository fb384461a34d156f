import { and, eq } from 'drizzle-orm';
import { accountRoles, accounts } from '../../db/schema/index.js';
import type { TestServer } from '../support/server.js';
import { newIdNumber, register } from './helpers.js';

/**
 * A party branch on a test server at a pinned clock: the demo staff member made administrator,
 * who grants `party_organizer` to a fresh account over HTTP (the way an administrator does);
 * members added through the API, some with a resident account of their own (officials sign in).
 */
export async function partyStage(server: TestServer, at = '2027-03-01T02:00:00Z') {
  server.setNow(new Date(at));
  const [staffAccount] = await server.db.select({ id: accounts.id, communityId: accounts.communityId }).from(accounts).where(eq(accounts.username, 'staff'));
  const existing = await server.db
    .select({ id: accountRoles.id })
    .from(accountRoles)
    .where(and(eq(accountRoles.accountId, staffAccount!.id), eq(accountRoles.role, 'admin')));
  if (existing.length === 0)
    await server.db.insert(accountRoles).values({ accountId: staffAccount!.id, communityId: staffAccount!.communityId, role: 'admin' });
  const admin = await server.login('staff', 'Staff#2026');
  const organizerAccount = await register(server, '党务组织员');
  const granted = await server.request('POST', `/api/accounts/${organizerAccount.accountId}/roles`, { token: admin, body: { role: 'party_organizer' } });
  if (granted.status !== 200 && granted.status !== 201) throw new Error(`grant: ${granted.status} ${granted.text}`);
  const organizer = organizerAccount.token;
  const groups = (await server.request('GET', '/api/groups', { token: admin })).body.items as { id: string }[];
  const groupId = groups[0]!.id;

  const post = async (path: string, body: unknown, token = organizer) => server.request('POST', path, { token, body });
  const ok = async (path: string, body: unknown, token = organizer) => {
    const res = await post(path, body, token);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  /** A member on the roster (full unless said), without an account. */
  async function member(name: string, opts: { status?: 'full' | 'probationary'; suspended?: boolean; residentId?: string } = {}) {
    const status = opts.status ?? 'full';
    const body = {
      name,
      status,
      admittedOn: '2010-07-01',
      ...(status === 'full' ? { fullOn: '2011-07-01' } : {}),
      ...(opts.suspended ? { suspended: true } : {}),
      ...(opts.residentId ? { residentId: opts.residentId } : {}),
    };
    return (await ok('/api/party/members', body)).id as string;
  }

  /** A member who is a verified resident with an account (a counter signs in with it). */
  async function memberWithAccount(name: string) {
    const account = await register(server, name);
    const claim = await post('/api/me/resident-claim', { name, idNumber: newIdNumber('19750101', '620102'), groupId }, account.token);
    if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${claim.text}`);
    const residentId = claim.body.resident.id as string;
    const verified = await post(`/api/residents/${residentId}/verify`, undefined, admin);
    if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
    const id = await member(name, { residentId });
    return { id, token: account.token, residentId };
  }

  async function approvedFounding() {
    const request = await ok('/api/party/requests', { kind: 'founding', branchType: 'independent', body: '关于成立八珠街社区党支部的请示', proposedSeats: 5 });
    return ok(`/api/party/requests/${request.id}/approval`, { approvedOn: request.submittedOn, documentNo: '八珠党发〔2027〕1号' });
  }

  async function meeting(seats = 5, date = '2027-03-10') {
    return (await ok('/api/party/meetings', { kind: 'members', date, seats })).id as string;
  }

  async function candidate(meetingId: string, memberId: string, post?: string) {
    const c = await ok(`/api/party/meetings/${meetingId}/candidates`, { memberId, ...(post ? { post } : {}), recommendations: 3 });
    await ok(`/api/party/meetings/${meetingId}/candidates/${c.id}/review`, undefined);
    return c.id as string;
  }

  const attend = (meetingId: string, memberId: string, present = true, leave = false) =>
    post(`/api/party/meetings/${meetingId}/attendance`, { memberId, present, leave });

  return { admin, organizer, organizerAccount, groupId, post, ok, member, memberWithAccount, approvedFounding, meeting, candidate, attend };
}
