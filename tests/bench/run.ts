/**
 * `npm run bench`: each endpoint's throughput and latency over real HTTP at a fixed concurrency,
 * beside the raw cost of the very SQL it ran (captured from the driver, replayed through pg at
 * the same concurrency), and the ratio of the two — in one run, on one machine, so the noise of a
 * shared machine cancels out. Runs against the Postgres server (BENCH_DATABASE_URL or
 * 127.0.0.1:5432), in a throw-away database.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { seedDemo } from '../../db/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { createServerApp } from '../../functions/_platform/server.js';
import { testSettings } from '../support/settings.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Stats {
  rps: number;
  p50: number;
  p99: number;
  n: number;
}

async function measure(fn: () => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  const end = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), n: latencies.length };
}

/** UUIDv7 ids minted after `since` (by the request being captured) must be fresh on every replay. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const mintedAfter = (value: unknown, since: number) =>
  typeof value === 'string' && UUID.test(value) && Number.parseInt(value.replace(/-/g, '').slice(0, 12), 16) >= since;

async function main() {
  const dbName = `bz_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const captured: { query: string; params: unknown[] }[] = [];
  let capturing = false;
  const db2 = await openDatabase({ url: url.toString(), driver: 'pg', max: CONCURRENCY });
  await migrateDatabase(db2);
  const settings = testSettings();
  await seedDemo({ db: db2.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
  await db2.close();
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const schema = await import('../../db/schema/index.js');
  const pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
  // DROP DATABASE … WITH (FORCE) at the end ends idle connections: expected, not a failure.
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

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'staff', password: 'Staff#2026' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  // A realistic queue to list from.
  for (let i = 0; i < 200; i++) await call('POST', '/api/service-requests', token, { categoryCode: 'other', description: `预置申请 ${i}` });
  const sample = (await call('GET', '/api/service-requests?limit=1', token)).items[0].id as string;

  const endpoints: { name: string; write: boolean; run: () => Promise<unknown> }[] = [
    {
      name: 'POST /api/service-requests',
      write: true,
      run: () => call('POST', '/api/service-requests', token, { categoryCode: 'sanitation', description: '路灯坏了，晚上很黑' }),
    },
    { name: 'GET /api/service-requests', write: false, run: () => call('GET', '/api/service-requests?limit=20', token) },
    { name: 'GET /api/service-requests/{id}', write: false, run: () => call('GET', `/api/service-requests/${sample}`, token) },
    { name: 'GET /api/service-requests?sort=urgency', write: false, run: () => call('GET', '/api/service-requests?sort=urgency&limit=20', token) },
  ];

  const rows: string[] = [];
  for (const endpoint of endpoints) {
    await endpoint.run(); // warm
    captured.length = 0;
    const since = Date.now();
    capturing = true;
    await endpoint.run();
    capturing = false;
    const statements = [...captured];
    const api = await measure(async () => {
      await endpoint.run();
    });
    const raw = await measure(async () => {
      const client = await pool.connect();
      try {
        if (endpoint.write) await client.query('BEGIN');
        for (const s of statements) {
          const params = s.params.map((p) => (mintedAfter(p, since) ? newId() : p));
          await client.query(s.query, params as unknown[]);
        }
        if (endpoint.write) await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    rows.push(
      `| ${endpoint.name} | ${statements.length} | ${api.rps.toFixed(0)} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ${raw.rps.toFixed(0)} | ${raw.p50.toFixed(1)} | ${raw.p99.toFixed(1)} | ${(api.p50 / raw.p50).toFixed(1)}× | ${(raw.rps / api.rps).toFixed(1)}× |`,
    );
  }

  console.log(
    `\nbench: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Postgres over loopback, concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per measure\n`,
  );
  console.log('| endpoint | SQL stmts | API req/s | API p50 ms | API p99 ms | raw req/s | raw p50 ms | raw p99 ms | p50 ratio | throughput ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);

  await new Promise((r) => server.close(r));
  await pool.end().catch(() => {});
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
