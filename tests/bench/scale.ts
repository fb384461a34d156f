/**
 * `npm run seed:scale`: a thousand communities on the Postgres server, set-based (INSERT …
 * SELECT generate_series, no row-by-row round trips), then an EXPLAIN check of every list and
 * detail query the bench measures: no sequential scan on a big table.
 *
 * SCALE_DATABASE_URL names the database (default: a new `bz_scale_<hex>` on 127.0.0.1, kept
 * afterwards so it can be inspected; drop it when done). SCALE_COMMUNITIES (1,000),
 * SCALE_RESIDENTS per community (2,500), SCALE_REQUESTS per community (100).
 * On demand only, never in CI.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { testSettings } from '../support/settings.js';
import { capturingApp } from './capturing-app.js';
import { endpoints } from './endpoints.js';

const COMMUNITIES = Number(process.env.SCALE_COMMUNITIES ?? 1000);
const RESIDENTS = Number(process.env.SCALE_RESIDENTS ?? 2500);
const REQUESTS = Number(process.env.SCALE_REQUESTS ?? 100);
const ACCOUNTS = Math.max(1, Math.round(RESIDENTS / 10));
const BIG = 10_000;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await fn();
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return result;
}

async function main() {
  const began = performance.now();
  const settings = testSettings({ LOG_LEVEL: 'silent' });
  let url = process.env.SCALE_DATABASE_URL;
  if (!url) {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = `bz_scale_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  console.log(`seed:scale into ${url}: ${COMMUNITIES} communities × ${RESIDENTS} residents, ${ACCOUNTS} accounts, ${REQUESTS} requests each`);
  const database = await openDatabase({ url, driver: 'pg', max: 2 });
  await migrateDatabase(database);
  await seedDemo({ db: database.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const q = (text: string, params: unknown[] = []) => client.query(text, params);

  await timed('communities', () =>
    q(
      `insert into communities (id, slug, name, region, households, population, created_at)
       select gen_random_uuid(), 'scale-' || g, '规模社区' || g, '甘肃省', 800, $2, now() from generate_series(1, $1) g`,
      [COMMUNITIES, RESIDENTS],
    ),
  );
  await timed('resident groups (10 each)', () =>
    q(`insert into resident_groups (id, community_id, name, sort_order)
       select gen_random_uuid(), c.id, '第' || g || '居民小组', g from communities c cross join generate_series(1, 10) g where c.slug like 'scale-%'`),
  );
  await timed('service categories (copied from the demo community)', () =>
    q(`insert into service_categories (community_id, code, name, sla_accept_hours, sla_resolve_hours, sensitive, sort_order)
       select c.id, s.code, s.name, s.sla_accept_hours, s.sla_resolve_hours, s.sensitive, s.sort_order
       from communities c cross join service_categories s
       where c.slug like 'scale-%' and s.community_id = (select id from communities where slug = 'bazhujie')`),
  );
  await timed(`accounts (${ACCOUNTS} each)`, () =>
    q(
      `insert into accounts (id, name, community_id, created_at)
       select gen_random_uuid(), '居民' || g, c.id, now() from communities c cross join generate_series(1, $1) g where c.slug like 'scale-%'`,
      [ACCOUNTS],
    ),
  );
  await timed('a resident role for every account', () =>
    q(`insert into account_roles (id, account_id, community_id, role)
       select gen_random_uuid(), a.id, a.community_id, 'resident' from accounts a join communities c on c.id = a.community_id where c.slug like 'scale-%'`),
  );
  await timed(`residents (${RESIDENTS} each)`, () =>
    q(
      `with groups as (select id, community_id, sort_order from resident_groups where community_id in (select id from communities where slug like 'scale-%'))
       insert into residents (id, community_id, group_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, status, created_at)
       select gen_random_uuid(), c.id, gr.id, '居民' || g, 'scale', md5(c.id::text || ':' || g), '621021********' || lpad((g % 10000)::text, 4, '0'),
              date '1940-01-01' + (g * 7 % 25000), case when g % 10 = 0 then 'pending' else 'verified' end, now()
       from communities c cross join generate_series(1, $1) g
       join groups gr on gr.community_id = c.id and gr.sort_order = g % 10 + 1
       where c.slug like 'scale-%'`,
      [RESIDENTS],
    ),
  );
  await timed(`service requests (${REQUESTS} each) and their first events`, async () => {
    await q(
      `with owners as (select id, community_id, row_number() over (partition by community_id order by id) as n from accounts
                       where community_id in (select id from communities where slug like 'scale-%'))
       insert into service_requests (id, community_id, owner_account_id, filed_by_account_id, category_code, title, description, status,
                                     accept_due_at, resolve_due_at, due_at, created_at, updated_at)
       select gen_random_uuid(), o.community_id, o.id, o.id, 'other', '规模申请 ' || g, '规模测试的申请内容 ' || g,
              (array['submitted','accepted','in_progress','resolved','rejected'])[g % 5 + 1],
              now() + interval '1 day', now() + interval '7 days',
              case when g % 5 < 3 then now() + (g % 30) * interval '1 hour' end,
              now() - g * interval '1 minute', now() - g * interval '1 minute'
       from owners o cross join generate_series(1, $1) g
       where o.n = g % $2 + 1`,
      [REQUESTS, ACCOUNTS],
    );
    await q(`insert into service_request_events (id, community_id, request_id, type, actor_account_id, actor_name, status, at)
             select gen_random_uuid(), r.community_id, r.id, 'submitted', r.owner_account_id, '居民', 'submitted', r.created_at
             from service_requests r where r.title like '规模申请 %'`);
  });
  for (const table of ['notices', 'voters', 'election_voters']) {
    const { rows } = await q('select to_regclass($1) as t', [table]);
    if (rows[0]?.t) console.log(`  ${table}: the table exists on this branch but seed:scale does not fill it yet`);
  }
  await timed('analyze', () => q('analyze'));
  const { rows: sizes } = await q(
    `select relname as t, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples > 0 order by reltuples desc limit 8`,
  );
  console.log(`  rows: ${sizes.map((r) => `${r.t} ${r.n}`).join(', ')}`);
  console.log(`seeded in ${((performance.now() - began) / 1000).toFixed(0)} s`);

  // The EXPLAIN check: the SQL of every GET endpoint of the bench, captured from the driver.
  const app = await capturingApp(url, settings, 4);
  const { setup, pool } = app;
  const failures: string[] = [];
  console.log('\n| endpoint | statement | plan | big-table seq scans | executed ms |\n|---|---|---|---|---|');
  for (const e of endpoints.filter((x) => x.method === 'GET')) {
    const p = typeof e.path === 'string' ? e.path : await e.path(setup);
    const captured = await app.capture(() => setup.api(e.as, 'GET', p));
    for (const [i, s] of captured.entries()) {
      if (!/^\s*(select|with)/i.test(s.query)) continue;
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.query}`, s.params as unknown[]);
      const plan = rows[0]['QUERY PLAN'][0];
      const nodes: { type: string; relation?: string; index?: string }[] = [];
      const walk = (n: Record<string, unknown>) => {
        nodes.push({ type: n['Node Type'] as string, relation: n['Relation Name'] as string | undefined, index: n['Index Name'] as string | undefined });
        for (const child of (n.Plans as Record<string, unknown>[]) ?? []) walk(child);
      };
      walk(plan.Plan);
      const big = new Set(sizes.filter((r) => Number(r.n) > BIG).map((r) => r.t as string));
      const seq = nodes.filter((n) => n.type === 'Seq Scan' && n.relation && big.has(n.relation)).map((n) => n.relation!);
      if (seq.length) failures.push(`${e.name} statement ${i + 1}: sequential scan on ${seq.join(', ')}`);
      const summary = nodes
        .filter((n) => n.relation || n.index)
        .map((n) => `${n.type}${n.index ? ` ${n.index}` : n.relation ? ` ${n.relation}` : ''}`)
        .join('; ');
      console.log(`| ${e.name} | ${i + 1} | ${summary} | ${seq.join(', ') || 'none'} | ${plan['Execution Time'].toFixed(2)} |`);
    }
  }
  await app.stop();
  await app.end();
  await client.end();
  if (failures.length) {
    console.error(`\nEXPLAIN check failed:\n${failures.join('\n')}`);
    process.exit(1);
  }
  console.log(`\nEXPLAIN check: no sequential scan on a table over ${BIG} rows. Database kept: ${url}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
