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
  /**
   * The prepared statement's name when the API sent it as one (drizzle's `.prepare(name)` on
   * node-postgres): replays send it under the same name, so Postgres plans it as it plans the API's.
   */
  name?: string;
}

/** What node-postgres's `client.query` is called with: text and values, or a config object. */
type QueryArgs = [string | { text: string; values?: unknown[]; name?: string }, unknown?, ...unknown[]];

/**
 * The app in this process on a Postgres database, over real HTTP, with the demo staff, leader,
 * resident and party organiser signed in: `setup.api` calls it as one of them, and `capture`
 * returns the SQL one call sent (the bench replays it, the scale check EXPLAINs it). Statements
 * are taken from each pooled connection's `query`, below drizzle: what reaches the wire, with the
 * name of a prepared statement.
 */
export async function capturingApp(url: string, settings: Settings, max: number) {
  const captured: Captured[] = [];
  let capturing = false;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const schema = await import('../../db/schema/index.js');
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: QueryArgs) => {
      if (capturing) {
        const [first, second] = args;
        const config = typeof first === 'string' ? { text: first } : first;
        const values = Array.isArray(second) ? second : (config.values ?? []);
        captured.push({ query: config.text, params: values, ...(config.name ? { name: config.name } : {}) });
      }
      return query(...args);
    }) as typeof client.query;
  });
  const db = drizzle(pool, { schema });
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
    const text = await res.text();
    if (res.status !== 200) throw new Error(`bench: signing in as ${username} → ${res.status} ${text}`);
    return (JSON.parse(text) as { token: string }).token;
  };
  const tokens: Record<Caller, string | undefined> = {
    anonymous: undefined,
    staff: await login('staff', 'Staff#2026'),
    leader: await login('leader1', 'Leader#2026'),
    resident: await login('resident1', 'Resident#2026'),
    organizer: await login('organizer', 'Party#2026'),
  };
  /** The headers of a call as one of them (the bench's load generator sends the same). */
  const headersFor = (as: Caller, body: boolean): Record<string, string> => ({
    ...(tokens[as] ? { Authorization: `Bearer ${tokens[as]}` } : {}),
    ...(body ? { 'Content-Type': 'application/json' } : {}),
  });
  const setup: BenchSetup = {
    async api(as, method, p, body) {
      // Redirects are answers too (a photo's signed link): not followed, or the capture would hold two requests.
      const res = await fetch(base + p, {
        method,
        headers: headersFor(as, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async upload(as, bytes) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${base}/api/attachments`, { method: 'POST', body: form, headers: headersFor(as, false) });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`POST /api/attachments → ${res.status} ${text}`);
      return (JSON.parse(text) as { id: string }).id;
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
