/**
 * Bench scenarios of the elections domain, for tests/bench/run.ts: registering every resident of
 * a 2,565-person community, and the nominations list. Each is measured over HTTP and beside the
 * raw SQL it ran (the harness captures the statements of one run and replays them through pg).
 *
 * Run alone: `npx tsx tests/bench/elections.ts` (a minimal harness at the bottom of this file).
 *
 * Scenario shape: `{ name, write, setup(ctx), run(ctx) }`. `setup` runs once before the warm-up
 * with the harness's context (an HTTP caller, a raw pg pool, a committee token); `run` is one
 * request as a user makes it; `write` says the raw replay runs in one transaction; `raw`, when
 * given, is the hand-written SQL of the same work, used instead of replaying the capture.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createServerApp } from '../../functions/_entry/server.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { testSettings } from '../support/settings.js';

export interface BenchContext {
  /** One HTTP call to the API under test; throws on 4xx/5xx; the parsed JSON reply. */
  // biome-ignore lint/suspicious/noExplicitAny: JSON replies of many shapes
  call(method: string, path: string, token: string, body?: unknown): Promise<any>;
  /** Signs in a demo account, the token. */
  login(username: string, password: string): Promise<string>;
  /** The bench database, for setup by SQL. */
  pool: pg.Pool;
  /** Scenario state, kept between setup and run. */
  // biome-ignore lint/suspicious/noExplicitAny: each scenario keeps its own state
  state: Record<string, any>;
}

export interface BenchScenario {
  name: string;
  write: boolean;
  setup(ctx: BenchContext): Promise<void>;
  run(ctx: BenchContext): Promise<unknown>;
  /**
   * The same work written by hand in SQL, when replaying the captured statements cannot repeat
   * it (an audit entry's sequence number is taken once). Without it the harness replays.
   */
  raw?(client: pg.PoolClient, ctx: BenchContext): Promise<void>;
}

/** The community's size (FACTS.md): everyone not yet in the seed is added by SQL, a tenth of them under 18. */
const POPULATION = 2565;

async function fillCommunity(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string; community_id: string }>(
    `select g.id, g.community_id from resident_groups g join communities c on c.id = g.community_id where c.slug = 'bazhujie' order by g.sort_order`,
  );
  const communityId = rows[0]!.community_id;
  const counted = await pool.query<{ n: number }>('select count(*)::int as n from residents where community_id = $1', [communityId]);
  const missing = POPULATION - counted.rows[0]!.n;
  if (missing <= 0) return communityId;
  await pool.query(
    `insert into residents (id, community_id, group_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, status, created_at)
     select gen_random_uuid(), $1, ($2::uuid[])[1 + i % array_length($2::uuid[], 1)], '居民' || i, 'bench', md5('bench' || i), '6210**********0000',
            date '1940-01-01' + ((i * 7919) % 30000), 'verified', now()
     from generate_series(1, $3::int) i`,
    [communityId, rows.map((r) => r.id), missing],
  );
  return communityId;
}

let electionDay = 0;
const nextDay = () => new Date(Date.UTC(2030, 0, 1 + electionDay++)).toISOString().slice(0, 10);
const seats = { director: 1, deputyDirector: 1, members: 3 };

export const electionScenarios: BenchScenario[] = [
  {
    // One request registers the whole community. Each run needs an election nobody is
    // registered in yet, so the run creates one first: two requests, both measured.
    name: 'register every resident (POST /api/elections + POST …/voters {all})',
    write: true,
    async setup(ctx) {
      ctx.state.committee = await ctx.login('staff', 'Staff#2026');
      ctx.state.communityId = await fillCommunity(ctx.pool);
    },
    // What the two requests do, by hand: the election row, one INSERT … SELECT, one audit entry.
    async raw(client, ctx) {
      const c = ctx.state.communityId as string;
      const id = newId();
      const day = nextDay();
      await client.query(
        `insert into elections (id, community_id, title, election_day, seats, rules, created_at, updated_at) values ($1, $2, '压测选举', $3, $4, '{}', now(), now())`,
        [id, c, day, JSON.stringify(seats)],
      );
      const { rowCount } = await client.query(
        `insert into election_voters (id, community_id, election_id, resident_id, status, age_on_election_day, registered_at)
         select gen_random_uuid(), r.community_id, $2, r.id, 'registered', extract(year from age($3::date, r.birth_date))::int, now()
         from residents r where r.community_id = $1 and r.status = 'verified' and r.birth_date <= ($3::date - interval '18 years')::date
         on conflict (community_id, election_id, resident_id) do nothing`,
        [c, id, day],
      );
      await client.query("select pg_advisory_xact_lock(hashtext('audit:' || $1))", [c]);
      await client.query(
        `insert into audit_log (community_id, seq, at, actor_name, action, subject, election_id, payload, prev_hash, hash)
         select $1, coalesce(max(seq), 0) + 1, now(), 'bench', 'voter.registered', 'election:' || $2, $2::uuid, jsonb_build_object('count', $3::int), '', '' from audit_log where community_id = $1`,
        [c, id, rowCount],
      );
    },
    async run(ctx) {
      const election = await ctx.call('POST', '/api/elections', ctx.state.committee, { title: '压测选举', electionDay: nextDay(), seats });
      const result = await ctx.call('POST', `/api/elections/${election.id}/voters`, ctx.state.committee, { all: true });
      if (result.registered < POPULATION - 400) throw new Error(`registered only ${result.registered}`);
      return result;
    },
  },
  {
    name: 'GET /api/elections/{id}/nominations (8 groups, 2 each)',
    write: false,
    async setup(ctx) {
      await fillCommunity(ctx.pool);
      const committee = await ctx.login('staff', 'Staff#2026');
      const election = await ctx.call('POST', '/api/elections', committee, { title: '推荐压测', electionDay: nextDay(), seats });
      await ctx.call('POST', `/api/elections/${election.id}/voters`, committee, { all: true });
      const groups = (await ctx.call('GET', '/api/groups', committee)).items as { id: string }[];
      for (const group of groups) {
        const voters = (await ctx.call('GET', `/api/elections/${election.id}/voters?groupId=${group.id}&limit=2`, committee)).items as { residentId: string }[];
        for (const v of voters) {
          const n = await ctx.call('POST', `/api/elections/${election.id}/nominations`, committee, { residentId: v.residentId });
          if (v === voters[0]) await ctx.call('POST', `/api/elections/${election.id}/nominations/${n.id}/confirm`, committee);
        }
      }
      ctx.state.electionId = election.id;
      ctx.state.resident = await ctx.login('resident1', 'Resident#2026');
      ctx.state.committee = committee;
    },
    run: (ctx) => ctx.call('GET', `/api/elections/${ctx.state.electionId}/nominations`, ctx.state.committee),
  },
];

// ---- a minimal harness, for running these scenarios alone ----

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

async function measure(fn: () => Promise<void>) {
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
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const mintedAfter = (value: unknown, since: number) =>
  typeof value === 'string' && UUID.test(value) && Number.parseInt(value.replace(/-/g, '').slice(0, 12), 16) >= since;

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bz_bench_el_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const settings = testSettings();
  const setupDb = await openDatabase({ url: url.toString(), driver: 'pg', max: 2 });
  await migrateDatabase(setupDb);
  await seedDemo({ db: setupDb.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
  await setupDb.close();
  const pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY + 2 });
  pool.on('error', () => {});
  const captured: { query: string; params: unknown[] }[] = [];
  let capturing = false;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const schema = await import('../../db/schema/index.js');
  const db = drizzle(pool, { schema, logger: { logQuery: (query, params) => void (capturing && captured.push({ query, params })) } });
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
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', '', { username, password })).token as string;
  console.log('| scenario | SQL stmts | API req/s | API p50 ms | API p99 ms | raw req/s | raw p50 ms | raw p99 ms | p50 ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const scenario of electionScenarios) {
    const ctx: BenchContext = { call, login, pool, state: {} };
    await scenario.setup(ctx);
    await scenario.run(ctx);
    captured.length = 0;
    const since = Date.now();
    capturing = true;
    await scenario.run(ctx);
    capturing = false;
    const statements = [...captured];
    const api = await measure(async () => void (await scenario.run(ctx)));
    const raw = await measure(async () => {
      const client = await pool.connect();
      try {
        if (scenario.write) await client.query('BEGIN');
        if (scenario.raw) {
          await scenario.raw(client, ctx);
          if (scenario.write) await client.query('COMMIT');
          return;
        }
        const fresh = new Map<string, string>();
        for (const s of statements) {
          // Ids minted by the captured run are minted afresh, the same one for every statement of a replay.
          const params = s.params.map((p) => {
            if (!mintedAfter(p, since)) return p;
            if (!fresh.has(p as string)) fresh.set(p as string, newId());
            return fresh.get(p as string);
          });
          await client.query(s.query, params as unknown[]);
        }
        if (scenario.write) await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    console.log(
      `| ${scenario.name} | ${statements.length} | ${api.rps.toFixed(1)} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ${raw.rps.toFixed(1)} | ${raw.p50.toFixed(1)} | ${raw.p99.toFixed(1)} | ${(api.p50 / raw.p50).toFixed(1)}× |`,
    );
  }
  await new Promise((r) => server.close(r));
  await pool.end().catch(() => {});
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
