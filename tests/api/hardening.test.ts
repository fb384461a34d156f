import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities, loginFailures } from '../../db/schema/index.js';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testSettings } from '../support/settings.js';
import { DEMO, expectProblem, login, newPhone, register } from './helpers.js';

const routes = await loadAllRoutes();

/**
 * Issue 7 (hardening): the holes an outside review found on a running server, each reproduced
 * over HTTP. The outages (findings 1, 3 and 5) are in outage.test.ts, on a private cluster.
 */
let server: TestServer;
let resident: string;
let staff: string;
let leader: string;
let communityId: string;

beforeAll(async () => {
  // The production registration limit (the test default is lifted for files that register a lot).
  server = await startTestServer({ captureLog: true, settings: { REGISTER_LIMIT_PER_HOUR: '' } });
  [resident, staff, leader] = await Promise.all([
    server.login(DEMO.resident1.username, DEMO.resident1.password),
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.leader1.username, DEMO.leader1.password),
  ]);
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
});
afterAll(() => server.close());

const file = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  server.request('POST', '/api/service-requests', { token, body, headers });
const setStatus = (id: string, body: Record<string, unknown>, token = staff) => server.request('POST', `/api/service-requests/${id}/status`, { token, body });
const get = (id: string, token: string) => server.request('GET', `/api/service-requests/${id}`, { token });

/** A registered account given `role` in the demo community. */
async function withRole(name: string, role: 'staff' | 'admin') {
  const account = await register(server, name);
  await server.db.insert(accountRoles).values({ accountId: account.accountId, communityId, role });
  return account;
}

async function residentOfGroup(groupName: string, name: string) {
  const groups = await server.request('GET', '/api/groups', { token: staff });
  const group = groups.body.items.find((g: { name: string }) => g.name === groupName);
  const list = await server.request('GET', `/api/residents?status=verified&groupId=${group.id}`, { token: staff });
  return list.body.items.find((r: { name: string }) => r.name === name) as { id: string };
}

describe('finding 2: the WeChat stand-in in a production demo', () => {
  it('finding 2: the stand-in test door does not exist with NODE_ENV=production, only its WeChat face', async () => {
    const demo = await startTestServer({
      settings: { NODE_ENV: 'production', WECHAT_STAND_IN: '1', DATABASE_URL: 'postgres://demo@127.0.0.1:5432/demo', PUBLIC_URL: 'https://bazhu.example.cn' },
    });
    try {
      const door: [string, string, unknown?][] = [
        ['POST', '/__wechat/test/login-code', { openid: 'o-someone-else' }],
        ['POST', '/__wechat/test/phone-code', { phoneNumber: '13800001234' }],
        ['POST', '/__wechat/test/faults', { path: '/sns/jscode2session', errcode: -1, count: 1 }],
        ['POST', '/__wechat/test/content', { text: '通知', suggest: 'risky' }],
        ['POST', '/__wechat/test/subscribe-accept', { openid: 'o-x', templateId: 'stand-in-notice-template' }],
        ['POST', '/__wechat/test/quota', { path: '/sns/jscode2session', limit: 0 }],
        ['GET', '/__wechat/test/messages?openid=o-x'],
        ['GET', '/__wechat/test/calls'],
        ['POST', '/__wechat/TEST/login-code', { openid: 'o-someone-else' }],
      ];
      for (const [method, path, body] of door) {
        const res = await demo.request(method, path, body === undefined ? {} : { body });
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(404);
      }
      // The stand-in's WeChat API face still answers (the demo's sign-in page works), but no code
      // can be minted for somebody else's openid.
      expect((await demo.request('GET', '/__wechat/sns/jscode2session?appid=x&secret=y&js_code=nope&grant_type=authorization_code')).status).toBe(200);
      expectProblem(await demo.request('POST', '/api/auth/wechat', { body: { code: 'nope' } }), 401, 'WECHAT_CODE_INVALID');
    } finally {
      await demo.close();
    }
    // In development and tests the door is there.
    expect((await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-dev' } })).status).toBe(200);
  });
});

describe('finding 7: sensitive requests filed on behalf', () => {
  let staffB: Awaited<ReturnType<typeof withRole>>;
  let admin: Awaited<ReturnType<typeof withRole>>;
  let target: { id: string };
  beforeAll(async () => {
    staffB = await withRole('窗口小刘', 'staff');
    admin = await withRole('周主任', 'admin');
    target = await residentOfGroup('第一居民小组', DEMO.resident1.name);
  });

  const sees = async (token: string, id: string) => {
    const detail = await get(id, token);
    const list = await server.request('GET', '/api/service-requests?limit=100&categoryCode=minimum_living', { token });
    expect(list.body.items.some((r: { id: string }) => r.id === id)).toBe(detail.status === 200);
    return detail.status === 200;
  };

  it('finding 7: staff who filed a sensitive request for a resident stop seeing it once another accepts it, and never rate or reopen it', async () => {
    const filed = await file(staff, { categoryCode: 'minimum_living', description: '代张桂兰申请低保', onBehalfOfResidentId: target.id });
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    expect((await setStatus(id, { status: 'accepted' }, staffB.token)).status).toBe(200);
    expect(await sees(staff, id)).toBe(false);
    expect(await sees(staffB.token, id)).toBe(true);
    expect(await sees(admin.token, id)).toBe(true);
    expect(await sees(resident, id)).toBe(true);
    expect((await setStatus(id, { status: 'resolved' }, staffB.token)).status).toBe(200);
    expectProblem(await server.request('POST', `/api/service-requests/${id}/rating`, { token: staff, body: { score: 5 } }), 404, 'NOT_FOUND');
    expectProblem(await server.request('POST', `/api/service-requests/${id}/reopen`, { token: staff, body: { reason: '再看看' } }), 404, 'NOT_FOUND');
    // The assignee may see it, but is not the resident either.
    expectProblem(await server.request('POST', `/api/service-requests/${id}/rating`, { token: staffB.token, body: { score: 5 } }), 404, 'NOT_FOUND');
    expect((await server.request('POST', `/api/service-requests/${id}/rating`, { token: resident, body: { score: 4 } })).status).toBe(201);
    expect((await server.request('POST', `/api/service-requests/${id}/reopen`, { token: resident, body: { reason: '钱还没到' } })).status).toBe(200);
  });

  it('finding 7: a sensitive request refused straight from submitted stops being visible to all staff', async () => {
    const { body: req } = await file(resident, { categoryCode: 'minimum_living', description: '想问问低保' });
    const refused = await setStatus(req.id, { status: 'rejected', note: '请到民政所办理' }, staffB.token);
    expect(refused.status).toBe(200);
    expect(await sees(staff, req.id)).toBe(false);
    expect(await sees(staffB.token, req.id)).toBe(true);
    expect(await sees(admin.token, req.id)).toBe(true);
    expect(await sees(resident, req.id)).toBe(true);
  });

  it('finding 7: the leader who filed an ordinary request for a resident may rate and reopen it; staff who filed one may not', async () => {
    const byLeader = await file(leader, { categoryCode: 'sanitation', description: '帮张大妈报修下水道', onBehalfOfResidentId: target.id });
    const byStaff = await file(staff, { categoryCode: 'sanitation', description: '窗口代报修路灯', onBehalfOfResidentId: target.id });
    for (const id of [byLeader.body.id, byStaff.body.id]) {
      await setStatus(id, { status: 'accepted' });
      await setStatus(id, { status: 'resolved' });
    }
    expect((await server.request('POST', `/api/service-requests/${byLeader.body.id}/rating`, { token: leader, body: { score: 5 } })).status).toBe(201);
    expect((await server.request('POST', `/api/service-requests/${byLeader.body.id}/reopen`, { token: leader, body: { reason: '又堵了' } })).status).toBe(200);
    expectProblem(await server.request('POST', `/api/service-requests/${byStaff.body.id}/rating`, { token: staff, body: { score: 5 } }), 404, 'NOT_FOUND');
    expect((await server.request('POST', `/api/service-requests/${byStaff.body.id}/rating`, { token: resident, body: { score: 3 } })).status).toBe(201);
  });
});

describe('finding 9: hostile input that gave a 5xx', () => {
  const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

  it('finding 9: JSON nested 10,000 deep is a 400 on every body route, with or without a token', async () => {
    expect(deepObject.length).toBeLessThan(64 * 1024);
    const bodyRoutes = routes.filter((r) => r.body);
    expect(bodyRoutes.length).toBeGreaterThan(5);
    for (const route of bodyRoutes) {
      const path = route.path.replace(/:(\w+)/g, '0190a0a0-0000-7000-8000-000000000000');
      for (const token of [undefined, staff]) {
        for (const raw of [deepArray, deepObject]) {
          const res = await server.request(route.method.toUpperCase(), path, { raw, token, headers: { 'Content-Type': 'application/json' } });
          expect(res.status, `${route.method} ${route.path} ${token ? 'signed in' : 'no token'}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.status).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });

  it('finding 9: crafted page cursors are a 400', async () => {
    const dashes = Buffer.from('-'.repeat(36)).toString('base64url');
    const urgency = Buffer.from('1|0190a0a0-0000-7000-8000-000000000000').toString('base64url');
    const urgencyDashes = Buffer.from(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`).toString('base64url');
    for (const q of [`cursor=${dashes}`, `sort=urgency&cursor=${urgency}`, `sort=urgency&cursor=${urgencyDashes}`, `sort=urgency&cursor=${dashes}`]) {
      expectProblem(await server.request('GET', `/api/service-requests?${q}`, { token: staff }), 400, 'VALIDATION_FAILED');
    }
  });

  it('finding 9: a token signed with the right key whose subject is not a UUID is a 401', async () => {
    const secret = new TextEncoder().encode(testSettings().AUTH_SECRET!);
    for (const sub of ['not-a-uuid', "' or 1=1 --", 'x'.repeat(500)]) {
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(secret);
      expectProblem(await server.request('GET', '/api/me', { token }), 401, 'UNAUTHENTICATED');
      // An open route ignores it.
      expect((await server.request('GET', '/api/community', { token })).status).toBe(200);
    }
  });

  it("finding 9: a failed statement's SQL and parameters never go to the log whole", async () => {
    const marker = `秘密标记${Date.now()}`;
    await server.db.execute(sql.raw(`create function fail_insert() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`));
    await server.db.execute(sql.raw('create trigger fail_insert before insert on service_requests for each row execute function fail_insert()'));
    try {
      expectProblem(await file(resident, { categoryCode: 'other', description: `${marker} ${'很长的描述'.repeat(100)}` }), 500, 'INTERNAL');
    } finally {
      await server.db.execute(sql.raw('drop trigger fail_insert on service_requests'));
      await server.db.execute(sql.raw('drop function fail_insert()'));
    }
    const logged = server.logs().join('\n');
    expect(logged).toContain('unhandled error');
    expect(logged).toContain('refused by test');
    expect(logged).not.toContain(marker);
    expect(logged).not.toContain('params:');
    for (const line of server.logs()) expect(line.length).toBeLessThan(4000);
  });
});

describe('finding 11: smaller holes', () => {
  it('finding 11: lockout counts per account — phone and username of one account share five guesses', async () => {
    const account = await register(server, '锁定测试');
    await server.db
      .update(accounts)
      .set({ username: `lock${Date.now()}` })
      .where(eq(accounts.id, account.accountId));
    const [row] = await server.db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, account.accountId));
    for (let i = 0; i < 3; i++)
      expectProblem(await login(server, { phone: account.phone, password: 'Wrong#2026' }, '198.51.100.71'), 401, 'INVALID_CREDENTIALS');
    for (let i = 0; i < 2; i++)
      expectProblem(await login(server, { username: row!.username!, password: 'Wrong#2026' }, '198.51.100.72'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login(server, { phone: account.phone, password: account.password }, '198.51.100.73'), 429, 'ACCOUNT_LOCKED');
    expectProblem(await login(server, { username: row!.username!, password: account.password }, '198.51.100.73'), 429, 'ACCOUNT_LOCKED');
  });

  it('finding 11: behind a trusted proxy the address the proxy added counts, not one the client wrote first', async () => {
    const address = '203.0.113.77';
    await server.db.insert(loginFailures).values(Array.from({ length: 100 }, () => ({ subject: `ip:${address}`, at: new Date() })));
    expectProblem(await login(server, { username: 'nobody-here', password: 'Wrong#2026' }, `10.9.8.7, ${address}`), 429, 'RATE_LIMITED');
  });

  it('finding 11: a new account gets no resident role before verification', async () => {
    const account = await register(server, '新来的');
    const me = await server.request('GET', '/api/me', { token: account.token });
    expect(me.body.account.roles).toEqual([]);
    const code = await server.request('POST', '/__wechat/test/login-code', { body: { openid: `o-new-${Date.now()}` } });
    const wechat = await server.request('POST', '/api/auth/wechat', { body: { code: code.body.code } });
    expect(wechat.body.isNew).toBe(true);
    expect(wechat.body.account.roles).toEqual([]);
  });

  it('finding 11: a request has one rating, changeable, and one rating event', async () => {
    const { body: req } = await file(resident, { categoryCode: 'sanitation', description: '垃圾没人收' });
    await setStatus(req.id, { status: 'accepted' });
    await setStatus(req.id, { status: 'resolved' });
    for (const score of [2, 3, 5]) {
      expect((await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: resident, body: { score } })).status).toBe(201);
    }
    const detail = await get(req.id, resident);
    expect(detail.body.rating).toEqual({ score: 5 });
    const ratings = detail.body.events.filter((e: { type: string }) => e.type === 'rating');
    expect(ratings).toHaveLength(1);
    expect(ratings[0].body).toBe('★★★★★');
  });
});

describe('finding 8: Idempotency-Key', () => {
  it('finding 8: a key can never create twice — when storing the reply fails after the create, both roll back and the retry creates one', async () => {
    const account = await register(server, '重复提交');
    const description = `断网重试 ${Date.now()}`;
    // Storing the reply fails once (as a lost connection or a full disk would), after the create ran.
    await server.db.execute(
      sql.raw(`create function fail_key_update() returns trigger language plpgsql as $$ begin raise exception 'reply not stored'; end $$`),
    );
    await server.db.execute(sql.raw('create trigger fail_key_update before update on idempotency_keys for each row execute function fail_key_update()'));
    let first: Awaited<ReturnType<typeof file>>;
    try {
      first = await file(account.token, { categoryCode: 'other', description }, { 'Idempotency-Key': 'flaky-1' });
    } finally {
      await server.db.execute(sql.raw('drop trigger fail_key_update on idempotency_keys'));
      await server.db.execute(sql.raw('drop function fail_key_update()'));
    }
    expect(first.status).toBe(500);
    const retry = await file(account.token, { categoryCode: 'other', description }, { 'Idempotency-Key': 'flaky-1' });
    expect(retry.status).toBe(201);
    const again = await file(account.token, { categoryCode: 'other', description }, { 'Idempotency-Key': 'flaky-1' });
    expect(again.body.id).toBe(retry.body.id);
    const mine = await server.request('GET', '/api/service-requests?limit=100', { token: account.token });
    expect(mine.body.items.filter((r: { description: string }) => r.description === description)).toHaveLength(1);
  });

  it('finding 8: a key is scoped to the concrete path — one key on two requests replies to both', async () => {
    const a = await file(resident, { categoryCode: 'other', description: '第一件事' });
    const b = await file(resident, { categoryCode: 'other', description: '第二件事' });
    const headers = { 'Idempotency-Key': 'reply-key-1' };
    const toA = await server.request('POST', `/api/service-requests/${a.body.id}/replies`, { token: resident, body: { body: '补充材料' }, headers });
    const toB = await server.request('POST', `/api/service-requests/${b.body.id}/replies`, { token: resident, body: { body: '补充材料' }, headers });
    expect([toA.status, toB.status]).toEqual([201, 201]);
    expect(toB.headers.get('idempotent-replayed')).toBeNull();
    const detailB = await get(b.body.id, resident);
    expect(detailB.body.events.filter((e: { type: string }) => e.type === 'reply')).toHaveLength(1);
  });

  it('finding 8: the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED, and creates nothing', async () => {
    const account = await register(server, '换了内容');
    const headers = { 'Idempotency-Key': 'changed-1' };
    expect((await file(account.token, { categoryCode: 'other', description: '第一次的内容' }, headers)).status).toBe(201);
    expectProblem(await file(account.token, { categoryCode: 'other', description: '完全不同的内容' }, headers), 422, 'IDEMPOTENCY_KEY_REUSED');
    const replay = await file(account.token, { categoryCode: 'other', description: '第一次的内容' }, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const mine = await server.request('GET', '/api/service-requests?limit=100', { token: account.token });
    expect(mine.body.items).toHaveLength(1);
  });
});

describe('finding 10: registration abuse', () => {
  const registerFrom = (address: string, phone = newPhone()) =>
    server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '批量注册' }, headers: { 'X-Forwarded-For': address } });

  it('finding 10: registration is limited per address (30 an hour), other addresses unaffected', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 30; i++) expect((await registerFrom(address)).status).toBe(201);
    const refused = await registerFrom(address);
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(refused.body.detail).toBe('这个网络注册的账号太多了，请一小时后再试，或到社区便民服务窗口办理。');
    expect((await registerFrom('203.0.113.51')).status).toBe(201);
  });

  async function wechatAccount(openid: string) {
    const code = await server.request('POST', '/__wechat/test/login-code', { body: { openid } });
    const signedIn = await server.request('POST', '/api/auth/wechat', { body: { code: code.body.code } });
    return signedIn.body.token as string;
  }
  const bindPhone = async (token: string, phoneNumber: string) => {
    const code = await server.request('POST', '/__wechat/test/phone-code', { body: { phoneNumber } });
    return server.request('POST', '/api/auth/wechat/phone', { token, body: { code: code.body.code } });
  };

  it('finding 10: a phone registered by password stays unverified, and the owner proving it through WeChat takes it over', async () => {
    const phone = newPhone();
    const squatter = await registerFrom('203.0.113.60', phone);
    expect(squatter.status).toBe(201);
    expect(squatter.body.account.phoneVerified).toBe(false);
    const owner = await wechatAccount(`o-owner-${phone}`);
    const bound = await bindPhone(owner, phone);
    expect(bound.status, bound.text).toBe(200);
    expect(bound.body.account.phoneVerified).toBe(true);
    expect((await server.request('GET', '/api/me', { token: owner })).body.account.phone).toBe(phone);
    expect((await server.request('GET', '/api/me', { token: squatter.body.token })).body.account).not.toHaveProperty('phone');
    expectProblem(await login(server, { phone, password: 'Chunshu#2026' }, '203.0.113.61'), 401, 'INVALID_CREDENTIALS');
    // Registering the number again is refused now that its owner proved it.
    expectProblem(await registerFrom('203.0.113.62', phone), 409, 'PHONE_TAKEN');
  });

  it('finding 10: a phone verified by staff at the window is not taken over', async () => {
    const phone = newPhone();
    const registered = await registerFrom('203.0.113.63', phone);
    const verified = await server.request('POST', `/api/accounts/${registered.body.account.id}/phone/verify`, { token: staff });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.account.phoneVerified).toBe(true);
    expectProblem(await server.request('POST', `/api/accounts/${registered.body.account.id}/phone/verify`, { token: resident }), 403, 'FORBIDDEN');
    const other = await wechatAccount(`o-other-${phone}`);
    expectProblem(await bindPhone(other, phone), 409, 'PHONE_TAKEN');
    expect((await login(server, { phone, password: 'Chunshu#2026' }, '203.0.113.64')).status).toBe(200);
  });
});

describe('finding 6: the QR ticket is not the polling credential', () => {
  it('finding 6: only the browser that asked collects the session; whoever saw the code on the screen gets 404', async () => {
    const created = await server.request('POST', '/api/auth/qr', {
      headers: { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36', 'X-Forwarded-For': '203.0.113.90' },
    });
    expect(created.status).toBe(201);
    const { ticket, secret } = created.body;
    expect(secret).toEqual(expect.any(String));
    // The phone that scans is told which device and place asked.
    const scanned = await server.request('POST', `/api/auth/qr/${ticket}/scan`, { token: resident });
    expect(scanned.body).toMatchObject({ status: 'scanned', requestedBy: { device: 'Chrome · Windows', address: '203.0.113.90' } });
    expect((await server.request('POST', `/api/auth/qr/${ticket}/confirm`, { token: resident })).status).toBe(200);
    // Someone who read the ticket off the screen (it is the QR code's scene) races the browser.
    expectProblem(await server.request('GET', `/api/auth/qr/${ticket}`), 404, 'NOT_FOUND');
    expectProblem(await server.request('GET', `/api/auth/qr/${ticket}?secret=${'x'.repeat(32)}`), 404, 'NOT_FOUND');
    const collected = await server.request('GET', `/api/auth/qr/${ticket}?secret=${secret}`);
    expect(collected.body).toMatchObject({ status: 'confirmed', token: expect.any(String) });
    expect((await server.request('GET', '/api/me', { token: collected.body.token })).body.account.username).toBe(DEMO.resident1.username);
  });
});
