import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures, qrTickets } from '../../db/schema/index.js';
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

  it('refuses everyone when no cron secret is configured', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.request('GET', '/api/cron/cleanup', { headers: { Authorization: 'Bearer ' } })).status).toBe(401);
    } finally {
      await plain.close();
    }
  });
});
