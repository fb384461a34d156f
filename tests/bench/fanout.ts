/**
 * Fan-out figures for `npm run bench` (issue 12): subscribe messages sent per second through
 * the WeChat stand-in by two delivery workers at once, and the latency of POST /api/notices
 * with few and with many subscribers (it should grow only by the one INSERT … SELECT of the
 * outbox rows). On the Postgres server (BENCH_DATABASE_URL or 127.0.0.1:5432), in a throw-away
 * database. Standalone: `npx tsx tests/bench/fanout.ts`; from run.ts: `await benchFanout()`.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createServerApp } from '../../functions/_entry/server.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { runDeliveries } from '../../functions/notices/outbox.js';
import { testSettings } from '../support/settings.js';

export interface FanoutFigures {
  subscribers: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  /** POST /api/notices, median of 5, with `small` and with `subscribers` subscribers. */
  publishMs: { small: number; large: number; smallSubscribers: number };
}

export async function benchFanout(options: { adminUrl?: string; subscribers?: number } = {}): Promise<FanoutFigures> {
  const adminUrl = options.adminUrl ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const n = options.subscribers ?? Number(process.env.BENCH_FANOUT ?? 5000);
  const small = 100;
  const dbName = `bz_fanout_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const settings = testSettings({ OUTBOX_KICK: '0', DATABASE_URL: url.toString() });
  const database = await openDatabase({ url: url.toString(), driver: 'pg', max: 20 });
  try {
    await migrateDatabase(database);
    await seedDemo({ db: database.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
    let base = '';
    const { app, services, standIn } = createServerApp({ settings, database, baseUrl: () => base });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const token = (await call('POST', '/api/auth/login', { username: 'staff', password: 'Staff#2026' })).token as string;

    const subscribe = async (count: number, category: string, tag: string) => {
      const result = await database.db.execute(sql`
        with community as (select community_id from accounts where username = 'staff'),
        made as (
          insert into accounts (id, name, openid, community_id)
          select gen_random_uuid(), '订阅者' || g, ${`o-${tag}-`} || g, (select community_id from community)
          from generate_series(1, ${count}) g returning id, openid, community_id
        ),
        subs as (insert into notice_subscriptions (community_id, account_id, category, created_at) select community_id, id, ${category}, now() from made),
        credits as (insert into subscribe_credits (account_id, template_key, credits, updated_at) select id, 'notice', 1, now() from made)
        select openid from made`);
      const rows = (Array.isArray(result) ? result : (result as { rows: { openid: string }[] }).rows) as { openid: string }[];
      for (const r of rows) standIn!.state.credits.set(`${r.openid} stand-in-notice-template`, 1);
    };
    const publishLatency = async (category: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await call('POST', '/api/notices', { category, title: `测速公告 ${i}`, body: '……' }, token);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return times[2]!;
    };
    const step = (what: string) => process.env.BENCH_VERBOSE && console.error(`[fanout] ${what}`);
    step('subscribers');
    await subscribe(small, 'service', 'small');
    await subscribe(n, 'community', 'large');
    step('publish small');
    const smallMs = await publishLatency('service');
    step('drain small');
    // Drain the small notices first, so the timed run below sends the large fan-out only.
    await runDeliveries(services, { budgetMs: 600_000 });
    // One large notice to time the send: the 5 publishes above queued 5 × n already; keep one.
    step('publish large');
    const largeMs = await publishLatency('community');
    step('send large');
    await database.db.execute(sql`
      delete from outbox_messages where source = 'notice' and subject_id in (
        select id from notices where category = 'community' order by created_at desc offset 1)`);
    const before = standIn!.state.messages.length;
    const started = performance.now();
    await Promise.all([runDeliveries(services, { budgetMs: 600_000 }), runDeliveries(services, { budgetMs: 600_000 })]);
    const seconds = (performance.now() - started) / 1000;
    const messages = standIn!.state.messages.length - before;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return {
      subscribers: n,
      messages,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round(messages / seconds),
      publishMs: { small: Math.round(smallMs * 10) / 10, large: Math.round(largeMs * 10) / 10, smallSubscribers: small },
    };
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchFanout();
  console.log(
    `fan-out: ${figures.messages} messages in ${figures.seconds} s = ${figures.messagesPerSecond} msg/s (two workers, stand-in); ` +
      `POST /api/notices median ${figures.publishMs.small} ms with ${figures.publishMs.smallSubscribers} subscribers, ${figures.publishMs.large} ms with ${figures.subscribers}`,
  );
}
