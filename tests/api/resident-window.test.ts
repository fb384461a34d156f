import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, login, newIdNumber, register } from './helpers.js';

let server: TestServer;
let staff: string;
let staffOther: string;
let groupId: string;

beforeAll(async () => {
  server = await startTestServer();
  [staff, staffOther] = await Promise.all([
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.staffOther.username, DEMO.staffOther.password),
  ]);
  groupId = (await server.request('GET', '/api/groups', { token: staff })).body.items[0].id;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** A fresh account with a pending residency claim. */
async function claimant(name = '马秀兰') {
  const who = await register(server, name);
  const res = await server.request('POST', '/api/me/resident-claim', { token: who.token, body: { name, idNumber: newIdNumber('19500101'), groupId } });
  expect(res.status).toBe(201);
  return { ...who, residentId: res.body.resident.id as string };
}

describe('staff return a residency claim with a reason (退回)', () => {
  it('the resident reads the reason, corrects the claim and it is pending again', async () => {
    const who = await claimant();
    const back = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '姓名和身份证上不一致，请核对。' } });
    expect(back.status).toBe(200);
    expect(back.body.resident).toMatchObject({ status: 'returned', returnReason: '姓名和身份证上不一致，请核对。' });

    const me = await server.request('GET', '/api/me', { token: who.token });
    expect(me.body.resident).toMatchObject({ status: 'returned', returnReason: '姓名和身份证上不一致，请核对。' });

    const again = await server.request('POST', '/api/me/resident-claim', {
      token: who.token,
      body: { name: '马秀英', idNumber: newIdNumber('19500102'), groupId },
    });
    expect(again.status).toBe(201);
    expect(again.body.resident).toMatchObject({ id: who.residentId, name: '马秀英', status: 'pending' });
    expect(again.body.resident.returnReason).toBeUndefined();
  });

  it("a claim corrected into another group leaves the old group's household behind", async () => {
    const who = await claimant();
    await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '小组选错了，请改选。' } });
    // Staff placed the person in a household of the first group meanwhile.
    const placed = await server.request('POST', `/api/residents/${who.residentId}/verify`, { token: staff, body: { householdLabel: '八珠街99号' } });
    expect(placed.body.resident).toMatchObject({ status: 'returned', household: { label: '八珠街99号' } });
    const otherGroup = (await server.request('GET', '/api/groups', { token: staff })).body.items[1].id;
    const again = await server.request('POST', '/api/me/resident-claim', {
      token: who.token,
      body: { name: '马秀兰', idNumber: newIdNumber('19500103'), groupId: otherGroup },
    });
    expect(again.status).toBe(201);
    expect(again.body.resident).toMatchObject({ groupId: otherGroup, status: 'pending' });
    expect(again.body.resident.household).toBeUndefined();
  });

  it('needs a reason', async () => {
    const who = await claimant();
    const res = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].message).toBe('请写明退回的原因，居民会看到。');
  });

  it('refuses to return a verified resident', async () => {
    const who = await claimant();
    await server.request('POST', `/api/residents/${who.residentId}/verify`, { token: staff });
    const res = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '不对' } });
    expectProblem(res, 409, 'CONFLICT');
    expect(res.body.detail).toBe('这位居民已经认证通过，不能退回。');
  });

  it("another community's resident is not found", async () => {
    const who = await claimant();
    const res = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staffOther, body: { reason: '不对' } });
    expectProblem(res, 404, 'NOT_FOUND');
  });
});

describe('staff reset a resident’s forgotten password at the window', () => {
  it('gives a temporary password that signs in, ends old sessions and is recorded in the audit chain', async () => {
    const who = await claimant('周桂芳');
    const res = await server.request('POST', `/api/residents/${who.residentId}/password-reset`, { token: staff });
    expect(res.status).toBe(200);
    expect(res.body.temporaryPassword).toMatch(/^[A-Z]{2}\d{6}$/);

    // The old password and the old session stop working; the temporary one works.
    expect((await server.request('GET', '/api/me', { token: who.token })).status).toBe(401);
    expectProblem(await login(server, { phone: who.phone, password: who.password }, '198.51.100.77'), 401, 'INVALID_CREDENTIALS');
    const ok = await login(server, { phone: who.phone, password: res.body.temporaryPassword }, '198.51.100.77');
    expect(ok.status).toBe(200);

    const audit = await server.request('GET', '/api/audit', { token: staff });
    expect(audit.status).toBe(200);
    const entry = audit.body.items.find((e: { action: string; subject: string }) => e.action === 'account.password_reset' && e.subject.includes('周桂芳'));
    expect(entry).toBeTruthy();
    expect((await server.request('GET', '/api/audit/verify', { token: staff })).body.ok).toBe(true);
  });

  it('refuses a resident without an account and a staff member’s account', async () => {
    const window = await server.request('POST', '/api/residents', { token: staff, body: { name: '王大爷', idNumber: newIdNumber('19400101'), groupId } });
    expect(window.status).toBe(201);
    const noAccount = await server.request('POST', `/api/residents/${window.body.id}/password-reset`, { token: staff });
    expectProblem(noAccount, 409, 'CONFLICT');
  });

  it('a resident may not call it, and another community’s resident is not found', async () => {
    const who = await claimant();
    expectProblem(await server.request('POST', `/api/residents/${who.residentId}/password-reset`, { token: who.token }), 403, 'FORBIDDEN');
    expectProblem(await server.request('POST', `/api/residents/${who.residentId}/password-reset`, { token: staffOther }), 404, 'NOT_FOUND');
  });
});

describe('staff find residents by name', () => {
  it('matches part of the name, and treats % as a letter', async () => {
    await claimant('欧阳春花');
    const res = await server.request('GET', '/api/residents?q=阳春', { token: staff });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { name: string }) => r.name)).toContain('欧阳春花');
    const none = await server.request('GET', '/api/residents?q=%25', { token: staff });
    expect(none.body.items).toEqual([]);
  });
});

describe('staff search the queue by name or phone', () => {
  it('finds a request by part of the resident’s name and by the filer’s whole phone number, with the group named', async () => {
    const who = await claimant('上官梅');
    await server.request('POST', `/api/residents/${who.residentId}/verify`, { token: staff });
    const filed = await server.request('POST', '/api/service-requests', {
      token: who.token,
      body: { categoryCode: 'certificate', title: '开居住证明', description: '我需要开一个居住证明。' },
    });
    expect(filed.status).toBe(201);
    const byName = await server.request('GET', '/api/service-requests?q=上官', { token: staff });
    expect(byName.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
    expect(byName.body.items[0].groupName).toBeTruthy();
    const byPhone = await server.request('GET', `/api/service-requests?q=${who.phone}`, { token: staff });
    expect(byPhone.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
    const none = await server.request('GET', '/api/service-requests?q=13900000000', { token: staff });
    expect(none.body.items).toEqual([]);
  });
});
