import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, idempotencyKeys, loginFailures, qrTickets, sessions } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'cron-secret-for-tests-0123456789';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ settings: { CRON_SECRET: SECRET } });
});
afterAll(() => server.close());

const cron = (token?: string) => server.request('GET', '/api/cron/cleanup', { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('daily clean-up', () => {
  it('answers only to the cron secret', async () => {
    expect((await cron()).status).toBe(401);
    expect((await cron('not-the-secret')).status).toBe(401);
    const staff = await server.login('staff', 'Staff#2026');
    expect((await cron(staff)).status).toBe(401);
  });

  it('deletes sign-in failures and QR tickets older than a day, and keeps recent ones', async () => {
    const start = new Date('2026-12-01T00:00:00Z');
    server.setNow(start);
    await server.request('POST', '/api/auth/login', { body: { username: 'staff', password: 'wrong-password-1' } });
    expect((await server.request('POST', '/api/auth/qr')).status).toBe(201);
    server.setNow(new Date(start.getTime() + 2 * 24 * 3600_000));
    await server.request('POST', '/api/auth/login', { body: { username: 'staff', password: 'wrong-password-2' } });
    const res = await cron(SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ loginFailures: 2, qrTickets: 1 });
    const left = await server.db.select({ at: loginFailures.at }).from(loginFailures);
    expect(left).toHaveLength(2); // the recent failure, by username and by address
    expect(await server.db.select().from(qrTickets)).toHaveLength(0);
    server.setNow(null);
  });

  it('deletes sessions dead for more than 30 days and idempotency keys older than 7 days, and keeps younger ones', async () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
    server.setNow(now);
    await cron(SECRET); // clears what other tests left that is already old at this moment
    const [staff] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
    const accountId = staff!.id;
    const made = await server.db
      .insert(sessions)
      .values([
        { accountId, createdAt: daysAgo(60), expiresAt: daysAgo(31) },
        { accountId, createdAt: daysAgo(60), expiresAt: daysAgo(29) },
        { accountId, createdAt: daysAgo(60), expiresAt: daysAgo(-5), revokedAt: daysAgo(31) },
        { accountId, createdAt: daysAgo(60), expiresAt: daysAgo(-5), revokedAt: daysAgo(29) },
      ])
      .returning({ id: sessions.id });
    const key = (name: string, days: number) => ({
      accountId,
      route: 'POST /api/service-requests',
      key: name,
      status: 201,
      body: {},
      createdAt: daysAgo(days),
    });
    await server.db.insert(idempotencyKeys).values([key('housekeeping-8-days', 8), key('housekeeping-6-days', 6)]);

    const res = await cron(SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ loginFailures: 0, qrTickets: 0, sessions: 2, idempotencyKeys: 1 });
    const ids = made.map((m) => m.id);
    const left = (await server.db.select({ id: sessions.id }).from(sessions)).map((r) => r.id).filter((id) => ids.includes(id));
    expect(left.sort()).toEqual([ids[1], ids[3]].sort());
    const keys = (await server.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key).filter((k) => k.startsWith('housekeeping-'));
    expect(keys).toEqual(['housekeeping-6-days']);
    server.setNow(null);
  });

  it('refuses everyone when no cron secret is configured', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.request('GET', '/api/cron/cleanup', { headers: { Authorization: 'Bearer ' } })).status).toBe(401);
    } finally {
      await plain.close();
    }
  });
});
