import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../functions/notices/outbox.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testDbKind } from '../support/settings.js';
import { DEMO } from './helpers.js';

/**
 * Fan-out at scale through the stand-in, on a real Postgres server (PGlite runs one transaction
 * at a time and would hide every race): TEST_DB=pg or neon.
 */
const SECRET = 'cron-secret-for-tests-0123456789';
const TEMPLATE = 'stand-in-notice-template';
const onServer = testDbKind() !== 'pglite';

let server: TestServer;
let staff: string;
beforeAll(async () => {
  if (!onServer) return;
  server = await startTestServer({ settings: { CRON_SECRET: SECRET, OUTBOX_KICK: '0' } });
  staff = await server.login(DEMO.staff.username, DEMO.staff.password);
});
afterAll(() => server?.close());

const cron = () => server.request('GET', '/api/cron/deliveries', { headers: { Authorization: `Bearer ${SECRET}` } });
const wx = (p: string, body: unknown) => server.request('POST', `/__wechat${p}`, { body });

/** `n` WeChat accounts of the demo community subscribed to `category`, each holding one credit here and at WeChat. */
async function subscribers(n: number, category: string, tag: string): Promise<string[]> {
  const result = await server.db.execute(sql`
    with community as (select community_id from accounts where username = 'staff'),
    made as (
      insert into accounts (id, name, openid, community_id)
      select gen_random_uuid(), '订阅者' || g, ${`o-${tag}-`} || g, (select community_id from community)
      from generate_series(1, ${n}) g
      returning id, openid, community_id
    ),
    subs as (
      insert into notice_subscriptions (community_id, account_id, category, created_at)
      select community_id, id, ${category}, now() from made
    ),
    credits as (
      insert into subscribe_credits (account_id, template_key, credits, updated_at)
      select id, 'notice', 1, now() from made
    )
    select openid from made`);
  const openids = rowsOf<{ openid: string }>(result).map((r) => r.openid);
  for (const openid of openids) server.standIn!.state.credits.set(`${openid} ${TEMPLATE}`, 1);
  return openids;
}

/** Messages the stand-in delivered, per openid, among `openids`. */
function deliveredTo(openids: string[]) {
  const wanted = new Set(openids);
  const counts = new Map<string, number>();
  for (const m of server.standIn!.state.messages) if (wanted.has(m.openid)) counts.set(m.openid, (counts.get(m.openid) ?? 0) + 1);
  return counts;
}

async function creditsLeft(tag: string) {
  const rows = rowsOf<{ n: string | number }>(
    await server.db.execute(
      sql`select coalesce(sum(c.credits), 0) as n from subscribe_credits c join accounts a on a.id = c.account_id where a.openid like ${`o-${tag}-%`}`,
    ),
  );
  return Number(rows[0]!.n);
}

describe.skipIf(!onServer)('fan-out to thousands of subscribers (TEST_DB=pg|neon)', () => {
  it('sends exactly one message to each of 5,000 subscribers with two workers at once and 1 % transient failures; credits end at zero', async () => {
    const openids = await subscribers(5000, 'community', 'fan');
    // Every 100th send answers "system error" (-1): a transient failure, retried after back-off.
    await wx('/test/faults', { path: '/cgi-bin/message/subscribe/send', errcode: -1, every: 100 });
    const notice = await server.request('POST', '/api/notices', { token: staff, body: { category: 'community', title: '五千人通知', body: '……' } });
    expect(notice.status).toBe(201);
    expect(notice.body.queued).toBe(5000);

    const [a, b] = await Promise.all([cron(), cron()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Both copies did part of the work.
    expect(a.body.sent).toBeGreaterThan(0);
    expect(b.body.sent).toBeGreaterThan(0);
    let retried = a.body.retrying + b.body.retrying;
    // Until the queue is empty: the clock moves on so retries fall due after their back-off.
    for (let round = 1; round <= 40; round++) {
      const report = await server.request('GET', `/api/notices/${notice.body.id}/deliveries`, { token: staff });
      if (report.body.pending === 0) break;
      server.setNow(new Date(Date.now() + round * 10 * 60_000));
      const runs = await Promise.all([cron(), cron()]);
      retried += runs.reduce((n, r) => n + r.body.retrying, 0);
    }
    await wx('/test/faults', { path: '/cgi-bin/message/subscribe/send', errcode: -1, count: 0 });
    // At least 5,000 calls, every 100th refused.
    expect(retried).toBeGreaterThanOrEqual(50);
    const report = await server.request('GET', `/api/notices/${notice.body.id}/deliveries`, { token: staff });
    expect(report.body).toMatchObject({ sent: 5000, pending: 0, failed: 0, notReachedCount: 0 });
    const counts = deliveredTo(openids);
    expect(counts.size).toBe(5000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await creditsLeft('fan')).toBe(0);
    expect([...server.standIn!.state.credits.entries()].filter(([k, v]) => k.startsWith('o-fan-') && v !== 0)).toEqual([]);
    server.setNow(null);
  }, 600_000);

  it('a worker killed mid-run and another started after it send nothing twice', async () => {
    const openids = await subscribers(2000, 'service', 'kill');
    const notice = await server.request('POST', '/api/notices', { token: staff, body: { category: 'service', title: '中断测试', body: '……' } });
    expect(notice.body.queued).toBe(2000);
    const worker: ChildProcess = spawn(
      process.execPath,
      [path.resolve('node_modules/tsx/dist/cli.mjs'), 'tests/support/delivery-worker.ts', server.dbUrl!, `${server.url}/__wechat`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Killed (SIGKILL: no clean-up) once it has sent some of them.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (deliveredTo(openids).size >= 300) {
          clearInterval(poll);
          worker.kill('SIGKILL');
          resolve();
        }
      }, 5);
      worker.once('exit', (code) => {
        clearInterval(poll);
        if (deliveredTo(openids).size < 300) reject(new Error(`worker exited early (${code})`));
      });
    });
    await exited;
    const sentBeforeKill = deliveredTo(openids).size;
    expect(sentBeforeKill).toBeLessThan(2000);

    // A worker started after the lease of the killed one's claims has run out finishes the job.
    server.setNow(new Date(Date.now() + 5 * 60_000));
    for (let i = 0; i < 30; i++) {
      const run = await cron();
      expect(run.status).toBe(200);
      const report = await server.request('GET', `/api/notices/${notice.body.id}/deliveries`, { token: staff });
      if (report.body.pending === 0) break;
    }
    server.setNow(null);
    const counts = deliveredTo(openids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const report = await server.request('GET', `/api/notices/${notice.body.id}/deliveries`, { token: staff });
    expect(report.body.pending).toBe(0);
    // Each message sent is a row marked sent, or one the killed worker had in flight (never resent).
    const interrupted = report.body.failures.find((f: { reason: string }) => f.reason === 'interrupted')?.count ?? 0;
    expect(report.body.sent + interrupted + report.body.notReachedCount).toBe(2000);
    expect(counts.size).toBeGreaterThanOrEqual(report.body.sent);
    expect(counts.size).toBeLessThanOrEqual(report.body.sent + interrupted);
  }, 600_000);
});
