import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataLeaks } from '../support/pii-scan.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, DEMO_PASSWORDS, newIdNumber, newPhone, type Registered, register } from './helpers.js';

/**
 * Races that only a real Postgres server can lose (PGlite runs one transaction at a time, so
 * there these pass trivially): run with TEST_DB=pg and TEST_DB=neon.
 */
let server: TestServer;
let groupId: string;
const accounts: Registered[] = [];
const idNumbers: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.login(DEMO.resident1.username, DEMO.resident1.password);
  groupId = (await server.request('GET', '/api/groups', { token })).body.items[0].id;
});
afterAll(() => server?.close());

const parallel = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const tally = (replies: { status: number; body: { code?: string } | null }[]) => {
  const counts: Record<string, number> = {};
  for (const res of replies) {
    const key = `${res.status} ${res.body?.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};
const newAccount = async () => {
  const account = await register(server, '周秀英');
  accounts.push(account);
  return account;
};

describe('sign-in under concurrency', () => {
  it('answers 20 parallel wrong passwords for one username with exactly 5 INVALID_CREDENTIALS and 15 ACCOUNT_LOCKED', async () => {
    const replies = await parallel(20, () =>
      server.request('POST', '/api/auth/login', { body: { username: 'leader1', password: 'Wrong#2026' }, headers: { 'X-Forwarded-For': '192.0.2.20' } }),
    );
    expect(tally(replies)).toEqual({ '401 INVALID_CREDENTIALS': 5, '429 ACCOUNT_LOCKED': 15 });
    for (const res of replies.filter((r) => r.status === 429)) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await server.request('POST', '/api/auth/login', {
      body: { username: 'leader1', password: DEMO.leader1.password },
      headers: { 'X-Forwarded-For': '192.0.2.21' },
    });
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses the token once a logout racing with its use has answered', async () => {
    for (let round = 0; round < 5; round++) {
      const token = await server.login(DEMO.resident1.username, DEMO.resident1.password);
      const [logout, ...uses] = await Promise.all([
        server.request('POST', '/api/auth/logout', { token }),
        ...Array.from({ length: 10 }, () => server.request('GET', '/api/me', { token })),
      ]);
      expect(logout!.status).toBe(204);
      for (const use of uses) expect(use.status === 200 || (use.status === 401 && use.body.code === 'UNAUTHENTICATED'), use.text).toBe(true);
      const after = await server.request('GET', '/api/me', { token });
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers two racing logouts of one token without a 5xx, and refuses the token after both', async () => {
    const token = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const replies = await parallel(2, () => server.request('POST', '/api/auth/logout', { token }));
    for (const res of replies) expect([204, 401]).toContain(res.status);
    expect(replies.some((r) => r.status === 204)).toBe(true);
    expect((await server.request('GET', '/api/me', { token })).status).toBe(401);
  });

  it('registers one account when the same phone registers 10 times at once; the rest get 409 PHONE_TAKEN', async () => {
    const phone = newPhone();
    const replies = await parallel(10, () => server.request('POST', '/api/auth/register', { body: { phone, password: 'Chunshu#2026', name: '周秀英' } }));
    expect(tally(replies)).toEqual({ '201': 1, '409 PHONE_TAKEN': 9 });
    const created = replies.find((r) => r.status === 201)!;
    accounts.push({ token: created.body.token, accountId: created.body.account.id, phone, password: 'Chunshu#2026', name: '周秀英' });
  });

  it('creates one account for an openid signing in with WeChat 5 times at once, new exactly once', async () => {
    const codes = await parallel(
      5,
      async () => (await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-race' } })).body.code as string,
    );
    const replies = await Promise.all(codes.map((code) => server.request('POST', '/api/auth/wechat', { body: { code } })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.body.account.id)).size).toBe(1);
    expect(replies.filter((r) => r.body.isNew)).toHaveLength(1);
  });

  it('hands the token of a confirmed QR ticket to exactly one of 10 racing polls', async () => {
    const token = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const { ticket, secret } = (await server.request('POST', '/api/auth/qr')).body;
    expect((await server.request('POST', `/api/auth/qr/${ticket}/confirm`, { token })).status).toBe(200);
    const polls = await parallel(10, () => server.request('GET', `/api/auth/qr/${ticket}?secret=${secret}`));
    expect(polls.map((p) => p.status)).toEqual(Array(10).fill(200));
    const handed = polls.filter((p) => p.body.status === 'confirmed');
    expect(handed).toHaveLength(1);
    expect(handed[0]!.body.token).toEqual(expect.any(String));
    expect(polls.filter((p) => p.body.status === 'expired')).toHaveLength(9);
  });
});

describe('resident claims under concurrency', () => {
  it('registers an ID number once when two accounts claim it at the same moment', async () => {
    const [a, b] = await Promise.all([newAccount(), newAccount()]);
    const idNumber = newIdNumber();
    idNumbers.push(idNumber);
    const replies = await Promise.all(
      [a, b].map((account) => server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name: '周秀英', idNumber, groupId } })),
    );
    expect(tally(replies)).toEqual({ '201': 1, '409 ID_NUMBER_TAKEN': 1 });
  });

  it('records one claim when one account sends 5 different claims at once; the rest get 409 ALREADY_CLAIMED', async () => {
    const account = await newAccount();
    const replies = await parallel(5, () => {
      const idNumber = newIdNumber();
      idNumbers.push(idNumber);
      return server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name: '周秀英', idNumber, groupId } });
    });
    expect(tally(replies)).toEqual({ '201': 1, '409 ALREADY_CLAIMED': 4 });
    const me = await server.request('GET', '/api/me', { token: account.token });
    expect(me.body.resident.id).toBe(replies.find((r) => r.status === 201)!.body.resident.id);
  });

  it('answers 5 racing claims with one Idempotency-Key with the same 201 and one resident', async () => {
    const account = await newAccount();
    const idNumber = newIdNumber();
    idNumbers.push(idNumber);
    const replies = await parallel(5, () =>
      server.request('POST', '/api/me/resident-claim', {
        token: account.token,
        body: { name: '周秀英', idNumber, groupId },
        headers: { 'Idempotency-Key': 'race-1' },
      }),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.resident.id)).size).toBe(1);
  });
});

it('never sent a whole ID number, a phone outside its owner’s own view, a password, a hash or a session key', () => {
  const leaks = personalDataLeaks(server.recorded, {
    idNumbers,
    phones: accounts.map((a) => ({ phone: a.phone, ownerAccountId: a.accountId })),
    passwords: [...DEMO_PASSWORDS, 'Chunshu#2026', 'Wrong#2026'],
  });
  expect(leaks).toEqual([]);
});
