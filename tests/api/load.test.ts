import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../../db/schema/index.js';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import type { AnyRoute } from '../../functions/_platform/route.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testDbKind } from '../support/settings.js';
import { DEMO, register } from './helpers.js';

const routes = await loadAllRoutes();

/**
 * Load held: CLIENTS concurrent clients for LOAD_SECONDS on the Postgres server, mixing reads of
 * every GET route in the registry (as the client's own account allows) with writes — filing
 * requests under an Idempotency-Key, some sent twice at once as a flaky network would, and
 * replies on them. Afterwards the database is counted against what the clients were told:
 * every write a client was told happened is there exactly once, nothing else is, and no answer
 * was a 5xx. `npm run test:load` holds 200 clients for 60 s; the CI run is 15 s.
 */
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
const ACCOUNTS = 40;
const run = randomBytes(4).toString('hex');

interface Client {
  token: string;
  roles: RoleName[];
  requestIds: string[];
}

let server: TestServer;
const clients: Client[] = [];

const statuses = new Map<string, number>();
const fiveHundreds: string[] = [];
/** Idempotency key → the request ids the clients were told (one, however often it was sent). */
const toldCreates = new Map<string, Set<string>>();
/** Reply texts the clients were told were posted. */
const toldReplies: string[] = [];
let transportErrors = 0;

async function call(client: Client, method: string, path: string, opts: { body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${client.token}` };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.key) headers['Idempotency-Key'] = opts.key;
  let res: Response;
  try {
    res = await fetch(server.url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (error) {
    transportErrors++;
    throw error;
  }
  const text = await res.text();
  const label = `${method} ${path.replace(/[0-9a-f-]{36}|[0-9a-f]{32}/g, ':id').split('?')[0]} ${res.status}`;
  statuses.set(label, (statuses.get(label) ?? 0) + 1);
  if (res.status >= 500) fiveHundreds.push(`${label}: ${text.slice(0, 200)}`);
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** GET routes of the registry this client may call (reads of endpoints added later come along). */
function readsFor(client: Client): AnyRoute[] {
  return routes.filter(
    (r) =>
      r.method === 'get' &&
      r.access !== 'cron' &&
      !r.produces &&
      (r.access === 'anyone' || r.access === 'account' || (r.access as readonly RoleName[]).some((role) => client.roles.includes(role))),
  );
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function read(client: Client, reads: AnyRoute[]) {
  const route = pick(reads);
  const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'id' && client.requestIds.length ? pick(client.requestIds) : name === 'ticket' ? randomBytes(16).toString('hex') : randomUUID(),
  );
  await call(client, 'GET', path);
}

async function create(client: Client) {
  const key = randomUUID();
  const body = { categoryCode: 'other', description: `压力测试 ${run} ${key}` };
  // One time in five the same key goes twice at once: a retry racing the first attempt.
  const sends = Math.random() < 0.2 ? 2 : 1;
  const answers = await Promise.all(Array.from({ length: sends }, () => call(client, 'POST', '/api/service-requests', { body, key })));
  for (const res of answers) {
    if (res.status === 200 || res.status === 201) {
      const ids = toldCreates.get(key) ?? new Set<string>();
      ids.add(res.body.id);
      toldCreates.set(key, ids);
      client.requestIds.push(res.body.id);
    }
  }
}

async function reply(client: Client) {
  if (!client.requestIds.length) return create(client);
  const text = `压力回复 ${run} ${randomUUID()}`;
  const res = await call(client, 'POST', `/api/service-requests/${pick(client.requestIds)}/replies`, { body: { body: text }, key: randomUUID() });
  if (res.status === 201 || res.status === 200) toldReplies.push(text);
}

const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

describe.skipIf(testDbKind() !== 'pg')(`load held: ${CLIENTS} clients for ${SECONDS} s on the Postgres server`, () => {
  beforeAll(async () => {
    server = await startTestServer();
    const staff = await server.login(DEMO.staff.username, DEMO.staff.password);
    clients.push({ token: staff, roles: ['staff', 'committee'], requestIds: [] });
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = await register(server, `居民${i}`);
      clients.push({ token: account.token, roles: ['resident'], requestIds: [] });
    }
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'answers no 5xx, and every write the clients were told of is stored exactly once',
    async () => {
      const end = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          const client = clients[i % clients.length]!;
          const reads = readsFor(client);
          while (Date.now() < end) {
            const dice = Math.random();
            if (dice < 0.6) await read(client, reads);
            else if (dice < 0.85) await create(client);
            else await reply(client);
          }
        }),
      );

      const summary = [...statuses.entries()].sort().map(([k, v]) => `${k} ×${v}`);
      console.log(`load ${run}: ${summary.join(', ')}`);
      expect(fiveHundreds.slice(0, 10)).toEqual([]);
      expect(transportErrors).toBe(0);

      // One id per key, however often it was sent.
      const split = [...toldCreates.entries()].filter(([, ids]) => ids.size !== 1);
      expect(split).toEqual([]);
      const told = new Set([...toldCreates.values()].map((ids) => [...ids][0]!));
      expect(told.size).toBeGreaterThan(CLIENTS / 10);

      const stored = rowsOf<{ id: string; description: string }>(
        await server.db.execute(sql`select id::text as id, description from service_requests where description like ${`压力测试 ${run} %`}`),
      );
      const storedIds = new Set(stored.map((r) => r.id));
      // Nothing lost: every id a client was told is stored.
      expect([...told].filter((id) => !storedIds.has(id))).toEqual([]);
      // Nothing duplicated or unreported: one row per key, and only rows somebody was told of.
      expect(stored.length).toBe(told.size);
      expect(stored.filter((r) => !told.has(r.id))).toEqual([]);

      const replies = rowsOf<{ body: string; n: number }>(
        await server.db.execute(
          sql`select body, count(*)::int as n from service_request_events where type = 'reply' and body like ${`压力回复 ${run} %`} group by body`,
        ),
      );
      expect(replies.filter((r) => r.n !== 1)).toEqual([]);
      expect(replies.map((r) => r.body).sort()).toEqual([...toldReplies].sort());
    },
    SECONDS * 1000 + 180_000,
  );
});
