import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem } from './helpers.js';

/**
 * Issue 7, finding 4: every WeChat call goes through one path with a deadline, answers 502 when
 * WeChat cannot be reached, and refreshes an invalid cached access token once.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const wx = (path: string, body?: unknown) => server.request(body === undefined ? 'GET' : 'POST', `/__wechat${path}`, body === undefined ? {} : { body });
const calls = async (path: string): Promise<number> => (await wx('/test/calls')).body[path] ?? 0;

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('finding 4: QR ticket creation has a deadline, a 502 on failure and the token refresh', () => {
  it('finding 4: a hanging getwxacodeunlimit answers 502 WECHAT_UNAVAILABLE at the deadline, not 100 s later', async () => {
    // A short deadline so a hanging WeChat shows up as a 502 well within the test's own time-out.
    const hung = await startTestServer({ settings: { WECHAT_TIMEOUT_MS: '4000' } });
    try {
      // Warm: the access token is fetched and cached first.
      expect((await hung.request('POST', '/api/auth/qr')).status).toBe(201);
      const fault = await hung.request('POST', '/__wechat/test/faults', { body: { path: '/wxa/getwxacodeunlimit', hangMs: 12_000, count: 1 } });
      expect(fault.status).toBe(200);
      // Without a deadline this call would wait out the hang and then succeed (201).
      expectProblem(await hung.request('POST', '/api/auth/qr'), 502, 'WECHAT_UNAVAILABLE');
    } finally {
      await hung.close();
    }
  }, 60_000);

  it('finding 4: a refused connection to WeChat is a 502 problem, not a 500', async () => {
    const port = await closedPort();
    const refused = await startTestServer({ settings: { WECHAT_API_BASE: `http://127.0.0.1:${port}/__wechat`, WECHAT_TIMEOUT_MS: '800' } });
    try {
      // With a cached token the first call out is the QR code itself, refused at connect.
      await refused.db.execute(
        sql`insert into wechat_tokens (appid, token, expires_at) values ('wx-stand-in-appid', 'cached', now() + interval '1 hour') on conflict (appid) do update set token = 'cached', expires_at = now() + interval '1 hour'`,
      );
      expectProblem(await refused.request('POST', '/api/auth/qr'), 502, 'WECHAT_UNAVAILABLE', '暂时无法生成微信扫码登录的二维码，请改用账号密码登录。');
      // Not reaching WeChat at all is told apart from WeChat answering with an error.
      expectProblem(
        await refused.request('POST', '/api/auth/wechat', { body: { code: 'any-code' } }),
        502,
        'WECHAT_UNAVAILABLE',
        '暂时连不上微信服务，请稍后再试。',
      );
    } finally {
      await refused.close();
    }
  });

  it('finding 4: an access token WeChat calls invalid (40001) or expired (42001) is refreshed once and the QR code still comes', async () => {
    expect((await server.request('POST', '/api/auth/qr')).status).toBe(201);
    for (const errcode of [40001, 42001]) {
      const before = await calls('/cgi-bin/stable_token');
      await wx('/test/faults', { path: '/wxa/getwxacodeunlimit', errcode, count: 1 });
      const res = await server.request('POST', '/api/auth/qr');
      expect(res.status, res.text).toBe(201);
      expect(res.body.qrImage).toMatch(/^data:image\/png;base64,/);
      expect(await calls('/cgi-bin/stable_token')).toBe(before + 1);
    }
  });

  it('finding 4: the access token is kept in the database with its expiry, and a stale one is replaced by one caller while ten wait', async () => {
    expect((await server.request('POST', '/api/auth/qr')).status).toBe(201);
    const rows = await server.db.execute(sql`select token, expires_at from wechat_tokens`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { token: string; expires_at: unknown }[];
    expect(list).toHaveLength(1);
    expect(new Date(list[0]!.expires_at as string).getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    // A token WeChat no longer accepts, though our copy says it is good for another hour.
    await server.db.execute(sql`update wechat_tokens set token = 'revoked-elsewhere', expires_at = now() + interval '1 hour'`);
    // Two minutes on, this instance reads the shared copy again instead of its own.
    server.setNow(new Date(Date.now() + 2 * 60_000));
    const before = await calls('/cgi-bin/stable_token');
    const replies = await Promise.all(Array.from({ length: 10 }, () => server.request('POST', '/api/auth/qr')));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await calls('/cgi-bin/stable_token')).toBe(before + 1);
    server.setNow(null);
  });
});
