import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { NoticeCategory, TemplateKey } from '../../db/schema/index.js';
import type { Ctx, Services } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { WechatError } from '../_platform/wechat/client.js';
import { backoffMs, classifyWechatError, MAX_ATTEMPTS, noticeMessage, type SendOutcome, templateSetting } from './rules.js';

/** Rows a driver's execute() gave back (pg, Neon and PGlite all answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The page a notice's message opens. */
export const noticePage = (id: string) => `notices/detail/index?id=${id}`;

/**
 * Queues one message per subscriber of the notice's category, in ONE set-based statement inside
 * the caller's (publishing) transaction: the cost of publishing does not grow with the number of
 * subscribers beyond this insert. Subscribers WeChat cannot reach (no openid, no credit) are
 * queued as `not_reached` at once, so the report and the leaders' lists are right from the start.
 */
export async function queueNoticeMessages(
  db: Db,
  notice: { id: string; communityId: string; category: NoticeCategory; title: string; publishAt: Date },
  now: Date,
): Promise<number> {
  const data = JSON.stringify(noticeMessage(notice));
  const result = await db.execute(sql`
    insert into outbox_messages (community_id, source, subject_id, account_id, openid, template_key, page, data, status, reason, next_attempt_at, created_at)
    select s.community_id, 'notice', ${notice.id}::uuid, a.id, a.openid, 'notice', ${noticePage(notice.id)}, ${data}::jsonb,
      case when a.openid is not null and coalesce(c.credits, 0) > 0 then 'pending' else 'not_reached' end,
      case when a.openid is null then 'no_wechat' when coalesce(c.credits, 0) > 0 then null else 'no_credit' end,
      ${ts(now)}, ${ts(now)}
    from notice_subscriptions s
    join accounts a on a.id = s.account_id
    left join subscribe_credits c on c.account_id = a.id and c.template_key = 'notice'
    where s.community_id = ${notice.communityId}::uuid and s.category = ${notice.category}
    on conflict do nothing
    returning 1`);
  return rowsOf(result).length;
}

/**
 * Queues a message to some accounts about one subject (a service request's update, a proxy
 * decision), only to those holding a credit for the template: nobody is told they were "not
 * reached" about their own request. Call inside the transaction that makes the change, then
 * kickDeliveries() after it commits.
 */
export async function queueMessages(
  ctx: Ctx,
  m: {
    /** `voter_objection`: a decision on a voter-list objection or application (the column is text; its list in db/schema/notices.ts lags). */
    source: 'service_request' | 'proxy' | 'voter_objection';
    subjectId: string;
    accountIds: string[];
    templateKey: TemplateKey;
    page: string;
    data: Record<string, { value: string }>;
  },
): Promise<number> {
  const ids = [...new Set(m.accountIds.filter(Boolean))];
  if (ids.length === 0) return 0;
  const result = await ctx.db.execute(sql`
    insert into outbox_messages (community_id, source, subject_id, account_id, openid, template_key, page, data, status, next_attempt_at, created_at)
    select ${ctx.communityId}::uuid, ${m.source}, ${m.subjectId}::uuid, a.id, a.openid, ${m.templateKey}, ${m.page}, ${JSON.stringify(m.data)}::jsonb, 'pending', ${ts(ctx.now)}, ${ts(ctx.now)}
    from accounts a
    join subscribe_credits c on c.account_id = a.id and c.template_key = ${m.templateKey} and c.credits > 0
    where a.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and a.openid is not null
    on conflict do nothing
    returning 1`);
  return rowsOf(result).length;
}

/** Scheduled notices that fell due: each fanned out in its own transaction, by one worker (SKIP LOCKED). */
export async function fanOutDueNotices(db: Db, now: Date): Promise<number> {
  let published = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      const [due] = rowsOf<{ id: string; community_id: string; category: NoticeCategory; title: string; publish_at: string | Date }>(
        await t.execute(sql`
          select id, community_id, category, title, publish_at from notices
          where fanned_out_at is null and publish_at <= ${ts(now)}
          order by publish_at, id limit 1 for update skip locked`),
      );
      if (!due) return false;
      await queueNoticeMessages(
        t,
        { id: due.id, communityId: due.community_id, category: due.category, title: due.title, publishAt: new Date(due.publish_at) },
        now,
      );
      await t.execute(sql`update notices set fanned_out_at = ${ts(now)} where id = ${due.id}::uuid`);
      return true;
    });
    if (!done) return published;
    published += 1;
  }
}

/** How long a claimed row may stay `sending` before it counts as interrupted (a killed worker). */
export const LEASE_MS = 2 * 60_000;
/** Rows claimed at once; they are sent concurrently, then recorded in one statement. */
export const BATCH = 32;

interface Claimed {
  id: string;
  account_id: string;
  openid: string;
  template_key: TemplateKey;
  page: string;
  data: Record<string, { value: string }> | string;
  attempts: number;
  status: 'sending' | 'not_reached';
}

export interface DeliveryRun {
  published: number;
  sent: number;
  notReached: number;
  failed: number;
  retrying: number;
  interrupted: number;
}

/**
 * The delivery worker. Safe to run in several copies at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED and marked `sending` in the claiming statement (committed before any
 * call to WeChat), so no two workers ever hold the same row; a row is sent at most once.
 * Credits: one taken per message sent; a 43101 clears the account's credits for the template.
 */
export async function runDeliveries(services: Services, options: { budgetMs?: number; batch?: number; signal?: AbortSignal } = {}): Promise<DeliveryRun> {
  const { db } = services;
  const budgetMs = options.budgetMs ?? 25_000;
  const started = Date.now();
  const run: DeliveryRun = { published: 0, sent: 0, notReached: 0, failed: 0, retrying: 0, interrupted: 0 };
  run.published = await fanOutDueNotices(db, services.now());
  const leaseEnd = new Date(services.now().getTime() - LEASE_MS);
  run.interrupted = rowsOf(
    await db.execute(sql`
      update outbox_messages set status = 'failed', reason = 'interrupted'
      where status = 'sending' and claimed_at < ${ts(leaseEnd)} returning 1`),
  ).length;

  while (Date.now() - started < budgetMs && !options.signal?.aborted) {
    const now = services.now();
    const claimed = rowsOf<Claimed>(
      await db.execute(sql`
        with picked as (
          select o.id, o.account_id, o.template_key from outbox_messages o
          where o.status = 'pending' and o.next_attempt_at <= ${ts(now)}
          order by o.next_attempt_at, o.id
          limit ${options.batch ?? BATCH}
          for update of o skip locked
        )
        update outbox_messages o
        set status = case when coalesce(c.credits, 0) > 0 and o.openid is not null then 'sending' else 'not_reached' end,
            reason = case when o.openid is null then 'no_wechat' when coalesce(c.credits, 0) > 0 then o.reason else 'no_credit' end,
            claimed_at = ${ts(now)},
            attempts = o.attempts + 1
        from picked p
        left join subscribe_credits c on c.account_id = p.account_id and c.template_key = p.template_key
        where o.id = p.id
        returning o.id::text as id, o.account_id, o.openid, o.template_key, o.page, o.data, o.attempts, o.status`),
    );
    if (claimed.length === 0) break;
    const toSend = claimed.filter((r) => r.status === 'sending');
    run.notReached += claimed.length - toSend.length;
    const outcomes = await Promise.all(toSend.map((row) => send(services, row)));
    await record(db, services.now(), toSend, outcomes, run);
  }
  return run;
}

async function send(services: Services, row: Claimed): Promise<SendOutcome> {
  try {
    await services.wechat.sendSubscribeMessage({
      touser: row.openid,
      templateId: services.settings[templateSetting[row.template_key]],
      page: row.page,
      data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    });
    return { kind: 'sent' };
  } catch (error) {
    if (error instanceof WechatError) return classifyWechatError(error.errcode, error.errmsg);
    if (error instanceof AppError) return { kind: 'transient', reason: 'unreachable' };
    services.log.error('subscribe message failed', { error: String(error) });
    return { kind: 'transient', reason: 'error' };
  }
}

/** The batch's outcomes in one transaction: the rows' states and the credits they used. */
async function record(db: Db, now: Date, rows: Claimed[], outcomes: SendOutcome[], run: DeliveryRun) {
  if (rows.length === 0) return;
  const updates = rows.map((row, i) => {
    const o = outcomes[i]!;
    if (o.kind === 'sent') {
      run.sent += 1;
      return { id: row.id, status: 'sent', reason: null, sent_at: now.toISOString(), next_at: now.toISOString() };
    }
    if (o.kind === 'refused') {
      run.notReached += 1;
      return { id: row.id, status: 'not_reached', reason: 'refused', sent_at: null, next_at: now.toISOString() };
    }
    if (o.kind === 'transient' && row.attempts < MAX_ATTEMPTS) {
      run.retrying += 1;
      return { id: row.id, status: 'pending', reason: o.reason, sent_at: null, next_at: new Date(now.getTime() + backoffMs(row.attempts)).toISOString() };
    }
    run.failed += 1;
    return { id: row.id, status: 'failed', reason: o.kind === 'transient' ? `gave_up ${o.reason}` : o.reason, sent_at: null, next_at: now.toISOString() };
  });
  const credits = new Map<string, { account_id: string; template_key: string; n: number; clear: boolean }>();
  rows.forEach((row, i) => {
    const o = outcomes[i]!;
    if (o.kind !== 'sent' && o.kind !== 'refused') return;
    const key = `${row.account_id} ${row.template_key}`;
    const entry = credits.get(key) ?? { account_id: row.account_id, template_key: row.template_key, n: 0, clear: false };
    if (o.kind === 'sent') entry.n += 1;
    else entry.clear = true;
    credits.set(key, entry);
  });
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Only rows still `sending`: one declared interrupted meanwhile stays as it is.
    await t.execute(sql`
      update outbox_messages o
      set status = x.status, reason = x.reason, sent_at = x.sent_at, next_attempt_at = x.next_at
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id bigint, status text, reason text, sent_at timestamptz, next_at timestamptz)
      where o.id = x.id and o.status = 'sending'`);
    if (credits.size > 0) {
      await t.execute(sql`
        update subscribe_credits c
        set credits = case when x.clear then 0 else greatest(c.credits - x.n, 0) end, updated_at = ${ts(now)}
        from jsonb_to_recordset(${JSON.stringify([...credits.values()])}::jsonb) as x(account_id uuid, template_key text, n int, clear boolean)
        where c.account_id = x.account_id and c.template_key = x.template_key`);
    }
  });
}

const running = new WeakMap<Services, { again: boolean }>();

/**
 * Starts the worker in this process without waiting for it (after a publish or a service-request
 * update commits). One run per process at a time; a kick during a run makes it go round once
 * more. Whatever a kick leaves (a frozen serverless instance) the cron route picks up.
 */
export function kickDeliveries(services: Services): void {
  if (!services.settings.OUTBOX_KICK) return;
  const current = running.get(services);
  if (current) {
    current.again = true;
    return;
  }
  const state = { again: false };
  running.set(services, state);
  void (async () => {
    try {
      do {
        state.again = false;
        await runDeliveries(services, { budgetMs: 20_000 });
      } while (state.again);
    } catch (error) {
      services.log.error('delivery kick failed', { error: String(error) });
    } finally {
      running.delete(services);
    }
  })();
}
