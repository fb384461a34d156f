/**
 * The rules of roles and sign-in, one by one: each refusal's status, code and exact sentence,
 * what is stored (role rows, audit entries) and the reply fields.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, auditLog, communities, loginFailures, qrTickets, sessions } from '../../db/schema/index.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, newPhone } from './helpers.js';

let server: TestServer;
let admin: string;
let adminId: string;
let communityId: string;
let otherCommunityId: string;
let groups: { id: string; name: string }[];

async function register(name: string) {
  const phone = newPhone();
  const res = await server.request('POST', '/api/auth/register', { body: { phone, password: 'Neighbour2026', name } });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.account.id as string, token: res.body.token as string, phone };
}

beforeAll(async () => {
  server = await startTestServer();
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  const [other] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'other'));
  const [staff] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
  communityId = community!.id;
  otherCommunityId = other!.id;
  adminId = staff!.id;
  await server.db.insert(accountRoles).values({ accountId: adminId, communityId, role: 'admin' }).onConflictDoNothing();
  admin = await server.login(DEMO.staff.username, DEMO.staff.password);
  groups = (await server.request('GET', '/api/groups', { token: admin })).body.items;
});
afterAll(() => server.close());

const grant = (accountId: string, body: Record<string, unknown>, token = admin) => server.request('POST', `/api/accounts/${accountId}/roles`, { token, body });
const revoke = (accountId: string, role: string, query = '', token = admin) =>
  server.request('DELETE', `/api/accounts/${accountId}/roles/${role}${query}`, { token });
const roleRows = (accountId: string) =>
  server.db.select({ role: accountRoles.role, groupId: accountRoles.groupId }).from(accountRoles).where(eq(accountRoles.accountId, accountId));
const auditOf = (action: string, subject: string) =>
  server.db
    .select({ payload: auditLog.payload, actorAccountId: auditLog.actorAccountId })
    .from(auditLog)
    .where(and(eq(auditLog.communityId, communityId), eq(auditLog.action, action), eq(auditLog.subject, subject)));

describe('granting roles: the refusals', () => {
  it('refuses an account it cannot find, in words', async () => {
    expectProblem(await grant('00000000-0000-4000-8000-000000000000', { role: 'staff' }), 404, 'NOT_FOUND', '没有找到该账号，可能已被删除或您无权查看。');
  });

  it('asks for the group when naming a group leader without one, and stores nothing', async () => {
    const person = await register('郑无组');
    const res = await grant(person.id, { role: 'group_leader' });
    expectProblem(res, 400, 'VALIDATION_FAILED', '任命居民小组长时请选择小组。');
    expect(res.body.errors).toEqual([{ path: 'body.groupId', message: '请选择居民小组' }]);
    expect(await roleRows(person.id)).toEqual([]);
  });

  it('refuses a group that is not one of the community’s, in words', async () => {
    const person = await register('郑外组');
    const res = await grant(person.id, { role: 'group_leader', groupId: '00000000-0000-4000-8000-000000000001' });
    expectProblem(res, 400, 'VALIDATION_FAILED', '请选择本社区的居民小组。');
    expect(res.body.errors).toEqual([{ path: 'body.groupId', message: '没有这个居民小组' }]);
    expect(await roleRows(person.id)).toEqual([]);
  });

  it('records a new group leader in the audit log, with who it is', async () => {
    const person = await register('郑组长');
    const group = groups[5] ?? groups[0]!;
    const res = await grant(person.id, { role: 'group_leader', groupId: group.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body.account).toMatchObject({ id: person.id, name: '郑组长', roles: [{ role: 'group_leader', communityId, groupId: group.id }] });
    const entries = await auditOf('group_leader.recorded', `group:${group.id}`);
    expect(entries.at(-1)).toEqual({ payload: { accountId: person.id }, actorAccountId: adminId });
  });

  it('stores a role other than group leader without a group, even when one is sent', async () => {
    const person = await register('郑职员');
    const res = await grant(person.id, { role: 'committee', groupId: groups[0]!.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body.account.roles).toEqual([{ role: 'committee', communityId }]);
    expect(await roleRows(person.id)).toEqual([{ role: 'committee', groupId: null }]);
  });
});

describe('taking roles back', () => {
  it('refuses an administrator’s own admin role with the reason, and keeps it', async () => {
    expectProblem(await revoke(adminId, 'admin'), 409, 'CONFLICT', '不能取消自己的管理员权限，请由另一位管理员操作。');
    expect((await roleRows(adminId)).map((r) => r.role)).toContain('admin');
  });

  it('lets an administrator drop their own other roles, and take another administrator’s admin role', async () => {
    expect((await grant(adminId, { role: 'committee' })).status).toBe(201);
    const own = await revoke(adminId, 'committee');
    expect(own.status, own.text).toBe(200);
    expect(own.body.account.roles.map((r: { role: string }) => r.role)).not.toContain('committee');
    const colleague = await register('郑管理');
    expect((await grant(colleague.id, { role: 'admin' })).status).toBe(201);
    const theirs = await revoke(colleague.id, 'admin');
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.body.account.roles).toEqual([]);
    expect(await roleRows(colleague.id)).toEqual([]);
  });

  it('takes a community-wide role back without a group given', async () => {
    const person = await register('郑委员');
    expect((await grant(person.id, { role: 'committee' })).status).toBe(201);
    const res = await revoke(person.id, 'committee');
    expect(res.status, res.text).toBe(200);
    expect(res.body.account).toMatchObject({ id: person.id, roles: [] });
    expect(await roleRows(person.id)).toEqual([]);
  });

  it('records a removed group leader in the audit log, and a removed committee member not', async () => {
    const person = await register('郑卸任');
    const group = groups[6] ?? groups[1]!;
    expect((await grant(person.id, { role: 'group_leader', groupId: group.id })).status).toBe(201);
    expect((await grant(person.id, { role: 'committee' })).status).toBe(201);
    const res = await revoke(person.id, 'group_leader');
    expect(res.status, res.text).toBe(200);
    expect(res.body.account.roles).toEqual([{ role: 'committee', communityId }]);
    expect(await auditOf('group_leader.removed', `group:${group.id}`)).toEqual([{ payload: { accountId: person.id }, actorAccountId: adminId }]);
    const before = await server.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.communityId, communityId));
    expect((await revoke(person.id, 'committee')).status).toBe(200);
    const after = await server.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.communityId, communityId));
    expect(after.length).toBe(before.length);
    expect(await auditOf('group_leader.removed', 'group:null')).toEqual([]);
  });
});

describe('finding accounts and verifying phones', () => {
  it('shows each found account’s roles in its own community only', async () => {
    const person = await register('郑双社');
    expect((await grant(person.id, { role: 'committee' })).status).toBe(201);
    await server.db.insert(accountRoles).values({ accountId: person.id, communityId: otherCommunityId, role: 'staff' });
    const res = await server.request('GET', `/api/accounts?q=${person.phone}`, { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: person.id, name: '郑双社', roles: [{ role: 'committee', communityId }] })]);
  });

  it('lets staff who are not administrators verify a phone', async () => {
    const clerk = await register('郑窗口');
    expect((await grant(clerk.id, { role: 'staff' })).status).toBe(201);
    const person = await register('郑核验');
    const res = await server.request('POST', `/api/accounts/${person.id}/phone/verify`, { token: clerk.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.account).toMatchObject({ id: person.id, phoneVerified: true });
  });

  it('refuses to verify an account without a phone, in words', async () => {
    const [phoneless] = await server.db
      .insert(accounts)
      .values({ communityId, name: '郑无号', username: `nophone${Date.now()}` })
      .returning({ id: accounts.id });
    expectProblem(
      await server.request('POST', `/api/accounts/${phoneless!.id}/phone/verify`, { token: admin }),
      409,
      'CONFLICT',
      '这个账号还没有手机号，无需核验。',
    );
  });
});

describe('signing in with a password: what is counted', () => {
  const signIn = (body: Record<string, unknown>) => server.request('POST', '/api/auth/login', { body });

  it('counts misses on a phone nobody has by that phone, apart from other unknown phones', async () => {
    const [first, second] = [newPhone(), newPhone()];
    for (const remaining of [4, 3, 2]) {
      expectProblem(
        await signIn({ phone: first, password: 'Wrong#2026x' }),
        401,
        'INVALID_CREDENTIALS',
        `账号或密码不对。再错${remaining}次账号将被锁定15分钟。`,
      );
    }
    const other = await signIn({ phone: second, password: 'Wrong#2026x' });
    expect(other.body.detail).toBe('账号或密码不对。再错4次账号将被锁定15分钟。');
  });

  it('counts misses on an unknown username under its lower-case spelling, whatever the case typed', async () => {
    const name = `Ghost${Date.now()}`;
    expect((await signIn({ username: name, password: 'Wrong#2026x' })).body.detail).toBe('账号或密码不对。再错4次账号将被锁定15分钟。');
    expect((await signIn({ username: name.toUpperCase(), password: 'Wrong#2026x' })).body.detail).toBe('账号或密码不对。再错3次账号将被锁定15分钟。');
    const rows = await server.db
      .select({ subject: loginFailures.subject })
      .from(loginFailures)
      .where(eq(loginFailures.subject, `u:${name.toLowerCase()}`));
    expect(rows).toHaveLength(2);
  });

  it('refuses an account whose stored password hash is damaged, as a wrong password', async () => {
    const username = `damaged${Date.now()}`;
    await server.db.insert(accounts).values({ communityId, name: '郑损坏', username, passwordHash: 'not-an-argon2-hash' });
    const res = await signIn({ username, password: 'Anything#2026' });
    expectProblem(res, 401, 'INVALID_CREDENTIALS', '账号或密码不对。再错4次账号将被锁定15分钟。');
  });
});

describe('signing in by QR code: the details', () => {
  const create = async (headers: Record<string, string> = {}) => {
    const res = await server.request('POST', '/api/auth/qr', { headers });
    expect(res.status, res.text).toBe(201);
    return res.body as { ticket: string; secret: string };
  };
  const scan = (ticket: string, token: string) => server.request('POST', `/api/auth/qr/${ticket}/scan`, { token });

  it('tells the phone which browser and system asked, from the User-Agent', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const cases: [string, string][] = [
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0', 'Edge · Windows'],
      ['Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47', '微信 · Android'],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0', 'Firefox · Linux'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36', 'Chrome · Windows'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15', 'Safari · macOS'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1', 'Safari · iOS'],
      ['curl/8.4.0', '未知浏览器 · 未知系统'],
      // Only the first 300 characters are read.
      [`${'x'.repeat(300)} Firefox/120.0 Linux`, '未知浏览器 · 未知系统'],
    ];
    for (const [userAgent, device] of cases) {
      const { ticket } = await create({ 'User-Agent': userAgent, 'X-Forwarded-For': '198.51.100.90' });
      const res = await scan(ticket, resident);
      expect(res.status, res.text).toBe(200);
      expect(res.body.requestedBy, userAgent).toEqual({ device, address: '198.51.100.90', at: expect.any(String) });
    }
  });

  it('describes a browser that sends no User-Agent at all as unknown', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const raw = await rawRequest(server.url, { method: 'POST', target: '/api/auth/qr', headers: [['X-Forwarded-For', '198.51.100.91']] });
    expect(raw.status, raw.text).toBe(201);
    const res = await scan(JSON.parse(raw.text).ticket, resident);
    expect(res.body.requestedBy).toEqual({ device: '未知浏览器 · 未知系统', address: '198.51.100.91', at: expect.any(String) });
  });

  it('says 未知设备 and 未知 for a ticket recorded without device or address', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const ticket = randomBytes(16).toString('hex');
    const at = new Date();
    await server.db.insert(qrTickets).values({ id: ticket, status: 'pending', createdAt: at, expiresAt: new Date(at.getTime() + 60_000) });
    const res = await scan(ticket, resident);
    expect(res.body).toEqual({ status: 'scanned', requestedBy: { device: '未知设备', address: '未知', at: at.toISOString() } });
  });

  it('names the QR code when it cannot be found, on poll, scan and confirm', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const unknown = randomBytes(16).toString('hex');
    const detail = '没有找到该登录二维码，可能已被删除或您无权查看。';
    expect((await server.request('GET', `/api/auth/qr/${unknown}?secret=x`)).body.detail).toBe(detail);
    expect((await scan(unknown, resident)).body.detail).toBe(detail);
    expect((await server.request('POST', `/api/auth/qr/${unknown}/confirm`, { token: resident })).body.detail).toBe(detail);
    const { ticket } = await create();
    expect((await server.request('GET', `/api/auth/qr/${ticket}?secret=wrong`)).body.detail).toBe(detail);
  });

  it('answers 404, not a failure, when a stored secret hash is longer than expected', async () => {
    const ticket = randomBytes(16).toString('hex');
    const at = new Date();
    await server.db
      .insert(qrTickets)
      .values({ id: ticket, status: 'pending', secretHash: `${'a'.repeat(64)}b`, createdAt: at, expiresAt: new Date(at.getTime() + 60_000) });
    expectProblem(await server.request('GET', `/api/auth/qr/${ticket}?secret=anything`), 404, 'NOT_FOUND');
  });

  it('calls a confirmed ticket expired once its session was cleaned away', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const { ticket, secret } = await create();
    expect((await server.request('POST', `/api/auth/qr/${ticket}/confirm`, { token: resident })).status).toBe(200);
    const [row] = await server.db.select({ sessionId: qrTickets.sessionId }).from(qrTickets).where(eq(qrTickets.id, ticket));
    await server.db.delete(sessions).where(eq(sessions.id, row!.sessionId!));
    const res = await server.request('GET', `/api/auth/qr/${ticket}?secret=${secret}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ status: 'expired' });
  });
});

describe('one password sign-in per account at a time', () => {
  it('makes a sign-in wait while another one for the same account is being checked', async () => {
    const person = await register('郑排队');
    let settled = false;
    let pending: Promise<unknown> | undefined;
    await server.db.transaction(async (tx) => {
      // Held as a sign-in in progress holds it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`a:${person.id}`}))`);
      pending = server.request('POST', '/api/auth/login', { body: { phone: person.phone, password: 'Neighbour2026' } }).then((res) => {
        settled = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
    });
    const res = (await pending) as { status: number };
    expect(res.status).toBe(200);
  });
});

describe('one registration count per address at a time', () => {
  it('makes a registration wait while another one from the same address is being counted', async () => {
    const address = '203.0.113.92';
    let settled = false;
    let pending: Promise<{ status: number }> | undefined;
    await server.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`register:${address}`}))`);
      pending = server
        .request('POST', '/api/auth/register', {
          body: { phone: newPhone(), password: 'Neighbour2026', name: '郑同址' },
          headers: { 'X-Forwarded-For': address },
        })
        .then((res) => {
          settled = true;
          return res;
        });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
    });
    expect((await pending!).status).toBe(201);
  });
});
