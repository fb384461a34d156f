/**
 * `npm run bench`: the honest bench. On the Postgres server (BENCH_DATABASE_URL or
 * 127.0.0.1:5432), in a throw-away database:
 * - the real server, started as `npm start` starts it (pg driver), in its own process;
 * - per endpoint of tests/bench/endpoints.ts, the SQL it runs is captured from the driver during
 *   one request (with the name of each statement the API prepared); then, side by side, each
 *   measured by autocannon in its own process (tests/bench/load.ts), the API and the floor in
 *   alternating slices (BENCH_ROUNDS, 5), with each server process's CPU per request beside:
 *     API    the endpoint itself,
 *     floor  the same SQL, sent as the API sent it, behind a bare node:http handler with the same
 *            pool and a JSON reply (tests/bench/floor.ts, its own process): what HTTP and the
 *            database cost alone,
 *     raw    the same SQL through a pg pool, no HTTP (in this process);
 *   an entry whose route is missing, whose set-up or capture fails, or whose API or floor answers
 *   anything but what it should under load stops the bench;
 * - the deployed function: esbuild bundle of api/index.ts, its size and cold import time;
 * - the mini-program: weapp main and subpackage sizes;
 * - the H5 files as the `npm start` server sends them: raw, gzip and brotli bytes.
 * Results go to .bench/ (git-ignored) as JSON; the tables are printed, then the endpoints outside
 * 1.3× of their floor. BENCH_ENDPOINTS_ONLY=1 measures the endpoints alone (no builds, bundle,
 * static files or the other harnesses).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { ensureBuild, sizeOf } from '../build/build-output.js';
import { testSettings } from '../support/settings.js';
import { capturingApp } from './capturing-app.js';
import { measureColdStart, median } from './cold-start.js';
import { type Caller, endpoints } from './endpoints.js';
import type { Stats } from './load.js';
import { asSent, replayParams, type Statement } from './replay.js';

const routes = await loadAllRoutes();

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ENDPOINTS_ONLY = process.env.BENCH_ENDPOINTS_ONLY === '1';
/**
 * Each measure is cut into this many slices, the API's and the floor's taken in turn (API, floor,
 * floor, API, …): on a machine others share, a burst of their work then falls on both sides
 * alike instead of on whichever happened to run during it.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** The goal (issue 26): every endpoint within this factor of its floor, in p50 and in throughput. */
const GOAL = 1.3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const POOL = 10; // the server's default pool size (db/client.ts)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, '.bench');

/** autocannon in its own process against a URL (tests/bench/load.ts: latencies to the microsecond). */
function autocannon(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; seconds?: number }): Promise<Stats> {
  const args = [
    '--import',
    'tsx',
    path.join(root, 'tests/bench/load.ts'),
    JSON.stringify({ url, connections: CONCURRENCY, seconds: opts.seconds ?? SECONDS, ...opts }),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited ${code}: ${err}`));
      resolve(JSON.parse(out) as Stats);
    });
  });
}

/** CPU time (user + system) a process has used, in ms, from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 1/100 s on Linux.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

type Measured = Stats & { cpuMsPerRequest: number | null };

/** The slices of one side put together: throughput over all of them, the median slice's p50 and p99. */
function combine(slices: Stats[], cpu: number | null): Measured {
  const requests = slices.reduce((n, s) => n + s.requests, 0);
  const seconds = slices.reduce((n, s) => n + (s.rps > 0 ? s.requests / s.rps : 0), 0);
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const statuses: Record<string, number> = {};
  for (const s of slices) for (const [code, n] of Object.entries(s.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: seconds > 0 ? requests / seconds : 0,
    p50: mid(slices.map((s) => s.p50)),
    p99: mid(slices.map((s) => s.p99)),
    requests,
    errors: slices.reduce((n, s) => n + s.errors, 0),
    statuses,
    cpuMsPerRequest: cpu !== null && requests > 0 ? cpu / requests : null,
  };
}

/** The API and the floor under the same load, their slices taken in turn; each process's CPU per request beside. */
async function measurePair(
  sides: { api: { url: string; pid?: number }; floor: { url: string; pid?: number } },
  opts: { method?: string; headers?: Record<string, string>; body?: string },
) {
  const slices = { api: [] as Stats[], floor: [] as Stats[] };
  const cpu = { api: 0 as number | null, floor: 0 as number | null };
  const seconds = SECONDS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? (['api', 'floor'] as const) : (['floor', 'api'] as const)) {
      const before = cpuMs(sides[side].pid);
      slices[side].push(await autocannon(sides[side].url, { ...opts, seconds }));
      const after = cpuMs(sides[side].pid);
      cpu[side] = before === null || after === null || cpu[side] === null ? null : cpu[side] + (after - before);
    }
  }
  return { api: combine(slices.api, cpu.api), floor: combine(slices.floor, cpu.floor) };
}

/** Answers that are not what the entry expects (its status, or any 2xx), and connection errors, as a sentence; '' when none. */
function wrongAnswers(stats: Stats, expected?: number): string {
  const wrong = Object.entries(stats.statuses).filter(([code]) => (expected ? Number(code) !== expected : !code.startsWith('2')));
  const parts = wrong.map(([code, n]) => `${n} × ${code}`);
  if (stats.errors) parts.push(`${stats.errors} errors or timeouts`);
  if (stats.requests === 0) parts.push('no answer at all');
  return parts.join(', ');
}

async function rawMeasure(pool: pg.Pool, statements: Plan['statements']): Promise<Stats> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const client = await pool.connect();
        try {
          const params = replayParams(statements);
          for (const [i, s] of statements.entries()) await client.query(asSent(s, params[i]!));
        } finally {
          client.release();
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99), requests: latencies.length, errors: 0, statuses: {} };
}

interface Plan {
  statements: Statement[];
}

/** UUIDv7 ids minted after `since` (by the request being captured) must be fresh on every replay. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const mintedAfter = (value: unknown, since: number) =>
  typeof value === 'string' && UUID.test(value) && Number.parseInt(value.replace(/-/g, '').slice(0, 12), 16) >= since;

const routeOf = (method: string, url: string) => {
  const pathname = url.split('?')[0]!;
  return routes.find((r) => r.method.toUpperCase() === method && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(pathname));
};

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitFor(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.text();
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

/** Bytes on the wire for a static file, asking for one encoding. */
function wireBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string | undefined; status: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'], status: res.statusCode ?? 0 }));
      })
      .on('error', reject);
  });
}

function weappSizes() {
  const out = path.join(root, 'dist/weapp');
  const app = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const main = sizeOf(out, (rel) => !subs.some((s) => rel === s || rel.startsWith(`${s}/`)) && !rel.endsWith('.map'));
  return { mainBytes: main, subpackages: Object.fromEntries(subs.map((s) => [s, sizeOf(path.join(out, s), (rel) => !rel.endsWith('.map'))])) };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  const began = Date.now();
  mkdirSync(outDir, { recursive: true });
  if (!ENDPOINTS_ONLY) console.log('bench: builds (reused when newer than the sources)…');
  const builds = ENDPOINTS_ONLY ? null : { h5: ensureBuild('h5'), weapp: ensureBuild('weapp') };

  // BENCH_REUSE_DATABASE: measure on a database that exists (the one `npm run seed:scale` made,
  // with its demo community), kept afterwards. Otherwise a throw-away one, dropped at the end.
  const reuse = process.env.BENCH_REUSE_DATABASE;
  const dbName = reuse ? new URL(reuse).pathname.slice(1) : `bz_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = reuse ?? url.toString();
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    if (!reuse) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  };

  try {
    // No delivery worker in the capturing app: started by a set-up's notices, it would still be
    // sending while a later endpoint is captured, and its statements would join that endpoint's floor.
    const settings = testSettings({ LOG_LEVEL: 'silent', OUTBOX_KICK: '0' });
    if (!reuse) {
      const seeded = await openDatabase({ url: dbUrl, driver: 'pg', max: 2 });
      await migrateDatabase(seeded);
      await seedDemo({ db: seeded.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
      await seeded.close();
    }

    // In-process app on the same database: makes the records endpoints need and captures SQL.
    const app = await capturingApp(dbUrl, settings, POOL);
    const { setup, pool, headersFor } = app;

    const selected = endpoints.filter((e) => !process.env.BENCH_ONLY || e.name.includes(process.env.BENCH_ONLY));
    if (selected.length === 0) throw new Error(`bench: no entry of tests/bench/endpoints.ts matches BENCH_ONLY=${process.env.BENCH_ONLY}`);
    const plans: (Plan & { name: string; method: string; path: string; as: Caller; body?: unknown; status?: number })[] = [];
    for (const e of selected) {
      // A floor that cannot be built stops the bench, naming the entry: a row left out would read as a goal met.
      const failed = (what: string, error?: unknown): never => {
        throw new Error(`bench: ${e.name}: ${what}${error ? `: ${error instanceof Error ? error.message : String(error)}` : ''}`, { cause: error });
      };
      const p = typeof e.path === 'string' ? e.path : await e.path(setup).catch((error) => failed('its set-up failed', error));
      if (!routeOf(e.method, p)) failed(`${e.method} ${p.split('?')[0]} is not a registered route (functions/_entry/routes.ts)`);
      await setup.api(e.as, e.method, p, e.body).catch((error) => failed('the warm-up call failed', error));
      const since = Date.now();
      const captured = await app.capture(() => setup.api(e.as, e.method, p, e.body)).catch((error) => failed('the captured call failed', error));
      if (captured.length === 0) failed('no SQL was captured from its call');
      plans.push({
        name: e.name,
        method: e.method,
        path: p,
        as: e.as,
        body: e.body,
        status: e.status,
        statements: captured.map((s) => ({
          query: s.query,
          params: s.params,
          ...(s.name ? { name: s.name } : {}),
          fresh: s.params.flatMap((v, i) => (mintedAfter(v, since) ? [i] : [])),
        })),
      });
    }
    await app.stop();
    const planFile = path.join(outDir, 'plans.json');
    writeFileSync(planFile, JSON.stringify(plans));

    // The server as `npm start` runs it (tsx's loader in the server's own process, so its CPU can
    // be read: the tsx command would be a parent process relaying to it), and the floor, each in
    // its own process.
    const tsx = (file: string) => [process.execPath, ['--import', 'tsx', file]] as const;
    const serverPort = await freePort();
    const serverEnv = {
      ...process.env,
      DATABASE_URL: dbUrl,
      DB_DRIVER: 'pg',
      PORT: String(serverPort),
      AUTH_SECRET: settings.AUTH_SECRET!,
      DATA_KEY: settings.DATA_KEY!,
      SKIP_H5_BUILD: '1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    };
    const server = spawn(...tsx('functions/_entry/start.ts'), { cwd: root, env: serverEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(server);
    const floorPort = await freePort();
    const floor = spawn(...tsx('tests/bench/floor.ts'), {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(floorPort), BENCH_PLAN: planFile, BENCH_POOL: String(POOL) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(floor);
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    await waitFor(`${serverUrl}/api/health`, server, 'the server');
    await waitFor(`${floorUrl}/0`, floor, 'the floor');

    const results: {
      name: string;
      statements: number;
      prepared: number;
      api: Measured;
      floor: Measured;
      raw: Stats;
    }[] = [];
    for (const [i, plan] of plans.entries()) {
      const body = plan.body === undefined ? undefined : JSON.stringify(plan.body);
      const opts = { method: plan.method, headers: headersFor(plan.as, body !== undefined), body };
      await autocannon(serverUrl + plan.path, { ...opts, seconds: 1 }); // JIT warm-up
      await autocannon(`${floorUrl}/${i}`, { ...opts, seconds: 1 });
      const { api, floor: floorStats } = await measurePair(
        { api: { url: serverUrl + plan.path, pid: server.pid }, floor: { url: `${floorUrl}/${i}`, pid: floor.pid } },
        opts,
      );
      const raw = await rawMeasure(pool, plan.statements);
      const prepared = plan.statements.filter((s) => s.name).length;
      results.push({ name: plan.name, statements: plan.statements.length, prepared, api, floor: floorStats, raw });
      console.log(
        `  ${plan.name}: API ${fmt(api.rps)} req/s p50 ${fmt(api.p50, 2)} ms, floor ${fmt(floorStats.rps)} req/s p50 ${fmt(floorStats.p50, 2)} ms, raw ${fmt(raw.rps)}${api.cpuMsPerRequest !== null && floorStats.cpuMsPerRequest !== null ? `; CPU ${fmt(api.cpuMsPerRequest, 2)} vs ${fmt(floorStats.cpuMsPerRequest, 2)} ms a request` : ''}`,
      );
      // Failed answers are faster than real ones: figures made of them would flatter the API or the floor.
      const apiWrong = wrongAnswers(api, plan.status);
      if (apiWrong) throw new Error(`bench: ${plan.name}: the API answered ${apiWrong} under load`);
      const floorWrong = wrongAnswers(floorStats);
      if (floorWrong) throw new Error(`bench: ${plan.name}: the floor answered ${floorWrong} under load`);
    }

    const p50Ratio = (r: (typeof results)[number]) => r.api.p50 / Math.max(r.floor.p50, 0.05);
    const rpsRatio = (r: (typeof results)[number]) => r.floor.rps / r.api.rps;
    const cpuRatio = (r: (typeof results)[number]) =>
      r.api.cpuMsPerRequest !== null && r.floor.cpuMsPerRequest ? `${fmt(r.api.cpuMsPerRequest / r.floor.cpuMsPerRequest, 2)}×` : '–';
    const outside = results.filter((r) => p50Ratio(r) > GOAL || rpsRatio(r) > GOAL);
    const table = () => {
      console.log(
        '| endpoint | stmts (prepared) | API req/s | API p50 ms | API p99 ms | floor req/s | floor p50 | floor p99 | raw req/s | raw p50 | raw p99 | p50 ÷ floor | floor req/s ÷ API | CPU ÷ floor | p50 ÷ raw | raw req/s ÷ API |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
      for (const r of results) {
        console.log(
          `| ${r.name} | ${r.statements} (${r.prepared}) | ${fmt(r.api.rps)} | ${fmt(r.api.p50, 2)} | ${fmt(r.api.p99, 1)} | ${fmt(r.floor.rps)} | ${fmt(r.floor.p50, 2)} | ${fmt(r.floor.p99, 1)} | ${fmt(r.raw.rps)} | ${fmt(r.raw.p50, 2)} | ${fmt(r.raw.p99, 1)} | ${fmt(p50Ratio(r), 2)}× | ${fmt(rpsRatio(r), 2)}× | ${cpuRatio(r)} | ${fmt(r.api.p50 / Math.max(r.raw.p50, 0.05), 1)}× | ${fmt(r.raw.rps / r.api.rps, 1)}× |`,
        );
      }
      console.log(
        outside.length
          ? `\noutside ${GOAL}× of the floor (p50 or throughput): ${outside.map((r) => `${r.name} (p50 ${fmt(p50Ratio(r), 2)}×, throughput ${fmt(rpsRatio(r), 2)}×)`).join('; ')}`
          : `\nevery endpoint within ${GOAL}× of its floor in p50 and throughput`,
      );
    };
    const machine = () =>
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`;
    const save = (extra: Record<string, unknown>) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const json = {
        at: new Date().toISOString(),
        machine: machine(),
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        endpoints: results,
        outside: outside.map((r) => r.name),
        ...extra,
      };
      writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify(json, null, 2));
      writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(json, null, 2));
      console.log(`results: .bench/bench-${stamp}.json`);
    };
    if (ENDPOINTS_ONLY) {
      for (const c of children) c.kill('SIGTERM');
      await app.end();
      console.log(
        `\nbench: ${machine()}; Postgres over loopback; concurrency ${CONCURRENCY}, ${SECONDS} s per measure in ${ROUNDS} alternating slices; autocannon in its own process\n`,
      );
      table();
      console.log(`\nbench took ${fmt((Date.now() - began) / 1000)} s (endpoints only)`);
      save({});
      return;
    }

    // Static files of the npm start server, as a browser asks for them.
    const index = await (await fetch(`${serverUrl}/`)).text();
    const assets = ['/', ...[...index.matchAll(/(?:src|href)="(\/?[^"]+\.(?:js|css))"/g)].map((m) => (m[1]!.startsWith('/') ? m[1]! : `/${m[1]}`))];
    const statics = [];
    for (const asset of [...new Set(assets)]) {
      const identity = await wireBytes(serverUrl + asset, 'identity');
      const gzip = await wireBytes(serverUrl + asset, 'gzip');
      const br = await wireBytes(serverUrl + asset, 'br');
      statics.push({ path: asset, bytes: identity.bytes, gzip: gzip.encoding === 'gzip' ? gzip.bytes : null, br: br.encoding === 'br' ? br.bytes : null });
    }

    for (const c of children) c.kill('SIGTERM');
    const cold = await measureColdStart(root, path.join(outDir, 'bundle'), {
      DATABASE_URL: dbUrl,
      DB_DRIVER: 'pg',
      AUTH_SECRET: settings.AUTH_SECRET!,
      DATA_KEY: settings.DATA_KEY!,
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(outDir, 'data'),
    });
    const weapp = existsSync(path.join(root, 'dist/weapp/app.json')) ? weappSizes() : null;
    await app.end();

    console.log(
      `\nbench: ${machine()}; Postgres over loopback; concurrency ${CONCURRENCY}, ${SECONDS} s per measure in ${ROUNDS} alternating slices; autocannon in its own process\n`,
    );
    table();
    console.log(
      `\nfunction bundle (esbuild, minified, split): entry ${kb(cold.entryBytes)} (${kb(cold.entryGzipBytes)} gzip), loaded at cold start ${kb(cold.eagerBytes)}, all ${cold.chunks} chunks ${kb(cold.totalBytes)}; cold import median ${fmt(median(cold.importMs))} ms, first answer median ${fmt(median(cold.firstAnswerMs))} ms (runs: ${cold.importMs.map((m) => fmt(m)).join(', ')})`,
    );
    console.log(`  biggest at cold start: ${cold.biggestEagerInputs.map((i) => `${i.input} ${kb(i.bytes)}`).join(', ')}`);
    if (weapp)
      console.log(
        `weapp: main package ${kb(weapp.mainBytes)}; ${Object.entries(weapp.subpackages)
          .map(([s, b]) => `${s} ${kb(b)}`)
          .join(', ')}`,
      );
    console.log('\nH5 files from the npm start server (bytes on the wire):');
    console.log('| file | identity | gzip | brotli |\n|---|---|---|---|');
    for (const s of statics)
      console.log(`| ${s.path} | ${kb(s.bytes)} | ${s.gzip === null ? 'not offered' : kb(s.gzip)} | ${s.br === null ? 'not offered' : kb(s.br)} |`);
    // Whole-community writes and the notice fan-out: their own harnesses, each in its own process.
    for (const [title, file] of [
      ['Elections: register every resident, nominations list (beside their raw SQL)', 'tests/bench/elections.ts'],
      ['Notices: fan-out through the WeChat stand-in, publish latency by subscriber count', 'tests/bench/fanout.ts'],
      ['Photos: a 4 MB phone photo uploaded, re-encoded without EXIF, stored with its thumbnail', 'tests/bench/photos.ts'],
    ] as const) {
      console.log(`\n${title}`);
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, file)], { cwd: root, stdio: 'inherit', env: process.env });
    }
    console.log(
      `\nbench took ${fmt((Date.now() - began) / 1000)} s (builds: h5 ${fmt(builds?.h5.seconds ?? 0)} s, weapp ${fmt(builds?.weapp.seconds ?? 0)} s)`,
    );
    save({ coldStart: cold, weapp, statics });
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
