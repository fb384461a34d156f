import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthedCtx } from '../../functions/_platform/context.js';
import { grantRole, revokeRole, verifyAccountPhone } from '../../functions/auth/roles.js';
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
});
