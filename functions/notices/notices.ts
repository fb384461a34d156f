import { and, asc, count, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditAnchors,
  type NoticeCategory,
  type NoticeKind,
  noticeInformed,
  noticeReads,
  notices,
  outboxMessages,
  residentGroups,
  residents,
} from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { badCursor } from '../_platform/paging.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { keysetPage } from '../_shared/keyset.js';
import { publisherRoles } from '../_shared/roles.js';
import { type Anchor, recordAnchor } from '../audit/anchors.js';
import { appendAudit } from '../audit/chain.js';
import { kickDeliveries, queueNoticeMessages, rowsOf } from './outbox.js';
import { categoryNames } from './rules.js';

type NoticeRow = typeof notices.$inferSelect;

/** Staff and the election committee write notices (administrators too). */
export const canPublish = (ctx: Ctx) => hasRole(ctx.actor, ctx.communityId, ...publisherRoles);

export function noticeView(n: NoticeRow, extra: { read?: boolean; now?: Date; anchor?: Anchor | null } = {}) {
  return {
    id: n.id,
    category: n.category,
    categoryName: categoryNames[n.category],
    ...(n.kind ? { kind: n.kind } : {}),
    ...(n.electionId ? { electionId: n.electionId } : {}),
    title: n.title,
    body: n.body,
    publishAt: n.publishAt.toISOString(),
    ...(extra.now ? { published: n.publishAt <= extra.now } : {}),
    authorName: n.createdByName,
    ...(extra.read !== undefined ? { read: extra.read } : {}),
    createdAt: n.createdAt.toISOString(),
    ...(extra.anchor ? { anchor: { seq: extra.anchor.seq, code: extra.anchor.code } } : {}),
  };
}

export interface NewNotice {
  category: NoticeCategory;
  title: string;
  body: string;
  /** When residents see it and its messages go out; now (or a past time) publishes at once. */
  publishAt?: Date;
  electionId?: string;
  kind?: NoticeKind;
}

/**
 * What an election notice must pass before it is written, given by the domain that owns elections
 * (notices know categories, audiences, scheduling and delivery, and no election's rules): the
 * election is one of this community's (404 otherwise) and the notice keeps its calendar. It gets
 * the time the notice will be published at.
 */
export type ElectionNoticeCheck = (ctx: Ctx, notice: { electionId: string; kind: NoticeKind | null; publishAt: Date }) => Promise<void>;

/**
 * Publishes (or schedules) a notice. Usable inside another verb's transaction: `ctx.db` may be
 * that transaction (a savepoint is taken), so the notice, its subscribers' queued messages and the
 * audit entry commit or fail with the caller's own change. Call kickDeliveries(ctx.services)
 * after the caller's transaction commits (the cron route sends them otherwise).
 *
 * A notice naming an election is checked by `checkElection` (elections' checkElectionNotice) after
 * its own fields; a verb of an election domain that has already required the election and
 * publishes a notice of its own making (candidates, results, the proxy list) may leave it out.
 */
export async function publishNotice(ctx: Ctx, input: NewNotice, checkElection?: ElectionNoticeCheck) {
  if (!canPublish(ctx)) throw forbidden();
  const actor = ctx.actor!;
  const publishAt = input.publishAt && input.publishAt > ctx.now ? input.publishAt : ctx.now;
  if (input.kind && input.category !== 'election') {
    throw new AppError('VALIDATION_FAILED', '只有选举公告才能选择公告类型。', { errors: [{ path: 'body.kind', message: '只有选举公告才有公告类型' }] });
  }
  if (input.kind && !input.electionId) {
    throw new AppError('VALIDATION_FAILED', '请选择这份选举公告属于哪一次选举。', { errors: [{ path: 'body.electionId', message: '请选择选举' }] });
  }
  if (input.electionId && input.category !== 'election') {
    throw new AppError('VALIDATION_FAILED', '只有选举公告才能关联选举。', { errors: [{ path: 'body.electionId', message: '只有选举公告才能关联选举' }] });
  }
  if (input.electionId && checkElection) await checkElection(ctx, { electionId: input.electionId, kind: input.kind ?? null, publishAt });
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(notices)
      .values({
        communityId: tx.communityId,
        category: input.category,
        kind: input.kind ?? null,
        electionId: input.electionId ?? null,
        title: input.title,
        body: input.body,
        publishAt,
        fannedOutAt: publishAt <= tx.now ? tx.now : null,
        createdByAccountId: actor.accountId,
        createdByName: actor.name,
        createdAt: tx.now,
      })
      .returning();
    const notice = row!;
    const queued = notice.fannedOutAt ? await queueNoticeMessages(tx.db, notice, tx.now) : 0;
    let anchor: Anchor | null = null;
    if (notice.category === 'election') {
      await appendAudit(tx, {
        action: notice.fannedOutAt ? 'notice.published' : 'notice.scheduled',
        subject: notice.id,
        electionId: notice.electionId,
        payload: { kind: notice.kind, title: notice.title, publishAt: notice.publishAt.toISOString() },
      });
      // The head just after the notice's own entry goes on the notice (API.md "Anchors"); a
      // scheduled notice carries the head of when it was written.
      anchor = await recordAnchor(tx, { what: 'notice', subject: notice.id, label: notice.title, electionId: notice.electionId });
    }
    return { ...noticeView(notice, { now: tx.now, anchor }), queued };
  });
}

/**
 * A notice the office writes (POST /api/notices): published or scheduled, then its messages sent
 * at once rather than at the worker's next run.
 */
export async function postNotice({ ctx, input, checkElection }: { ctx: AuthedCtx; input: NewNotice; checkElection: ElectionNoticeCheck }) {
  const notice = await publishNotice(ctx, input, checkElection);
  kickDeliveries(ctx.services);
  return notice;
}

/** Cursor of the newest-first list: the last row's publish time and id. */
const encode = (n: NoticeRow) => Buffer.from(`${n.publishAt.getTime()}:${n.id}`).toString('base64url');
function decode(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const m = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badCursor();
  return { at: new Date(Number(m[1])), id: m[2]! };
}

export interface ListInput {
  category?: NoticeCategory;
  /** Staff and committee: the scheduled ones instead (soonest first). */
  scheduled?: boolean;
  limit: number;
  cursor?: string;
}

const $ = sql.placeholder;
/** The reader's read mark of each notice. */
const readMark = and(eq(noticeReads.communityId, notices.communityId), eq(noticeReads.noticeId, notices.id), eq(noticeReads.accountId, $('me')));

/**
 * The notice lists, built once per database and prepared (drizzle spends more CPU building a join
 * than the rest of the request): a page per shape (published or scheduled, a category or not,
 * after a cursor or not), and the unread count.
 */
const pages = perDatabase(() => new Map<string, ReturnType<typeof buildPage>>());
function buildPage(db: Db, shape: { scheduled: boolean; byCategory: boolean; afterCursor: boolean }, name: string) {
  const at = sql`${$('afterAt')}::timestamptz`;
  const id = sql`${$('afterId')}::uuid`;
  // Published: newest first, up to now. Scheduled (for those who write notices): soonest first.
  const after = shape.scheduled
    ? or(sql`${notices.publishAt} > ${at}`, and(sql`${notices.publishAt} = ${at}`, sql`${notices.id} > ${id}`))
    : or(sql`${notices.publishAt} < ${at}`, and(sql`${notices.publishAt} = ${at}`, sql`${notices.id} < ${id}`));
  return db
    .select({ notice: notices, readAt: noticeReads.readAt })
    .from(notices)
    .leftJoin(noticeReads, readMark)
    .where(
      and(
        eq(notices.communityId, $('communityId')),
        shape.scheduled ? gt(notices.publishAt, $('now')) : lte(notices.publishAt, $('now')),
        shape.byCategory ? eq(notices.category, $('category')) : undefined,
        shape.afterCursor ? after : undefined,
      ),
    )
    .orderBy(...(shape.scheduled ? [asc(notices.publishAt), asc(notices.id)] : [desc(notices.publishAt), desc(notices.id)]))
    .limit($('limit'))
    .prepare(name);
}
const unreadCount = perDatabase((db) =>
  db
    .select({ n: count() })
    .from(notices)
    .leftJoin(noticeReads, readMark)
    .where(and(eq(notices.communityId, $('communityId')), lte(notices.publishAt, $('now')), isNull(noticeReads.readAt)))
    .prepare('notices_unread'),
);

/**
 * Published notices, newest first, each with its read mark; `unread` counts all unread ones.
 * With `scheduled`, the ones still to come instead, soonest first (staff and committee only).
 */
export async function listNotices({ ctx, input }: { ctx: AuthedCtx; input: ListInput }) {
  if (input.scheduled && !canPublish(ctx)) throw forbidden();
  const after = decode(input.cursor);
  const shape = { scheduled: !!input.scheduled, byCategory: !!input.category, afterCursor: !!after };
  const name = `notices_page_${shape.scheduled ? 's' : ''}${shape.byCategory ? 'c' : ''}${shape.afterCursor ? 'k' : ''}`;
  const built = pages(ctx.db);
  let page = built.get(name);
  if (!page) {
    page = buildPage(ctx.db, shape, name);
    built.set(name, page);
  }
  const values = { communityId: ctx.communityId, me: ctx.actor.accountId, now: ctx.now.toISOString() };
  const rows = await page.execute({ ...values, category: input.category, afterAt: after?.at.toISOString(), afterId: after?.id, limit: input.limit + 1 });
  const [unread] = await unreadCount(ctx.db).execute(values);
  const { items, last } = keysetPage(rows, input.limit);
  return {
    items: items.map((r) => noticeView(r.notice, { read: r.readAt !== null, now: ctx.now })),
    nextCursor: last ? encode(last.notice) : null,
    unread: unread?.n ?? 0,
  };
}

/** One notice; reading it clears its unread mark. A scheduled one is only for those who write notices. */
export async function getNotice({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const [row] = await ctx.db
    .select()
    .from(notices)
    .where(and(eq(notices.id, input.id), eq(notices.communityId, ctx.communityId)));
  if (!row || (row.publishAt > ctx.now && !canPublish(ctx))) throw notFound('公告');
  if (row.publishAt <= ctx.now) {
    await ctx.db
      .insert(noticeReads)
      .values({ communityId: ctx.communityId, noticeId: row.id, accountId: ctx.actor.accountId, readAt: ctx.now })
      .onConflictDoNothing();
  }
  return noticeView(row, { read: true, now: ctx.now, anchor: row.category === 'election' ? await noticeAnchor(ctx, row.id) : null });
}

/** The anchor an election notice was published with (its first, should it have been recorded twice). */
async function noticeAnchor(ctx: Ctx, noticeId: string): Promise<Anchor | null> {
  const [anchor] = await ctx.db
    .select({ seq: auditAnchors.seq, code: auditAnchors.code })
    .from(auditAnchors)
    .where(and(eq(auditAnchors.communityId, ctx.communityId), eq(auditAnchors.what, 'notice'), eq(auditAnchors.subject, noticeId)))
    .orderBy(asc(auditAnchors.at))
    .limit(1);
  return anchor ?? null;
}

async function requireNotice(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), eq(notices.communityId, ctx.communityId)));
  if (!row) throw notFound('公告');
  return row;
}

/** Why a resident was not reached, in words a leader can act on. */
const reasonWords: Record<string, string> = {
  no_account: '没有账号',
  not_subscribed: '没有订阅',
  no_wechat: '没有用微信登录',
  no_credit: '没有开启消息提醒',
  refused: '拒收消息',
  interrupted: '发送中断',
  failed: '发送失败',
};
const reasonOf = (raw: string | null) => (raw && raw in reasonWords ? raw : 'failed');

/**
 * Residents of the community the notice did not reach through WeChat, optionally of one group:
 * without an account, not subscribed, without a credit, refused, failed. Pending messages are
 * not counted yet. The group leader visits them in person, so the list names only those a visit
 * is for: the voters of the notice's election (an election notice), else adults (18 or over,
 * children hear it at home), never the caller themself; with their household (the house to go
 * to) and whether they have been told already (已告知).
 */
async function notReachedResidents(ctx: Ctx, notice: { id: string; electionId: string | null }, groupId?: string) {
  const adultBorn = `${Number(chinaDate(ctx.now).slice(0, 4)) - 18}${chinaDate(ctx.now).slice(4)}`;
  const rows = rowsOf<{
    resident_id: string;
    name: string;
    group_id: string;
    group_name: string;
    household_label: string | null;
    account_id: string | null;
    status: string | null;
    reason: string | null;
    informed_at: Date | string | null;
    informed_by: string | null;
  }>(
    await ctx.db.execute(sql`
      select r.id as resident_id, r.name, g.id as group_id, g.name as group_name, h.label as household_label, r.account_id, o.status, o.reason,
        i.at as informed_at, ia.name as informed_by
      from residents r
      join resident_groups g on g.id = r.group_id and g.community_id = r.community_id
      left join households h on h.id = r.household_id and h.community_id = r.community_id
      left join outbox_messages o on o.community_id = r.community_id and o.source = 'notice' and o.subject_id = ${notice.id}::uuid and o.account_id = r.account_id
      left join notice_informed i on i.community_id = r.community_id and i.notice_id = ${notice.id}::uuid and i.resident_id = r.id
      left join accounts ia on ia.id = i.marked_by_account_id
      where r.community_id = ${ctx.communityId}::uuid and r.status = 'verified'
        ${groupId ? sql`and r.group_id = ${groupId}::uuid` : sql``}
        and (o.id is null or o.status in ('failed', 'not_reached'))
        and (r.account_id is null or r.account_id <> ${ctx.actor?.accountId ?? null}::uuid)
        ${
          notice.electionId
            ? sql`and exists (select 1 from election_voters v where v.community_id = r.community_id and v.election_id = ${notice.electionId}::uuid
                and v.resident_id = r.id and v.status = 'registered')`
            : sql`and r.birth_date <= ${adultBorn}::date`
        }
      order by g.sort_order, g.name, h.label nulls last, r.name, r.id`),
  );
  return rows.map((r) => {
    const reason = r.account_id === null ? 'no_account' : r.status === null ? 'not_subscribed' : reasonOf(r.reason);
    return {
      residentId: r.resident_id,
      name: r.name,
      groupId: r.group_id,
      groupName: r.group_name,
      householdLabel: r.household_label,
      reason,
      reasonText: reasonWords[reason]!,
      informed: r.informed_at ? { at: new Date(r.informed_at).toISOString(), byName: r.informed_by ?? '' } : null,
    };
  });
}

/** The staff's delivery report: sent / pending / failed / not reached, and who was not reached. */
export async function deliveryReport({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  if (!canPublish(ctx)) throw forbidden();
  const notice = await requireNotice(ctx, input.id);
  const counts = await ctx.db
    .select({ status: outboxMessages.status, reason: outboxMessages.reason, n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.communityId, ctx.communityId), eq(outboxMessages.subjectId, notice.id), eq(outboxMessages.source, 'notice')))
    .groupBy(outboxMessages.status, outboxMessages.reason);
  const sum = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((a, c) => a + c.n, 0);
  const notReached = await notReachedResidents(ctx, notice);
  return {
    notice: noticeView(notice, { now: ctx.now }),
    published: notice.publishAt <= ctx.now,
    subscribers: sum('pending', 'sending', 'sent', 'failed', 'not_reached'),
    sent: sum('sent'),
    pending: sum('pending', 'sending'),
    failed: sum('failed'),
    notReachedCount: sum('not_reached'),
    failures: counts.filter((c) => c.status === 'failed').map((c) => ({ reason: c.reason ?? 'failed', count: c.n })),
    notReached: notReached.map((r) => ({ name: r.name, groupName: r.groupName, reason: r.reason, reasonText: r.reasonText })),
  };
}

/** The group a leader's not-reached list is for: theirs, or the one asked for by staff; 404 otherwise. */
async function groupForList(ctx: AuthedCtx, asked: string | undefined) {
  const led = ctx.actor.roles.filter((r) => r.role === 'group_leader' && r.communityId === ctx.communityId).map((r) => r.groupId);
  const groupId = asked ?? led[0] ?? undefined;
  if (!groupId) throw new AppError('VALIDATION_FAILED', '请选择居民小组。', { errors: [{ path: 'query.groupId', message: '请选择居民小组' }] });
  if (!canPublish(ctx) && !led.includes(groupId)) throw notFound('居民小组');
  const [group] = await ctx.db
    .select({ id: residentGroups.id, name: residentGroups.name })
    .from(residentGroups)
    .where(and(eq(residentGroups.id, groupId), eq(residentGroups.communityId, ctx.communityId)));
  if (!group) throw notFound('居民小组');
  return group;
}

/**
 * A group leader's list of the residents of their group a notice did not reach; staff and the
 * committee may ask for any group. Another group's list is a 404 for a leader.
 */
export async function notReachedInGroup({ ctx, input }: { ctx: AuthedCtx; input: { id: string; groupId?: string } }) {
  const group = await groupForList(ctx, input.groupId);
  const notice = await requireNotice(ctx, input.id);
  if (notice.publishAt > ctx.now) throw notFound('公告');
  const items = await notReachedResidents(ctx, notice, group.id);
  return { notice: { id: notice.id, title: notice.title, publishAt: notice.publishAt.toISOString() }, group, items };
}

/**
 * The leader marks a resident of their group on a notice's not-reached list as told (已告知): the
 * time and who, kept once (a second mark answers the first). Only someone on the list may be
 * marked (404 otherwise, as for another group's people).
 */
export async function markInformed({ ctx, input }: { ctx: AuthedCtx; input: { id: string; residentId: string } }) {
  const notice = await requireNotice(ctx, input.id);
  if (notice.publishAt > ctx.now) throw notFound('公告');
  const [resident] = await ctx.db
    .select({ groupId: residents.groupId })
    .from(residents)
    .where(and(eq(residents.id, input.residentId), eq(residents.communityId, ctx.communityId)));
  if (!resident) throw notFound('居民');
  const group = await groupForList(ctx, resident.groupId).catch(() => {
    throw notFound('居民');
  });
  const listed = (await notReachedResidents(ctx, notice, group.id)).find((r) => r.residentId === input.residentId);
  if (!listed) throw notFound('居民');
  if (listed.informed) return { residentId: listed.residentId, name: listed.name, informed: listed.informed };
  await ctx.db
    .insert(noticeInformed)
    .values({ communityId: ctx.communityId, noticeId: notice.id, residentId: listed.residentId, markedByAccountId: ctx.actor.accountId, at: ctx.now })
    .onConflictDoNothing();
  const again = (await notReachedResidents(ctx, notice, group.id)).find((r) => r.residentId === input.residentId)!;
  return { residentId: again.residentId, name: again.name, informed: again.informed! };
}

/**
 * The leader's 我的小组 card: the notices of the last 30 days with people of the group still to
 * tell (not reached on WeChat and not yet marked 已告知), newest first.
 */
export async function toTell({ ctx, input }: { ctx: AuthedCtx; input: { groupId?: string } }) {
  const group = await groupForList(ctx, input.groupId);
  const since = new Date(ctx.now.getTime() - 30 * 86_400_000);
  const recent = await ctx.db
    .select()
    .from(notices)
    .where(and(eq(notices.communityId, ctx.communityId), gte(notices.publishAt, since), lte(notices.publishAt, ctx.now)))
    .orderBy(desc(notices.publishAt))
    .limit(10);
  const items = [];
  for (const n of recent) {
    const people = await notReachedResidents(ctx, n, group.id);
    const left = people.filter((p) => !p.informed).length;
    if (people.length > 0) items.push({ noticeId: n.id, title: n.title, publishAt: n.publishAt.toISOString(), notReached: people.length, toTell: left });
  }
  return { group, items, toTell: items.reduce((a, i) => a + i.toTell, 0) };
}

/**
 * Which of `kinds` an election's notices already have, published or scheduled: elections ask it
 * for the notices their calendar still misses.
 */
export async function electionNoticeKinds(ctx: Ctx, electionId: string, kinds: readonly NoticeKind[]): Promise<Set<NoticeKind>> {
  const have = await noticeKindsOf(ctx.db).execute({ communityId: ctx.communityId, electionId, kinds: [...kinds] });
  return new Set(have.flatMap((h) => (h.kind ? [h.kind] : [])));
}

// Asked by the election calendar on every look: built once per database, prepared.
const noticeKindsOf = perDatabase((db) =>
  db
    .selectDistinct({ kind: notices.kind })
    .from(notices)
    .where(
      and(
        eq(notices.communityId, sql.placeholder('communityId')),
        eq(notices.electionId, sql.placeholder('electionId')),
        sql`${notices.kind}::text = any(${sql.placeholder('kinds')}::text[])`,
      ),
    )
    .prepare('election_notice_kinds'),
);
