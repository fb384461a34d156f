import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createServerApp } from '../../functions/_entry/server.js';
import type { Settings } from '../../functions/_platform/env.js';
import type { BenchSetup, Caller } from './endpoints.js';

/** One statement the driver sent while capturing was on. */
export interface Captured {
  query: string;
  params: unknown[];
}

/**
 * The app in this process on a Postgres database, over real HTTP, with the demo staff, leader and
 * resident signed in: `setup.api` calls it as one of them, and `capture` returns the SQL one call
 * sent (the bench replays it, the scale check EXPLAINs it).
 */
export async function capturingApp(url: string, settings: Settings, max: number) {
  const captured: Captured[] = [];
  let capturing = false;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const schema = await import('../../db/schema/index.js');
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery(query, params) {
        if (capturing) captured.push({ query, params });
      },
    },
  });
  let base = '';
  const { app } = createServerApp({ settings, database: { db: db as never, kind: 'pg', close: async () => {} }, baseUrl: () => base });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = async (username: string, password: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const tokens: Record<Caller, string | undefined> = {
    anonymous: undefined,
    staff: await login('staff', 'Staff#2026'),
    leader: await login('leader1', 'Leader#2026'),
    resident: await login('resident1', 'Resident#2026'),
  };
  /** The headers of a call as one of them (the bench's load generator sends the same). */
  const headersFor = (as: Caller, body: boolean): Record<string, string> => ({
    ...(tokens[as] ? { Authorization: `Bearer ${tokens[as]}` } : {}),
    ...(body ? { 'Content-Type': 'application/json' } : {}),
  });
  const setup: BenchSetup = {
    async api(as, method, p, body) {
      const res = await fetch(base + p, { method, headers: headersFor(as, body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
  };
  /** The statements `call` sent, in order. */
  async function capture(call: () => Promise<unknown>) {
    captured.length = 0;
    capturing = true;
    try {
      await call();
    } finally {
      capturing = false;
    }
    return [...captured];
  }
  return {
    setup,
    headersFor,
    pool,
    capture,
    /** Stops the HTTP server; the pool stays for the caller's own queries until `end`. */
    stop: () => new Promise((r) => server.close(r)),
    end: () => pool.end().catch(() => {}),
  };
}
