import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, auditLog, type RoleName, residents } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, login, newIdNumber, register } from './helpers.js';

let server: TestServer;
let staff: string;
let staffOther: string;
let groupId: string;
let staffAccountId: string;
let communityId: string;

beforeAll(async () => {
  server = await startTestServer();
  [staff, staffOther] = await Promise.all([
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.staffOther.username, DEMO.staffOther.password),
  ]);
  groupId = (await server.request('GET', '/api/groups', { token: staff })).body.items[0].id;
  const me = (await server.request('GET', '/api/me', { token: staff })).body.account;
  [staffAccountId, communityId] = [me.id, me.communityId];
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** A fresh account with a pending residency claim. */
async function claimant(name = '马秀兰') {
  const who = await register(server, name);
  const idNumber = newIdNumber('19500101');
  const res = await server.request('POST', '/api/me/resident-claim', { token: who.token, body: { name, idNumber, groupId } });
  expect(res.status).toBe(201);
  return { ...who, idNumber, residentId: res.body.resident.id as string };
}

/** A fresh account holding only `role` in 八珠街社区 (no resident record). */
async function holding(role: RoleName) {
  const who = await register(server, '赵立平');
  await server.db.insert(accountRoles).values({ accountId: who.accountId, communityId, role });
  return who;
}

describe('staff return a residency claim with a reason (退回)', () => {
  it('the resident reads the reason, corrects the claim and it is pending again', async () => {
    const who = await claimant();
    const back = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '姓名和身份证上不一致，请核对。' } });
    expect(back.status).toBe(200);
    expect(back.body.resident).toMatchObject({ status: 'returned', returnReason: '姓名和身份证上不一致，请核对。' });
    const [stored] = await server.db.select().from(residents).where(eq(residents.id, who.residentId));
    expect(stored).toMatchObject({ status: 'returned', returnReason: '姓名和身份证上不一致，请核对。', returnedByAccountId: staffAccountId });

    const me = await server.request('GET', '/api/me', { token: who.token });
    expect(me.body.resident).toMatchObject({ status: 'returned', returnReason: '姓名和身份证上不一致，请核对。' });

    const again = await server.request('POST', '/api/me/resident-claim', {
      token: who.token,
      body: { name: '马秀英', idNumber: newIdNumber('19500102'), groupId },
    });
    expect(again.status).toBe(201);
    expect(again.body.resident).toMatchObject({ id: who.residentId, name: '马秀英', status: 'pending' });
    expect(again.body.resident.returnReason).toBeUndefined();
    const [resubmitted] = await server.db.select().from(residents).where(eq(residents.id, who.residentId));
    expect(resubmitted).toMatchObject({ status: 'pending', returnReason: null, returnedByAccountId: null, birthDate: '1950-01-02' });
  });

  it('a claim corrected within its group keeps the household staff placed it in', async () => {
    const who = await claimant();
    await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '身份证号错了一位。' } });
    const placed = await server.request('POST', `/api/residents/${who.residentId}/verify`, { token: staff, body: { householdLabel: '八珠街98号' } });
    const household = placed.body.resident.household;
    expect(household).toEqual({ id: expect.any(String), label: '八珠街98号' });
    const again = await server.request('POST', '/api/me/resident-claim', {
      token: who.token,
      body: { name: '马秀兰', idNumber: newIdNumber('19500104'), groupId },
    });
    expect(again.status).toBe(201);
    expect(again.body.resident).toMatchObject({ status: 'pending', household });
  });

  it('refuses a correction to an ID number already registered and leaves the claim returned', async () => {
    const [first, who] = [await claimant(), await claimant()];
    await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '身份证号错了一位。' } });
    const res = await server.request('POST', '/api/me/resident-claim', {
      token: who.token,
      body: { name: '马秀兰', idNumber: first.idNumber, groupId },
    });
    expectProblem(res, 409, 'ID_NUMBER_TAKEN', '这个身份证号已经在本社区登记过了。如有疑问请到社区便民服务窗口核对。');
    expect((await server.request('GET', '/api/me', { token: who.token })).body.resident).toMatchObject({
      status: 'returned',
      returnReason: '身份证号错了一位。',
    });
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
    expectProblem(
      await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '不对' } }),
      409,
      'CONFLICT',
      '这位居民已经认证通过，不能退回。',
    );
  });

  it('refuses to return a claim twice, keeping the first reason', async () => {
    const who = await claimant();
    await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '照片看不清。' } });
    expectProblem(
      await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staff, body: { reason: '再退一次' } }),
      409,
      'CONFLICT',
      '这份申请已经退回过了。',
    );
    expect((await server.request('GET', '/api/me', { token: who.token })).body.resident.returnReason).toBe('照片看不清。');
  });

  it('an administrator alone may return a claim; an unknown id is not found', async () => {
    const admin = await holding('admin');
    const who = await claimant();
    const res = await server.request('POST', `/api/residents/${who.residentId}/return`, { token: admin.token, body: { reason: '小组选错了。' } });
    expect(res.status).toBe(200);
    expect(res.body.resident).toMatchObject({ id: who.residentId, status: 'returned', returnReason: '小组选错了。' });
    expectProblem(
      await server.request('POST', '/api/residents/0194f0c2-7a1b-7c3d-8e4f-5a6b7c8d9e0f/return', { token: staff, body: { reason: '不对' } }),
      404,
      'NOT_FOUND',
      '没有找到该居民，可能已被删除或您无权查看。',
    );
  });

  it("another community's resident is not found", async () => {
    const who = await claimant();
    expectProblem(await server.request('POST', `/api/residents/${who.residentId}/return`, { token: staffOther, body: { reason: '不对' } }), 404, 'NOT_FOUND');
  });
});

describe('staff reset a resident’s forgotten password at the window', () => {
  it('gives a temporary password that signs in, ends old sessions and is recorded in the audit chain', async () => {
    const who = await claimant('周桂芳');
    const res = await server.request('POST', `/api/residents/${who.residentId}/password-reset`, { token: staff });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ temporaryPassword: expect.stringMatching(/^[A-HJKMNP-Z]{2}\d{6}$/), residentName: '周桂芳' });

    // The old password and the old session stop working; the temporary one works.
    expect((await server.request('GET', '/api/me', { token: who.token })).status).toBe(401);
    expectProblem(await login(server, { phone: who.phone, password: who.password }, '198.51.100.77'), 401, 'INVALID_CREDENTIALS');
    const ok = await login(server, { phone: who.phone, password: res.body.temporaryPassword }, '198.51.100.77');
    expect(ok.status).toBe(200);

    const audit = await server.request('GET', '/api/audit', { token: staff });
    expect(audit.status).toBe(200);
    const entry = audit.body.items.find((e: { action: string; subject: string }) => e.action === 'account.password_reset' && e.subject.includes('周桂芳'));
    expect(entry).toMatchObject({ subject: '居民 周桂芳 的登录密码' });
    const [stored] = await server.db.select({ payload: auditLog.payload }).from(auditLog).where(eq(auditLog.seq, entry.seq));
    expect(stored!.payload).toEqual({ residentId: who.residentId });
    expect((await server.request('GET', '/api/audit/verify', { token: staff })).body.ok).toBe(true);
  });

  it('refuses a resident without an account and a staff member’s account', async () => {
    const window = await server.request('POST', '/api/residents', { token: staff, body: { name: '王大爷', idNumber: newIdNumber('19400101'), groupId } });
    expect(window.status).toBe(201);
    expectProblem(
      await server.request('POST', `/api/residents/${window.body.id}/password-reset`, { token: staff }),
      409,
      'CONFLICT',
      '这位居民还没有账号，不用重设密码。可以请他先注册。',
    );

    for (const role of ['staff', 'committee', 'admin'] as const) {
      const colleague = await claimant('钱文华');
      await server.request('POST', `/api/residents/${colleague.residentId}/verify`, { token: staff });
      await server.db.insert(accountRoles).values({ accountId: colleague.accountId, communityId, role });
      expectProblem(
        await server.request('POST', `/api/residents/${colleague.residentId}/password-reset`, { token: staff }),
        403,
        'FORBIDDEN',
        '这是工作人员的账号，请管理员处理。',
      );
      expect((await login(server, { phone: colleague.phone, password: colleague.password }, '198.51.100.78')).status).toBe(200);
    }
  });

  it('resets a verified resident’s password, and an administrator alone may do it', async () => {
    const who = await claimant('孙玉珍');
    await server.request('POST', `/api/residents/${who.residentId}/verify`, { token: staff });
    const roles = await server.db.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, who.accountId));
    expect(roles.map((r) => r.role)).toEqual(['resident']);
    const admin = await holding('admin');
    const res = await server.request('POST', `/api/residents/${who.residentId}/password-reset`, { token: admin.token });
    expect(res.status).toBe(200);
    expect((await login(server, { phone: who.phone, password: res.body.temporaryPassword }, '198.51.100.79')).status).toBe(200);
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
