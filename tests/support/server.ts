import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Database } from '../../db/client.js';
import { createServerApp } from '../../functions/_entry/server.js';
import { answerClientErrors } from '../../functions/_platform/client-errors.js';
import { createLogger } from '../../functions/_platform/log.js';
import { openTestDatabase } from './database.js';
import { testSettings } from './settings.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed or oversized bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

/**
 * The real server on a free port, over a clean copy of the seeded database: API at /api, the
 * WeChat stand-in at /__wechat, the H5 build at /. Tests talk to it over real HTTP only.
 */
export async function startTestServer(
  options: { settings?: Record<string, string>; databaseUrl?: string; captureLog?: boolean | 'info'; database?: Database } = {},
) {
  let queries = 0;
  const database =
    options.database ??
    (await openTestDatabase(() => {
      queries += 1;
    }, options.databaseUrl));
  let pinned: Date | null = null;
  const now = () => pinned ?? new Date();
  let url = '';
  const settings = testSettings(options.settings);
  /** Log records written so far, when `captureLog` (warnings and errors; every request too with 'info'). */
  const logLines: string[] = [];
  const { app, services, standIn } = createServerApp({
    ...(options.captureLog ? { log: createLogger(options.captureLog === 'info' ? 'info' : 'warn', (line) => logLines.push(line)) } : {}),
    settings,
    database,
    baseUrl: () => url,
    h5Dir: path.resolve(import.meta.dirname, '../../dist/h5'),
    now,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  // Longer than the client's idle keep-alive: a test that keeps the event loop busy (PGlite runs
  // on it) must not find its next request on a socket the server has just closed (ECONNRESET).
  (server as import('node:http').Server).keepAliveTimeout = 60_000;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The test server's public address is where it listens (QR codes on cards and certificates
  // point at PUBLIC_URL), unless a test configures another.
  if (!settings.PUBLIC_URL) Object.assign(settings, { PUBLIC_URL: url });

  async function request<T = any>(method: string, pathname: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url + pathname, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    recorded.push(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }
  /** Every response body this server gave, for the suite-wide personal-data scan. */
  const recorded: string[] = [];

  async function login(username: string, password: string): Promise<string> {
    const res = await request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
    return res.body.token as string;
  }

  return {
    url,
    db: database.db,
    dbKind: database.kind,
    /** The database's URL on a server driver (pg, neon); undefined on PGlite. */
    dbUrl: (database as { url?: string }).url,
    services,
    standIn,
    request,
    login,
    recorded,
    /** The log records (with `captureLog`). */
    logs: () => [...logLines],
    /** SQL statements run so far (compare before and after a request to count its round trips). */
    queryCount: () => queries,
    /** The pinned clock, or null when the server runs on real time. */
    pinnedNow: () => pinned,
    /** Pins the server's clock (deadlines, SLA, lockout windows); null returns to real time. */
    setNow(date: Date | null) {
      pinned = date;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
