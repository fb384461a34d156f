import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePostgres, type ServerProcess, startPrivatePostgres, startServerProcess } from '../support/private-postgres.js';
import { testDbKind } from '../support/settings.js';
import { DEMO, expectProblem } from './helpers.js';

/**
 * Outages (issue 7): the server runs as `npm start` does, in its own process, on a PostgreSQL
 * cluster this file starts for itself on another port, and kills, freezes and restarts. The
 * machine's shared server is never touched. On PGlite there is no server to lose: these run on
 * TEST_DB=pg and TEST_DB=neon (CI runs both).
 */

/** The longest any request may go unanswered, whatever the database does (API.md). */
const DEADLINE_MS = 15_000;

// biome-ignore lint/suspicious/noExplicitAny: replies of every shape
type Answer = { status: number; headers: Headers; body: any; text: string };

async function call(server: ServerProcess, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(DEADLINE_MS),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body, text };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Health, asked until it answers 200 (or `tries` run out): recovery without a restart. */
async function healthy(server: ServerProcess, tries = 40): Promise<Answer> {
  let last: Answer | undefined;
  for (let i = 0; i < tries; i++) {
    last = await call(server, 'GET', '/api/health');
    if (last.status === 200) return last;
    await sleep(250);
  }
  return last!;
}

const onServer = testDbKind() !== 'pglite';

describe.skipIf(!onServer)('database outages (private PostgreSQL cluster)', () => {
  let pg: PrivatePostgres;
  let server: ServerProcess;
  let resident: string;

  const login = async () => {
    const res = await call(server, 'POST', '/api/auth/login', { body: { username: DEMO.resident1.username, password: DEMO.resident1.password } });
    expect(res.status, res.text).toBe(200);
    return res.body.token as string;
  };

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    server = await startServerProcess(pg.url);
    resident = await login();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    pg?.destroy();
  });

  const alive = () => expect(server.exited(), `the server process ended:\n${server.output().slice(-4000)}`).toBeNull();

  it('finding 1: a dropped database connection does not kill the server', async () => {
    // Fill the pool with connections, then have the database end them all while they sit idle.
    const warm = await Promise.all(Array.from({ length: 8 }, () => call(server, 'GET', '/api/service-requests', { token: resident })));
    expect(warm.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await pg.terminateConnections()).toBeGreaterThan(0);
    await sleep(500);
    alive();
    // The next requests get new connections.
    const after = await Promise.all(Array.from({ length: 8 }, () => call(server, 'GET', '/api/service-requests', { token: resident })));
    expect(after.map((r) => r.status)).toEqual(Array(8).fill(200));
    alive();
  });

  it('finding 1: stopping the database during traffic does not kill the server', async () => {
    const traffic = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sleep(i * 20).then(() => call(server, 'GET', '/api/service-requests', { token: resident }).catch((e: Error) => ({ status: 0, text: e.message }))),
      ),
    );
    await sleep(100);
    pg.kill();
    const answers = await traffic;
    // Every request was answered: before the stop with 200, after it with 503.
    for (const a of answers) expect([200, 503], a.text).toContain(a.status);
    pg.start();
    expect((await healthy(server)).status).toBe(200);
    alive();
  });

  it('finding 3: a frozen database gets an answer within seconds, not never', async () => {
    await call(server, 'GET', '/api/health');
    pg.freeze();
    try {
      const answers = await Promise.all([
        call(server, 'GET', '/api/health'),
        call(server, 'GET', '/api/service-requests', { token: resident }),
        call(server, 'POST', '/api/auth/login', { body: { username: DEMO.staff.username, password: DEMO.staff.password } }),
        call(server, 'POST', '/api/service-requests', { token: resident, body: { categoryCode: 'other', description: '路灯坏了' } }),
      ]);
      for (const a of answers) expectProblem(a as never, 503, 'DATABASE_UNAVAILABLE');
    } finally {
      pg.thaw();
    }
    expect((await healthy(server)).status).toBe(200);
    alive();
  });

  it('finding 5: while the database is down every route answers 503 DATABASE_UNAVAILABLE with Retry-After, and recovers without a restart', async () => {
    pg.kill();
    try {
      const answers = await Promise.all([
        call(server, 'GET', '/api/health'),
        call(server, 'GET', '/api/community'),
        call(server, 'GET', '/api/me', { token: resident }),
        call(server, 'POST', '/api/auth/login', { body: { username: DEMO.staff.username, password: DEMO.staff.password } }),
        call(server, 'POST', '/api/service-requests', { token: resident, body: { categoryCode: 'other', description: '楼道灯不亮' } }),
      ]);
      for (const a of answers) {
        expectProblem(a as never, 503, 'DATABASE_UNAVAILABLE');
        expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    } finally {
      pg.start();
    }
    const back = await healthy(server);
    expect(back.status, back.text).toBe(200);
    expect((await call(server, 'GET', '/api/me', { token: resident })).status).toBe(200);
    alive();
  });

  it('chaos: 30 s of mixed traffic while the database is killed, frozen and restarted — no exit, every request answered in time, 503 while down, 2xx again after', async () => {
    const staff = (await call(server, 'POST', '/api/auth/login', { body: { username: DEMO.staff.username, password: DEMO.staff.password } })).body.token;
    const requests: (() => Promise<Answer>)[] = [
      () => call(server, 'GET', '/api/health'),
      () => call(server, 'GET', '/api/me', { token: resident }),
      () => call(server, 'GET', '/api/service-requests?limit=5', { token: staff }),
      () => call(server, 'GET', '/api/service-requests/dashboard', { token: staff }),
      () => call(server, 'POST', '/api/service-requests', { token: resident, body: { categoryCode: 'other', description: '混合流量测试' } }),
      () => call(server, 'POST', '/api/auth/login', { body: { username: DEMO.leader1.username, password: DEMO.leader1.password } }),
    ];
    const problems: string[] = [];
    const counts = { ok: 0, unavailable: 0, slowestMs: 0 };
    let running = true;
    const worker = async (w: number) => {
      for (let i = w; running; i++) {
        const started = Date.now();
        try {
          const a = await requests[i % requests.length]!();
          counts.slowestMs = Math.max(counts.slowestMs, Date.now() - started);
          if (a.status >= 200 && a.status < 300) counts.ok++;
          else if (a.status === 503 && a.body?.code === 'DATABASE_UNAVAILABLE' && a.headers.get('retry-after')) counts.unavailable++;
          else problems.push(`${a.status} ${a.text.slice(0, 200)}`);
        } catch (error) {
          problems.push(`no answer within ${Date.now() - started} ms: ${(error as Error).message}`);
        }
      }
    };
    const faults = (async () => {
      await sleep(3000);
      pg.kill();
      await sleep(5000);
      pg.start();
      await sleep(5000);
      pg.freeze();
      await sleep(6000);
      pg.thaw();
      await sleep(3000);
      await pg.terminateConnections();
      await sleep(2000);
      pg.kill();
      await sleep(2000);
      pg.start();
      await sleep(4000);
    })();
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await faults;
    running = false;
    await Promise.all(workers);
    console.info(`chaos (${testDbKind()}): ${counts.ok} answered 2xx, ${counts.unavailable} answered 503, slowest answer ${counts.slowestMs} ms`);
    alive();
    expect(problems).toEqual([]);
    expect(counts.unavailable).toBeGreaterThan(0);
    expect(counts.ok).toBeGreaterThan(0);
    // Seconds after the last restart, everything answers 2xx again.
    expect((await healthy(server, 20)).status).toBe(200);
    const after = await Promise.all(requests.map((r) => r()));
    expect(after.map((a) => a.status).every((s) => s >= 200 && s < 300)).toBe(true);
  }, 90_000);
});
