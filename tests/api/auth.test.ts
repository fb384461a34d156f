import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { personalDataLeaks } from '../support/pii-scan.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, DEMO_PASSWORDS, expectProblem, login, newPhone, type Registered, register } from './helpers.js';

let server: TestServer;
let communityId: string;
/** Every account this suite created, for the personal-data scan at the end. */
const accounts: Registered[] = [];
const boundPhones: { phone: string; ownerAccountId: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  communityId = (await server.request('GET', '/api/community')).body.id;
});
afterEach(() => server.setNow(null));
afterAll(() => server?.close());

const newAccount = async (name?: string) => {
  const account = await register(server, name);
  accounts.push(account);
  return account;
};
const me = (token: string) => server.request('GET', '/api/me', { token });
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const minutes = (n: number) => n * 60_000;

const wechatCode = async (openid: string): Promise<string> => (await server.request('POST', '/__wechat/test/login-code', { body: { openid } })).body.code;
const phoneCode = async (phoneNumber: string): Promise<string> =>
  (await server.request('POST', '/__wechat/test/phone-code', { body: { phoneNumber } })).body.code;
const injectFault = (path: string, errcode: number, count = 1) => server.request('POST', '/__wechat/test/faults', { body: { path, errcode, count } });
const wechatLogin = (code: string) => server.request('POST', '/api/auth/wechat', { body: { code } });

describe('register', () => {
  it('creates an account (no role until staff verify the resident) and answers 201 with a token and the phone masked', async () => {
    const phone = newPhone();
    const res = await server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '刘春燕' } });
    expect(res.status).toBe(201);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.account).toMatchObject({ id: expect.any(String), name: '刘春燕', phone: masked(phone), roles: [], communityId });
    expect(res.body.account).not.toHaveProperty('username');
    accounts.push({ token: res.body.token, accountId: res.body.account.id, phone, password: 'Chunshu#2026', name: '刘春燕' });
  });

  it('shows the owner their whole phone in GET /api/me, and no resident record yet', async () => {
    const account = await newAccount();
    const res = await me(account.token);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: account.accountId, phone: account.phone, name: account.name });
    expect(res.body).not.toHaveProperty('resident');
  });

  it('trims spaces around the phone, so the same number cannot be registered twice with padding', async () => {
    const phone = newPhone();
    const first = await server.request('POST', '/api/auth/register', { body: { phone: ` ${phone} `, password: 'Chunshu#2026', name: '刘春燕' } });
    expect(first.status).toBe(201);
    accounts.push({ token: first.body.token, accountId: first.body.account.id, phone, password: 'Chunshu#2026', name: '刘春燕' });
    expectProblem(await server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '刘春燕' } }), 409, 'PHONE_TAKEN');
  });

  it('refuses a phone that is already registered with 409 PHONE_TAKEN and leaves the first password working', async () => {
    const account = await newAccount();
    expectProblem(
      await server.request('POST', '/api/auth/register', { body: { phone: account.phone, password: 'Another#2026', name: '冒名者' } }),
      409,
      'PHONE_TAKEN',
    );
    expect((await login(server, { phone: account.phone, password: account.password })).status).toBe(200);
    expectProblem(await login(server, { phone: account.phone, password: 'Another#2026' }, '198.51.100.2'), 401, 'INVALID_CREDENTIALS');
  });

  it('refuses a password without a digit with 400 WEAK_PASSWORD, saying why in Chinese, and creates nothing', async () => {
    const phone = newPhone();
    const res = await server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshujie', name: '刘春燕' } });
    expectProblem(res, 400, 'WEAK_PASSWORD', '密码需要同时包含字母和数字。');
    expect(res.body.errors).toEqual([{ path: 'body.password', message: '密码需要同时包含字母和数字。' }]);
    expect((await server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '刘春燕' } })).status).toBe(201);
  });

  it('refuses 7 characters as WEAK_PASSWORD and accepts 8', async () => {
    expectProblem(
      await server.request('POST', '/api/auth/register', { body: { phone: newPhone(), password: 'Chun#26', name: '刘春燕' } }),
      400,
      'WEAK_PASSWORD',
      '密码至少需要8位。',
    );
    const eight = await server.request('POST', '/api/auth/register', { body: { phone: newPhone(), password: 'Chun#206', name: '刘春燕' } });
    expect(eight.status).toBe(201);
  });

  it('answers 400 VALIDATION_FAILED listing each bad field by its path', async () => {
    const res = await server.request('POST', '/api/auth/register', { body: { phone: '12345', password: '', name: '' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.password', 'body.phone']);
    for (const error of res.body.errors) expect(error.message).toEqual(expect.any(String));
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.phone').message).toBe('手机号是 11 位数字，以 13 到 19 开头，请核对。');
  });

  it('refuses a name longer than 20 characters', async () => {
    const res = await server.request('POST', '/api/auth/register', { body: { phone: newPhone(), password: 'Chunshu#2026', name: '张'.repeat(21) } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'body.name', message: '姓名最多20个字' }]);
  });
});

describe('login', () => {
  it('signs in a demo account by username, with its roles', async () => {
    const res = await login(server, { username: DEMO.staff.username, password: DEMO.staff.password });
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.account).toMatchObject({ username: 'staff', name: DEMO.staff.name });
    expect(res.body.account.roles.map((r: { role: string }) => r.role).sort()).toEqual(['committee', 'staff']);
    expect((await me(res.body.token)).body.account.username).toBe('staff');
  });

  it('signs in a registered account by phone, with the phone masked in the reply', async () => {
    const account = await newAccount();
    const res = await login(server, { phone: account.phone, password: account.password });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: account.accountId, phone: masked(account.phone) });
  });

  it('answers a wrong password and an unknown username alike: 401 INVALID_CREDENTIALS', async () => {
    const wrong = await login(server, { username: 'resident1', password: 'Wrong#2026' }, '198.51.100.3');
    const unknown = await login(server, { username: 'nobody-here', password: 'Wrong#2026' }, '198.51.100.3');
    expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('refuses a password sign-in to an account created by WeChat, which has no password', async () => {
    const code = await wechatCode('o-no-password');
    const created = await wechatLogin(code);
    const phone = newPhone();
    await server.request('POST', '/api/auth/wechat/phone', { token: created.body.token, body: { code: await phoneCode(phone) } });
    boundPhones.push({ phone, ownerAccountId: created.body.account.id });
    expectProblem(await login(server, { phone, password: 'Anything#2026' }, '198.51.100.4'), 401, 'INVALID_CREDENTIALS');
  });

  it('answers 400 VALIDATION_FAILED when neither username nor phone is given', async () => {
    const res = await server.request('POST', '/api/auth/login', { body: { password: 'Staff#2026' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.length).toBeGreaterThan(0);
  });
});

describe('lockout', () => {
  const fail = (phone: string, address = '198.51.100.10') => login(server, { phone, password: 'Wrong#2026' }, address);

  it('locks a phone after 5 failures: 429 ACCOUNT_LOCKED with Retry-After, even with the right password', async () => {
    const account = await newAccount();
    const t0 = new Date();
    server.setNow(t0);
    for (let i = 1; i <= 4; i++) {
      const res = await fail(account.phone);
      expectProblem(res, 401, 'INVALID_CREDENTIALS');
      expect(res.body.detail).toContain(`再错${5 - i}次`);
    }
    const fifth = await fail(account.phone);
    expectProblem(fifth, 401, 'INVALID_CREDENTIALS');
    expect(fifth.body.detail).toContain('账号已被锁定15分钟');

    const locked = await login(server, { phone: account.phone, password: account.password });
    expectProblem(locked, 429, 'ACCOUNT_LOCKED');
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(locked.body.detail).toContain('15分钟后');
  });

  it('locks a username the same way, without locking other accounts on the same address', async () => {
    for (let i = 0; i < 5; i++) await login(server, { username: 'leader1@other', password: 'Wrong#2026' }, '198.51.100.11');
    expectProblem(await login(server, { username: 'leader1@other', password: DEMO.leader1.password }, '198.51.100.11'), 429, 'ACCOUNT_LOCKED');
    expect((await login(server, { username: 'resident1@other', password: DEMO.resident1.password }, '198.51.100.11')).status).toBe(200);
  });

  it('keeps the lock until 15 minutes after the last failure, then lets the right password in', async () => {
    const account = await newAccount();
    const t0 = new Date();
    server.setNow(t0);
    for (let i = 0; i < 5; i++) await fail(account.phone);

    server.setNow(new Date(t0.getTime() + minutes(15) - 1000));
    const stillLocked = await login(server, { phone: account.phone, password: account.password });
    expectProblem(stillLocked, 429, 'ACCOUNT_LOCKED');
    expect(stillLocked.headers.get('retry-after')).toBe('1');

    server.setNow(new Date(t0.getTime() + minutes(15)));
    const res = await login(server, { phone: account.phone, password: account.password });
    expect(res.status).toBe(200);
    expect(res.body.account.id).toBe(account.accountId);
  });

  it('keeps the lock for 15 minutes from the failure that set it, however the 5 failures were spread', async () => {
    const account = await newAccount();
    const t0 = new Date();
    const at = (m: number) => server.setNow(new Date(t0.getTime() + minutes(m)));
    for (const m of [0, 1, 2, 3, 14]) {
      at(m);
      expectProblem(await fail(account.phone), 401, 'INVALID_CREDENTIALS');
    }
    at(14);
    expect((await login(server, { phone: account.phone, password: account.password })).headers.get('retry-after')).toBe('900');
    at(15.5);
    const halfway = await login(server, { phone: account.phone, password: account.password });
    expectProblem(halfway, 429, 'ACCOUNT_LOCKED');
    expect(halfway.headers.get('retry-after')).toBe(String(13.5 * 60));
    at(29);
    expect((await login(server, { phone: account.phone, password: account.password })).status).toBe(200);
  });

  it('counts only failures within 15 minutes: 4 old ones and 4 new ones do not lock', async () => {
    const account = await newAccount();
    const t0 = new Date();
    server.setNow(t0);
    for (let i = 0; i < 4; i++) await fail(account.phone);
    server.setNow(new Date(t0.getTime() + minutes(16)));
    for (let i = 0; i < 4; i++) expectProblem(await fail(account.phone), 401, 'INVALID_CREDENTIALS');
    expect((await login(server, { phone: account.phone, password: account.password })).status).toBe(200);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const account = await newAccount();
    for (let i = 0; i < 4; i++) await fail(account.phone);
    expect((await login(server, { phone: account.phone, password: account.password })).status).toBe(200);
    for (let i = 0; i < 4; i++) expectProblem(await fail(account.phone), 401, 'INVALID_CREDENTIALS');
    expect((await login(server, { phone: account.phone, password: account.password })).status).toBe(200);
  });
});

describe('limit per source address', () => {
  it('answers RATE_LIMITED after 100 failures in 15 minutes from one address, across usernames, while another address signs in', async () => {
    const address = '203.0.113.7';
    const t0 = new Date();
    server.setNow(t0);
    for (let batch = 0; batch < 10; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => login(server, { username: `guess-${batch}-${i}`, password: 'Wrong#2026' }, address)),
      );
      for (const res of replies) expectProblem(res, 401, 'INVALID_CREDENTIALS');
    }

    const limited = await login(server, { username: 'resident1', password: DEMO.resident1.password }, address);
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    expect((await login(server, { username: 'resident1', password: DEMO.resident1.password }, '203.0.113.8')).status).toBe(200);

    server.setNow(new Date(t0.getTime() + minutes(15)));
    expect((await login(server, { username: 'resident1', password: DEMO.resident1.password }, address)).status).toBe(200);
  });
});

describe('sessions and logout', () => {
  it('answers 204 with no body, after which the token gets 401', async () => {
    const account = await newAccount();
    const res = await server.request('POST', '/api/auth/logout', { token: account.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectProblem(await me(account.token), 401, 'UNAUTHENTICATED');
    expectProblem(await server.request('POST', '/api/auth/logout', { token: account.token }), 401, 'UNAUTHENTICATED');
  });

  it("ends only that session: the same account's other sign-in keeps working", async () => {
    const account = await newAccount();
    const second = (await login(server, { phone: account.phone, password: account.password })).body.token;
    expect((await server.request('POST', '/api/auth/logout', { token: account.token })).status).toBe(204);
    expect((await me(second)).status).toBe(200);
  });

  it('lets a session run 30 days from sign-in and refuses its token from then on', async () => {
    const account = await newAccount();
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    server.setNow(t0);
    const res = await login(server, { phone: account.phone, password: account.password });
    expect(new Date(res.body.expiresAt).getTime()).toBe(t0.getTime() + 30 * 24 * minutes(60));
    server.setNow(new Date(t0.getTime() + 30 * 24 * minutes(60) - 1000));
    expect((await me(res.body.token)).status).toBe(200);
    server.setNow(new Date(t0.getTime() + 30 * 24 * minutes(60)));
    expectProblem(await me(res.body.token), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await server.request('POST', '/api/auth/logout'), 401, 'UNAUTHENTICATED');
  });
});

describe('WeChat login', () => {
  it('creates an account for a new openid (isNew: true) and signs the same one in next time (isNew: false)', async () => {
    const first = await wechatLogin(await wechatCode('o-wechat-1'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      token: expect.any(String),
      isNew: true,
      account: { id: expect.any(String), name: '微信用户', roles: [], communityId },
    });
    expect(first.body.account).not.toHaveProperty('phone');

    const again = await wechatLogin(await wechatCode('o-wechat-1'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ isNew: false, account: { id: first.body.account.id } });
    expect((await me(again.body.token)).body.account.id).toBe(first.body.account.id);
  });

  it('gives different openids different accounts', async () => {
    const a = await wechatLogin(await wechatCode('o-wechat-a'));
    const b = await wechatLogin(await wechatCode('o-wechat-b'));
    expect(a.body.account.id).not.toBe(b.body.account.id);
  });

  it('refuses a code used once already with 401 WECHAT_CODE_INVALID', async () => {
    const code = await wechatCode('o-wechat-reuse');
    expect((await wechatLogin(code)).status).toBe(200);
    expectProblem(await wechatLogin(code), 401, 'WECHAT_CODE_INVALID');
  });

  it('refuses an unknown code with 401 WECHAT_CODE_INVALID', async () => {
    expectProblem(await wechatLogin('0123456789abcdef0123456789abcdef'), 401, 'WECHAT_CODE_INVALID');
  });

  it('refuses a code WeChat calls "code been used" (40163) with 401 WECHAT_CODE_INVALID', async () => {
    const code = await wechatCode('o-wechat-40163');
    await injectFault('/sns/jscode2session', 40163);
    expectProblem(await wechatLogin(code), 401, 'WECHAT_CODE_INVALID');
  });

  it('answers 502 WECHAT_UNAVAILABLE (not 500) when WeChat fails, and the same code works on retry', async () => {
    const code = await wechatCode('o-wechat-fault');
    await injectFault('/sns/jscode2session', -1);
    expectProblem(await wechatLogin(code), 502, 'WECHAT_UNAVAILABLE');
    const retry = await wechatLogin(code);
    expect(retry.status).toBe(200);
    expect(retry.body.isNew).toBe(true);
  });

  it('answers 400 VALIDATION_FAILED for an empty code', async () => {
    const res = await server.request('POST', '/api/auth/wechat', { body: { code: '' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('body.code');
  });
});

describe('binding a phone from getPhoneNumber', () => {
  const bind = (token: string | undefined, code: string) => server.request('POST', '/api/auth/wechat/phone', { token, body: { code } });

  it("binds the phone to the caller's account: masked in the reply, whole only in the owner's GET /api/me", async () => {
    const account = (await wechatLogin(await wechatCode('o-bind-1'))).body;
    const phone = newPhone();
    const res = await bind(account.token, await phoneCode(phone));
    boundPhones.push({ phone, ownerAccountId: account.account.id });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: account.account.id, phone: masked(phone) });
    expect((await me(account.token)).body.account.phone).toBe(phone);
    const again = await wechatLogin(await wechatCode('o-bind-1'));
    expect(again.body.account.phone).toBe(masked(phone));
  });

  it('refuses a phone another account has proven with 409 PHONE_TAKEN and keeps the caller without it', async () => {
    // Proven through WeChat; a number only typed in at registration is taken over instead
    // (hardening.test.ts, finding 10).
    const owner = (await wechatLogin(await wechatCode('o-bind-owner'))).body;
    const phone = newPhone();
    boundPhones.push({ phone, ownerAccountId: owner.account.id });
    expect((await bind(owner.token, await phoneCode(phone))).status).toBe(200);
    const other = (await wechatLogin(await wechatCode('o-bind-taken'))).body;
    expectProblem(await bind(other.token, await phoneCode(phone)), 409, 'PHONE_TAKEN');
    expect((await me(other.token)).body.account).not.toHaveProperty('phone');
  });

  it('lets the owner bind the phone they already have', async () => {
    const account = (await wechatLogin(await wechatCode('o-bind-twice'))).body;
    const phone = newPhone();
    boundPhones.push({ phone, ownerAccountId: account.account.id });
    expect((await bind(account.token, await phoneCode(phone))).status).toBe(200);
    expect((await bind(account.token, await phoneCode(phone))).status).toBe(200);
  });

  it('refuses an unknown or reused code with 400 PHONE_CODE_INVALID', async () => {
    const account = (await wechatLogin(await wechatCode('o-bind-bad'))).body;
    expectProblem(await bind(account.token, 'not-a-real-code'), 400, 'PHONE_CODE_INVALID');
    const phone = newPhone();
    boundPhones.push({ phone, ownerAccountId: account.account.id });
    const code = await phoneCode(phone);
    expect((await bind(account.token, code)).status).toBe(200);
    expectProblem(await bind(account.token, code), 400, 'PHONE_CODE_INVALID');
  });

  it('fetches a fresh access token once when WeChat says the token is invalid (40001)', async () => {
    const account = (await wechatLogin(await wechatCode('o-bind-token'))).body;
    const phone = newPhone();
    boundPhones.push({ phone, ownerAccountId: account.account.id });
    await injectFault('/wxa/business/getuserphonenumber', 40001);
    const res = await bind(account.token, await phoneCode(phone));
    expect(res.status).toBe(200);
    expect((await me(account.token)).body.account.phone).toBe(phone);
  });

  it('answers 502 WECHAT_UNAVAILABLE when WeChat fails', async () => {
    const account = (await wechatLogin(await wechatCode('o-bind-fault'))).body;
    await injectFault('/wxa/business/getuserphonenumber', -1);
    expectProblem(await bind(account.token, await phoneCode(newPhone())), 502, 'WECHAT_UNAVAILABLE');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await bind(undefined, await phoneCode(newPhone())), 401, 'UNAUTHENTICATED');
  });
});

describe('QR login', () => {
  /** Each ticket's secret, as only the browser that asked for it holds it. */
  const secrets = new Map<string, string>();
  const createTicket = async () => {
    const res = await server.request('POST', '/api/auth/qr');
    expect(res.status).toBe(201);
    secrets.set(res.body.ticket, res.body.secret);
    return res.body as { ticket: string; qrImage: string; expiresAt: string };
  };
  const poll = (ticket: string) => server.request('GET', `/api/auth/qr/${ticket}?secret=${secrets.get(ticket) ?? 'none'}`);
  const scan = (ticket: string, token?: string) => server.request('POST', `/api/auth/qr/${ticket}/scan`, { token });
  const confirm = (ticket: string, token?: string) => server.request('POST', `/api/auth/qr/${ticket}/confirm`, { token });

  it('answers 201 with a ticket, a PNG code image and an expiry 2 minutes ahead', async () => {
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    server.setNow(t0);
    const created = await createTicket();
    expect(created.ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(created.qrImage).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(created.qrImage.split(',')[1]!, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(new Date(created.expiresAt).getTime()).toBe(t0.getTime() + minutes(2));
  });

  it('goes pending → scanned → confirmed, hands the token over exactly once, and the token signs the browser in', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const { ticket } = await createTicket();
    expect((await poll(ticket)).body).toEqual({ status: 'pending' });

    const scanned = await scan(ticket, resident);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({ status: 'scanned', requestedBy: { device: expect.any(String), address: expect.any(String), at: expect.any(String) } });
    expect((await poll(ticket)).body).toEqual({ status: 'scanned' });

    const confirmed = await confirm(ticket, resident);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ status: 'confirmed' });

    const handed = await poll(ticket);
    expect(handed.status).toBe(200);
    expect(handed.body).toEqual({ status: 'confirmed', token: expect.any(String) });
    expect(handed.body.token).not.toBe(resident);
    const browser = await me(handed.body.token);
    expect(browser.status).toBe(200);
    expect(browser.body.account.username).toBe('resident1');

    expect((await poll(ticket)).body).toEqual({ status: 'expired' });
    expectProblem(await confirm(ticket, resident), 409, 'QR_TICKET_EXPIRED');
  });

  it('lets only the account that scanned a ticket confirm it', async () => {
    const [resident, leader] = await Promise.all([
      server.login(DEMO.resident1.username, DEMO.resident1.password),
      server.login(DEMO.leader1.username, DEMO.leader1.password),
    ]);
    const { ticket } = await createTicket();
    expect((await scan(ticket, resident)).status).toBe(200);
    expectProblem(await confirm(ticket, leader), 409, 'QR_TICKET_EXPIRED');
    expect((await poll(ticket)).body).toEqual({ status: 'scanned' });
    expect((await confirm(ticket, resident)).status).toBe(200);
    expect((await me((await poll(ticket)).body.token)).body.account.username).toBe('resident1');
  });

  it('lets the phone confirm without a separate scan step', async () => {
    const leader = await server.login(DEMO.leader1.username, DEMO.leader1.password);
    const { ticket } = await createTicket();
    expect((await confirm(ticket, leader)).body).toEqual({ status: 'confirmed' });
    const token = (await poll(ticket)).body.token;
    expect((await me(token)).body.account.username).toBe('leader1');
  });

  it('keeps a ticket pending until 2 minutes have passed, then calls it expired and refuses to confirm it with 409', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const t0 = new Date();
    server.setNow(t0);
    const { ticket } = await createTicket();
    server.setNow(new Date(t0.getTime() + minutes(2) - 1000));
    expect((await poll(ticket)).body).toEqual({ status: 'pending' });

    server.setNow(new Date(t0.getTime() + minutes(2)));
    expect((await poll(ticket)).body).toEqual({ status: 'expired' });
    expectProblem(await scan(ticket, resident), 409, 'QR_TICKET_EXPIRED');
    expectProblem(await confirm(ticket, resident), 409, 'QR_TICKET_EXPIRED');
  });

  it('never hands over a token for a ticket confirmed but not collected within 2 minutes', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const t0 = new Date();
    server.setNow(t0);
    const { ticket } = await createTicket();
    expect((await confirm(ticket, resident)).status).toBe(200);
    server.setNow(new Date(t0.getTime() + minutes(2)));
    expect((await poll(ticket)).body).toEqual({ status: 'expired' });
  });

  it('answers 404 NOT_FOUND for an unknown ticket, on poll, scan and confirm', async () => {
    const resident = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const unknown = '0123456789abcdef0123456789abcdef';
    expectProblem(await poll(unknown), 404, 'NOT_FOUND');
    expectProblem(await scan(unknown, resident), 404, 'NOT_FOUND');
    expectProblem(await confirm(unknown, resident), 404, 'NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED for a ticket that is not 32 hex characters', async () => {
    const res = await poll('not-a-ticket');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('params.ticket');
  });

  it('answers 401 to scan or confirm without a token, and the ticket stays pending', async () => {
    const { ticket } = await createTicket();
    expectProblem(await scan(ticket), 401, 'UNAUTHENTICATED');
    expectProblem(await confirm(ticket), 401, 'UNAUTHENTICATED');
    expect((await poll(ticket)).body).toEqual({ status: 'pending' });
  });

  it('answers 502 WECHAT_UNAVAILABLE when WeChat cannot make the code image', async () => {
    await injectFault('/wxa/getwxacodeunlimit', -1);
    expectProblem(await server.request('POST', '/api/auth/qr'), 502, 'WECHAT_UNAVAILABLE');
  });

  it('limits how many tickets one address may ask for in ten minutes', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.77' };
    for (let i = 0; i < 30; i++) expect((await server.request('POST', '/api/auth/qr', { headers: from })).status).toBe(201);
    const refused = await server.request('POST', '/api/auth/qr', { headers: from });
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe('600');
    expect((await server.request('POST', '/api/auth/qr', { headers: { 'X-Forwarded-For': '198.51.100.78' } })).status).toBe(201);
  });
});

describe('GET /api/me', () => {
  it("shows a verified resident's account, roles and resident record, the ID number masked", async () => {
    const token = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      account: { id: expect.any(String), username: 'resident1', name: '张桂兰', communityId, roles: [{ role: 'resident', communityId }] },
      resident: {
        id: expect.any(String),
        name: '张桂兰',
        groupId: expect.any(String),
        groupName: '第一居民小组',
        idNumberMasked: expect.stringMatching(/^6210\*{10}\d{3}[\dX]$/),
        birthDate: '1956-09-08',
        status: 'verified',
        relocatedFrom: '八珠塬村',
        hasAccount: true,
      },
    });
  });

  it("shows a group leader's role with the group it leads", async () => {
    const token = await server.login(DEMO.leader1.username, DEMO.leader1.password);
    const res = await me(token);
    const leads = res.body.account.roles.find((r: { role: string }) => r.role === 'group_leader');
    expect(leads).toEqual({ role: 'group_leader', communityId, groupId: res.body.resident.groupId });
  });

  it('shows staff their roles and no resident record', async () => {
    const token = await server.login(DEMO.staff.username, DEMO.staff.password);
    const res = await me(token);
    expect(res.body.account.roles).toEqual(
      expect.arrayContaining([
        { role: 'staff', communityId },
        { role: 'committee', communityId },
      ]),
    );
    expect(res.body).not.toHaveProperty('resident');
  });

  it('answers 401 without a token, with a malformed header and with a forged token', async () => {
    expectProblem(await server.request('GET', '/api/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await server.request('GET', '/api/me', { headers: { Authorization: 'Basic c3RhZmY6U3RhZmYjMjAyNg==' } }), 401, 'UNAUTHENTICATED');
    expectProblem(await server.request('GET', '/api/me', { token: 'not.a.token' }), 401, 'UNAUTHENTICATED');
  });
});

it('never sent a whole ID number, a phone outside its owner’s own view, a password, a hash or a session key', () => {
  const leaks = personalDataLeaks(server.recorded, {
    phones: [...accounts.map((a) => ({ phone: a.phone, ownerAccountId: a.accountId })), ...boundPhones],
    passwords: [...DEMO_PASSWORDS, 'Chunshu#2026', 'Another#2026', 'Wrong#2026'],
  });
  expect(leaks).toEqual([]);
});
