import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthedCtx } from '../../functions/_platform/context.js';
import { listAudit, verifyAudit } from '../../functions/audit/list.js';
import { grantRole, revokeRole, verifyAccountPhone } from '../../functions/auth/roles.js';
import { createElection, updateElection } from '../../functions/elections/elections.js';
import { registerAllVoters, registerVoter, removeVoter } from '../../functions/elections/voters.js';
import { deliveryReport, publishNotice } from '../../functions/notices/notices.js';
import { resetResidentPassword } from '../../functions/residents/reset-password.js';
import { createResident, returnResidentClaim, verifyResident } from '../../functions/residents/residents.js';
import { assignServiceRequest } from '../../functions/service-requests/assign.js';
import { changeServiceRequestStatus } from '../../functions/service-requests/change-status.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, newIdNumber, register, verbCtx } from './helpers.js';

/*
 * Routes are the outer gate; each write verb holds its own rule too, because command-line tools,
 * scripts and other verbs call verbs with no route in front. A resident's ctx, handed straight to
 * a staff or administrator verb, is refused, and nothing is written.
 */

let server: TestServer;
let residentCtx: AuthedCtx;
let resident: string;
let staff: string;
let staffAccountId: string;
let groupId: string;
let myResidentId: string;
let pendingClaimId: string;
let myRequestId: string;

beforeAll(async () => {
  server = await startTestServer();
  [resident, staff] = await Promise.all([
    server.login(DEMO.resident1.username, DEMO.resident1.password),
    server.login(DEMO.staff.username, DEMO.staff.password),
  ]);
  const me = (await server.request('GET', '/api/me', { token: resident })).body;
  staffAccountId = (await server.request('GET', '/api/me', { token: staff })).body.account.id;
  residentCtx = verbCtx(server, { accountId: me.account.id, name: me.account.name, communityId: me.account.communityId, roles: ['resident'] });
  myResidentId = me.resident.id;
  groupId = (await server.request('GET', '/api/groups', { token: staff })).body.items[0].id;
  const newcomer = await register(server, '孙立新');
  const claim = await server.request('POST', '/api/me/resident-claim', { token: newcomer.token, body: { name: '孙立新', idNumber: newIdNumber(), groupId } });
  pendingClaimId = claim.body.resident.id;
  myRequestId = (await server.request('POST', '/api/service-requests', { token: resident, body: { categoryCode: 'sanitation', description: '楼道灯坏了' } }))
    .body.id;
});
afterAll(() => server?.close());

const refused = (call: Promise<unknown>) => expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });

describe("a resident's ctx handed straight to a staff or administrator verb", () => {
  it('cannot grant itself a role, revoke one, or mark a phone verified', async () => {
    await refused(grantRole({ ctx: residentCtx, input: { accountId: residentCtx.actor.accountId, role: 'admin' } }));
    await refused(revokeRole({ ctx: residentCtx, input: { accountId: staffAccountId, role: 'staff' } }));
    await refused(verifyAccountPhone({ ctx: residentCtx, input: { accountId: residentCtx.actor.accountId } }));
    const me = (await server.request('GET', '/api/me', { token: resident })).body;
    expect(me.account.roles.map((r: { role: string }) => r.role)).not.toContain('admin');
    expect((await server.request('GET', '/api/me', { token: staff })).body.account.roles.map((r: { role: string }) => r.role)).toContain('staff');
  });

  it('cannot enter, verify or return a resident, nor reset a password', async () => {
    await refused(createResident({ ctx: residentCtx, input: { name: '冒名顶替', idNumber: newIdNumber(), groupId } }));
    await refused(verifyResident({ ctx: residentCtx, input: { id: pendingClaimId } }));
    await refused(returnResidentClaim({ ctx: residentCtx, input: { id: pendingClaimId, reason: '材料不全' } }));
    await refused(resetResidentPassword({ ctx: residentCtx, input: { id: myResidentId } }));
    const pending = await server.request('GET', '/api/residents?status=pending&limit=100', { token: staff });
    expect(pending.body.items.find((r: { id: string }) => r.id === pendingClaimId)?.status).toBe('pending');
    expect((await server.request('GET', '/api/residents?q=冒名顶替', { token: staff })).body.items).toEqual([]);
    expect((await server.request('POST', '/api/auth/login', { body: { username: DEMO.resident1.username, password: DEMO.resident1.password } })).status).toBe(
      200,
    );
  });

  it('cannot accept its own service request or hand it to someone', async () => {
    await refused(changeServiceRequestStatus({ ctx: residentCtx, input: { id: myRequestId, status: 'accepted' } }));
    await refused(assignServiceRequest({ ctx: residentCtx, input: { id: myRequestId, accountId: staffAccountId } }));
    const detail = await server.request('GET', `/api/service-requests/${myRequestId}`, { token: resident });
    expect(detail.body.status).toBe('submitted');
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(['submitted']);
  });

  it('cannot call an election, change one, or put people on or off its voter list', async () => {
    const committee = staff; // the demo staff member sits on the election committee too
    const seats = { director: 1, deputyDirector: 1, members: 3 };
    const election = await server.request('POST', '/api/elections', { token: committee, body: { title: '授权测试选举', electionDay: '2027-10-10', seats } });
    expect(election.status).toBe(201);
    const electionId = election.body.id as string;
    await refused(createElection({ ctx: residentCtx, input: { title: '自己办的选举', electionDay: '2027-10-11', seats } as never }));
    await refused(updateElection({ ctx: residentCtx, input: { id: electionId, title: '改过的选举' } }));
    await refused(registerVoter({ ctx: residentCtx, input: { electionId, residentId: myResidentId } }));
    await refused(registerAllVoters({ ctx: residentCtx, input: { electionId } }));
    await refused(removeVoter({ ctx: residentCtx, input: { electionId, residentId: myResidentId, reason: '不想要他' } }));
    const after = await server.request('GET', `/api/elections/${electionId}`, { token: committee });
    expect(after.body.title).toBe('授权测试选举');
    const voters = await server.request('GET', `/api/elections/${electionId}/voters`, { token: committee });
    expect(voters.body.items).toEqual([]);
  });

  it('cannot publish a notice to the community, nor read who a notice reached', async () => {
    const published = await server.request('POST', '/api/notices', {
      token: staff,
      body: { category: 'community', title: '授权测试公告', body: '停水通知，请提前储水。' },
    });
    expect(published.status).toBe(201);
    await refused(publishNotice(residentCtx, { category: 'community', title: '假通知：明天停电', body: '这不是社区发的。' }));
    await refused(deliveryReport({ ctx: residentCtx, input: { id: published.body.id } }));
    const list = await server.request('GET', '/api/notices?limit=50', { token: resident });
    expect(list.body.items.map((n: { title: string }) => n.title)).not.toContain('假通知：明天停电');
  });

  it("cannot read the community's audit record, nor have its chain checked", async () => {
    await refused(listAudit({ ctx: residentCtx, input: { limit: 10 } }));
    await refused(verifyAudit({ ctx: residentCtx }));
  });
});
