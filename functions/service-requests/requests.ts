import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  accountRoles,
  accounts,
  residentGroups,
  residents,
  type ServiceRequestStatus,
  serviceCategories,
  serviceRatings,
  serviceRequestEvents,
  serviceRequests,
} from '../../db/schema/index.js';
import { type AuthedCtx, hasRole, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { containing } from '../_platform/like.js';
import { badCursor, decodeCursor, encodeCursor, UUID_PATTERN } from '../_platform/paging.js';
import { kickDeliveries, queueMessages } from '../notices/outbox.js';
import { checkContent } from './content-check.js';
import { progressMessage } from './progress-message.js';
import { canTransition, dueAtFor, isOverdue, titleFrom } from './rules.js';

type Args<I> = { ctx: AuthedCtx; input: I };

const isStaff = (ctx: AuthedCtx) => hasRole(ctx.actor, ctx.communityId, 'staff', 'admin');
const isLeaderOf = (ctx: AuthedCtx, groupId: string | null) =>
  groupId !== null && ctx.actor.roles.some((r) => r.role === 'group_leader' && r.communityId === ctx.communityId && r.groupId === groupId);

const columns = {
  id: serviceRequests.id,
  categoryCode: serviceRequests.categoryCode,
  categoryName: serviceCategories.name,
  sensitive: serviceCategories.sensitive,
  title: serviceRequests.title,
  description: serviceRequests.description,
  status: serviceRequests.status,
  flagged: serviceRequests.flagged,
  onBehalf: serviceRequests.onBehalf,
  referTo: serviceRequests.referTo,
  ownerAccountId: serviceRequests.ownerAccountId,
  filedByAccountId: serviceRequests.filedByAccountId,
  residentId: serviceRequests.residentId,
  assignedToAccountId: serviceRequests.assignedToAccountId,
  residentName: residents.name,
  groupId: serviceRequests.groupId,
  groupName: residentGroups.name,
  acceptDueAt: serviceRequests.acceptDueAt,
  resolveDueAt: serviceRequests.resolveDueAt,
  dueAt: serviceRequests.dueAt,
  firstReplyAt: serviceRequests.firstReplyAt,
  resolvedAt: serviceRequests.resolvedAt,
  createdAt: serviceRequests.createdAt,
  updatedAt: serviceRequests.updatedAt,
};

const selectRequests = (ctx: AuthedCtx) =>
  ctx.db
    .select(columns)
    .from(serviceRequests)
    .innerJoin(serviceCategories, and(eq(serviceCategories.communityId, serviceRequests.communityId), eq(serviceCategories.code, serviceRequests.categoryCode)))
    .leftJoin(residents, eq(residents.id, serviceRequests.residentId))
    .leftJoin(residentGroups, eq(residentGroups.id, serviceRequests.groupId));

type Row = Awaited<ReturnType<ReturnType<typeof selectRequests>['where']>>[number];

function view(ctx: AuthedCtx, r: Row) {
  return {
    id: r.id,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    sensitive: r.sensitive,
    title: r.title,
    description: r.description,
    status: r.status,
    flagged: r.flagged,
    onBehalf: r.onBehalf,
    ...(r.residentName ? { residentName: r.residentName } : {}),
    ...(r.groupName ? { groupName: r.groupName } : {}),
    ...(r.referTo ? { referTo: r.referTo } : {}),
    mine: r.ownerAccountId === ctx.actor.accountId || r.filedByAccountId === ctx.actor.accountId,
    assignedToMe: r.assignedToAccountId === ctx.actor.accountId,
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: isOverdue(r.dueAt, ctx.now),
    firstReplyAt: r.firstReplyAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const isAdmin = (ctx: AuthedCtx) => hasRole(ctx.actor, ctx.communityId, 'admin');

/**
 * Who sees a request: the resident it belongs to; whoever filed it on their behalf; staff of the
 * community. Everyone else gets 404, as if it did not exist. Sensitive categories (低保, relief)
 * never reach a group leader (leaders cannot file them on behalf, below), and once a staff
 * member has taken one on (accepted or refused it), only they, the resident and the
 * administrators see it — not even the colleague who filed it at the window: in a small town a
 * welfare application is not the whole office's business.
 */
const visibleTo = (ctx: AuthedCtx, r: Pick<Row, 'ownerAccountId' | 'filedByAccountId' | 'sensitive' | 'assignedToAccountId'>) => {
  const me = ctx.actor.accountId;
  if (r.ownerAccountId === me) return true;
  if (!r.sensitive) return r.filedByAccountId === me || isStaff(ctx);
  if (r.assignedToAccountId !== null) return r.assignedToAccountId === me || isAdmin(ctx);
  return r.filedByAccountId === me || isStaff(ctx);
};

async function loadVisible(ctx: AuthedCtx, id: string, opts: { lock?: boolean } = {}) {
  const query = selectRequests(ctx).where(and(eq(serviceRequests.id, id), eq(serviceRequests.communityId, ctx.communityId)));
  const [row] = opts.lock ? await query.for('update', { of: serviceRequests }) : await query;
  if (!row || !visibleTo(ctx, row)) throw notFound('办事申请');
  return row;
}

async function addEvent(
  ctx: AuthedCtx,
  requestId: string,
  event: { type: 'submitted' | 'status' | 'reply' | 'rating' | 'reopened' | 'assigned'; body?: string | null; status?: ServiceRequestStatus | null },
) {
  const [row] = await ctx.db
    .insert(serviceRequestEvents)
    .values({
      communityId: ctx.communityId,
      requestId,
      type: event.type,
      actorAccountId: ctx.actor.accountId,
      actorName: ctx.actor.name,
      body: event.body ?? null,
      status: event.status ?? null,
      at: ctx.now,
    })
    .returning({ id: serviceRequestEvents.id });
  return row!.id;
}

/**
 * Staff moved a request on: its resident and whoever filed it for them get a 办事进度 message
 * through the outbox, in the same transaction, if they hold a credit for that template.
 */
async function queueProgressMessage(ctx: AuthedCtx, row: Row, eventId: string, progress: { status: string; note?: string | null }) {
  await queueMessages(ctx, {
    source: 'service_request',
    subjectId: eventId,
    accountIds: [row.ownerAccountId, row.filedByAccountId].filter((id): id is string => !!id && id !== ctx.actor.accountId),
    templateKey: 'service',
    page: `service/detail/index?id=${row.id}`,
    data: progressMessage({ title: row.title, status: progress.status, note: progress.note ?? null, at: ctx.now }),
  });
}

export interface CreateInput {
  categoryCode: string;
  title?: string;
  description: string;
  onBehalfOfResidentId?: string;
}

export async function createServiceRequest({ ctx, input }: Args<CreateInput>) {
  const [category] = await ctx.db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.communityId, ctx.communityId), eq(serviceCategories.code, input.categoryCode)));
  if (!category) throw new AppError('VALIDATION_FAILED', '请选择办事类别。', { errors: [{ path: 'body.categoryCode', message: '没有这个办事类别' }] });

  let owner: { accountId: string | null; residentId: string | null; groupId: string | null };
  if (input.onBehalfOfResidentId) {
    // 代办: staff for anyone in the community, a group leader for the people of their own group.
    const [resident] = await ctx.db
      .select({ id: residents.id, accountId: residents.accountId, groupId: residents.groupId })
      .from(residents)
      .where(and(eq(residents.id, input.onBehalfOfResidentId), eq(residents.communityId, ctx.communityId)));
    if (!isStaff(ctx) && !(resident && isLeaderOf(ctx, resident.groupId))) {
      if (!hasRole(ctx.actor, ctx.communityId, 'group_leader')) throw forbidden();
      throw notFound('居民');
    }
    if (!resident) throw notFound('居民');
    if (category.sensitive && !isStaff(ctx)) {
      throw new AppError('FORBIDDEN', '低保、优抚救济等事项涉及个人隐私，请陪同居民到社区便民服务窗口由工作人员办理。');
    }
    owner = { accountId: resident.accountId, residentId: resident.id, groupId: resident.groupId };
  } else {
    const [resident] = await ctx.db
      .select({ id: residents.id, groupId: residents.groupId })
      .from(residents)
      .where(and(eq(residents.communityId, ctx.communityId), eq(residents.accountId, ctx.actor.accountId)));
    owner = { accountId: ctx.actor.accountId, residentId: resident?.id ?? null, groupId: resident?.groupId ?? null };
  }

  const title = input.title?.trim() || titleFrom(input.description);
  const verdict = await checkContent(ctx, `${title}\n${input.description}`);
  const acceptDueAt = new Date(ctx.now.getTime() + category.slaAcceptHours * 3600_000);
  const resolveDueAt = new Date(ctx.now.getTime() + category.slaResolveHours * 3600_000);

  const id = await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(serviceRequests)
      .values({
        communityId: tx.communityId,
        ownerAccountId: owner.accountId,
        residentId: owner.residentId,
        groupId: owner.groupId,
        filedByAccountId: tx.actor.accountId,
        onBehalf: !!input.onBehalfOfResidentId,
        categoryCode: category.code,
        title,
        description: input.description,
        status: 'submitted',
        flagged: verdict === 'review',
        acceptDueAt,
        resolveDueAt,
        dueAt: acceptDueAt,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .returning({ id: serviceRequests.id });
    await addEvent(tx, row!.id, {
      type: 'submitted',
      status: 'submitted',
      body: input.onBehalfOfResidentId ? `${tx.actor.name} 代为提交` : null,
    });
    return row!.id;
  });
  return getServiceRequest({ ctx, input: { id } });
}

/** The list's version of visibleTo, as SQL. */
function listScope(ctx: AuthedCtx): SQL | undefined {
  const me = ctx.actor.accountId;
  const owner = eq(serviceRequests.ownerAccountId, me);
  const untakenOrOrdinary = or(eq(serviceCategories.sensitive, false), isNull(serviceRequests.assignedToAccountId));
  if (!isStaff(ctx)) return or(owner, and(eq(serviceRequests.filedByAccountId, me), untakenOrOrdinary));
  if (isAdmin(ctx)) return undefined;
  return or(owner, untakenOrOrdinary, eq(serviceRequests.assignedToAccountId, me));
}

/**
 * Staff search the queue by the resident's name (any part) or by the filer's phone number (the
 * whole number: phones are stored encrypted, with a keyed hash for equality).
 */
function matchesPerson(ctx: AuthedCtx, q: string): SQL | undefined {
  const byName = ilike(residents.name, containing(q));
  if (!/^1\d{10}$/.test(q)) return byName;
  const byPhone = inArray(
    serviceRequests.ownerAccountId,
    ctx.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.phoneHash, ctx.services.cipher.hash(q))),
  );
  return or(byName, byPhone);
}

export interface ListInput {
  q?: string;
  status?: ServiceRequestStatus;
  categoryCode?: string;
  overdue?: boolean;
  flagged?: boolean;
  sort: 'newest' | 'urgency';
  limit: number;
  cursor?: string;
}

/** One query per page, whatever the filters: keyset paging on (id) or on (due_at, id). */
export async function listServiceRequests({ ctx, input }: Args<ListInput>) {
  const filters: (SQL | undefined)[] = [
    eq(serviceRequests.communityId, ctx.communityId),
    listScope(ctx),
    input.status ? eq(serviceRequests.status, input.status) : undefined,
    input.categoryCode ? eq(serviceRequests.categoryCode, input.categoryCode) : undefined,
    input.overdue === true ? lt(serviceRequests.dueAt, ctx.now) : undefined,
    input.overdue === false ? or(isNull(serviceRequests.dueAt), gt(serviceRequests.dueAt, ctx.now)) : undefined,
    input.flagged !== undefined ? eq(serviceRequests.flagged, input.flagged) : undefined,
    input.q ? matchesPerson(ctx, input.q) : undefined,
  ];
  if (input.sort === 'urgency') {
    // Nearest deadline first; finished requests (no deadline) after all open ones. Keyset paging
    // on the same expression the urgency index holds.
    const urgency = sql<Date>`coalesce(${serviceRequests.dueAt}, 'infinity'::timestamptz)`;
    const cursor = decodeUrgencyCursor(input.cursor);
    if (cursor) filters.push(sql`(${urgency}, ${serviceRequests.id}) > (${cursor.dueAt}::timestamptz, ${cursor.id}::uuid)`);
    const rows = await selectRequests(ctx)
      .where(and(...filters))
      .orderBy(asc(urgency), asc(serviceRequests.id))
      .limit(input.limit + 1);
    const items = rows.slice(0, input.limit);
    const last = items[items.length - 1];
    return { items: items.map((r) => view(ctx, r)), nextCursor: rows.length > input.limit && last ? encodeUrgencyCursor(last.dueAt, last.id) : null };
  }
  const after = decodeCursor(input.cursor);
  if (after) filters.push(lt(serviceRequests.id, after));
  const rows = await selectRequests(ctx)
    .where(and(...filters))
    .orderBy(desc(serviceRequests.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items: items.map((r) => view(ctx, r)), nextCursor: rows.length > input.limit ? encodeCursor(items[items.length - 1]!.id) : null };
}

const encodeUrgencyCursor = (dueAt: Date | null, id: string) => Buffer.from(`${dueAt ? dueAt.toISOString() : 'infinity'}|${id}`).toString('base64url');
function decodeUrgencyCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [dueAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  // Exactly what encodeUrgencyCursor writes: Date.parse alone lets "1" through, which Postgres refuses.
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  if (!dueAt || !id || rest.length || (dueAt !== 'infinity' && (!iso.test(dueAt) || Number.isNaN(Date.parse(dueAt)))) || !UUID_PATTERN.test(id)) {
    throw badCursor();
  }
  return { dueAt, id };
}

const filer = alias(accounts, 'filer');
type EventRow = { type: string; actorName: string; body: string | null; status: ServiceRequestStatus | null; at: string };

/** A request with its rating, who filed it and its whole timeline: one round trip. */
export async function getServiceRequest({ ctx, input }: Args<{ id: string }>) {
  const events = sql<EventRow[]>`coalesce((
    select json_agg(json_build_object('type', e.type, 'actorName', e.actor_name, 'body', e.body, 'status', e.status, 'at', e.at) order by e.id)
    from ${serviceRequestEvents} e
    where e.community_id = ${serviceRequests.communityId} and e.request_id = ${serviceRequests.id}
  ), '[]'::json)`;
  const [row] = await ctx.db
    .select({ ...columns, ratingScore: serviceRatings.score, ratingComment: serviceRatings.comment, filedByName: filer.name, events })
    .from(serviceRequests)
    .innerJoin(serviceCategories, and(eq(serviceCategories.communityId, serviceRequests.communityId), eq(serviceCategories.code, serviceRequests.categoryCode)))
    .leftJoin(residents, eq(residents.id, serviceRequests.residentId))
    .leftJoin(residentGroups, eq(residentGroups.id, serviceRequests.groupId))
    .leftJoin(serviceRatings, and(eq(serviceRatings.communityId, serviceRequests.communityId), eq(serviceRatings.requestId, serviceRequests.id)))
    .leftJoin(filer, eq(filer.id, serviceRequests.filedByAccountId))
    .where(and(eq(serviceRequests.id, input.id), eq(serviceRequests.communityId, ctx.communityId)));
  if (!row || !visibleTo(ctx, row)) throw notFound('办事申请');
  return {
    ...view(ctx, row),
    ...(row.onBehalf && row.filedByName ? { filedByName: row.filedByName } : {}),
    rating: row.ratingScore !== null ? { score: row.ratingScore, ...(row.ratingComment ? { comment: row.ratingComment } : {}) } : null,
    events: row.events.map((e) => ({
      type: e.type,
      actorName: e.actorName,
      ...(e.body ? { body: e.body } : {}),
      ...(e.status ? { status: e.status } : {}),
      at: new Date(e.at).toISOString(),
    })),
  };
}

export async function replyToServiceRequest({ ctx, input }: Args<{ id: string; body: string }>) {
  const row = await loadVisible(ctx, input.id);
  // Replies that come back "review" are still posted; only risky text is refused.
  if (!isStaff(ctx)) await checkContent(ctx, input.body);
  await withTransaction(ctx, async (tx) => {
    const eventId = await addEvent(tx, row.id, { type: 'reply', body: input.body });
    if (isStaff(ctx)) await queueProgressMessage(tx, row, eventId, { status: 'reply', note: input.body });
    const staffReply = isStaff(ctx) && !row.firstReplyAt;
    await tx.db
      .update(serviceRequests)
      .set({ updatedAt: tx.now, ...(staffReply ? { firstReplyAt: tx.now } : {}) })
      .where(eq(serviceRequests.id, row.id));
  });
  if (isStaff(ctx)) kickDeliveries(ctx.services);
  return { type: 'reply', actorName: ctx.actor.name, body: input.body, at: ctx.now.toISOString() };
}

export async function changeServiceRequestStatus({ ctx, input }: Args<{ id: string; status: ServiceRequestStatus; note?: string; referTo?: string }>) {
  if (input.status === 'rejected' && !input.note) {
    throw new AppError('VALIDATION_FAILED', '不予受理时必须写明理由。', { errors: [{ path: 'body.note', message: '请填写不予受理的理由' }] });
  }
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    if (!canTransition(row.status, input.status)) {
      throw new AppError('INVALID_TRANSITION', `当前状态不能改为该状态。`);
    }
    await tx.db
      .update(serviceRequests)
      .set({
        status: input.status,
        dueAt: dueAtFor(input.status, row),
        updatedAt: tx.now,
        // Whoever accepts a request handles it, unless someone already does; whoever refuses one
        // straight away has handled it (a refused sensitive request then leaves the other staff's view).
        ...(input.status === 'accepted' ? { acceptedAt: tx.now, assignedToAccountId: row.assignedToAccountId ?? tx.actor.accountId } : {}),
        ...(input.status === 'rejected' ? { assignedToAccountId: row.assignedToAccountId ?? tx.actor.accountId } : {}),
        ...(input.status === 'resolved' || input.status === 'rejected' ? { resolvedAt: tx.now } : {}),
        ...(input.referTo ? { referTo: input.referTo } : {}),
      })
      .where(eq(serviceRequests.id, row.id));
    const note = [input.note, input.referTo ? `请联系：${input.referTo}` : null].filter(Boolean).join('\n');
    const eventId = await addEvent(tx, row.id, { type: 'status', status: input.status, body: note || null });
    await queueProgressMessage(tx, row, eventId, { status: input.status, note: note || null });
  });
  kickDeliveries(ctx.services);
  return getServiceRequest({ ctx, input: { id: input.id } });
}

/**
 * Rating and reopening speak for the resident: only the resident, or the group leader who filed
 * an ordinary (not sensitive) request for them. Staff who filed at the window do not, nor does
 * whoever handles it.
 */
const ownerOnly = (ctx: AuthedCtx, row: Row) => {
  const me = ctx.actor.accountId;
  const leaderWhoFiled = row.onBehalf && row.filedByAccountId === me && !row.sensitive && isLeaderOf(ctx, row.groupId);
  if (row.ownerAccountId !== me && !leaderWhoFiled) throw notFound('办事申请');
};

export async function reopenServiceRequest({ ctx, input }: Args<{ id: string; reason: string }>) {
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    ownerOnly(ctx, row);
    if (row.status !== 'resolved') throw new AppError('INVALID_TRANSITION', '只有已办结的申请才能重新办理。');
    await tx.db
      .update(serviceRequests)
      .set({ status: 'in_progress', dueAt: dueAtFor('in_progress', row), resolvedAt: null, updatedAt: tx.now })
      .where(eq(serviceRequests.id, row.id));
    await addEvent(tx, row.id, { type: 'reopened', status: 'in_progress', body: input.reason });
  });
  return getServiceRequest({ ctx, input: { id: input.id } });
}

export async function rateServiceRequest({ ctx, input }: Args<{ id: string; score: number; comment?: string }>) {
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    ownerOnly(ctx, row);
    if (row.status !== 'resolved') throw new AppError('INVALID_TRANSITION', '办结之后才能评价。');
    // One rating per request, changeable: a second one replaces the first, and its timeline entry.
    const body = `${'★'.repeat(input.score)}${input.comment ? ` ${input.comment}` : ''}`;
    await tx.db
      .insert(serviceRatings)
      .values({ communityId: tx.communityId, requestId: row.id, score: input.score, comment: input.comment ?? null, at: tx.now })
      .onConflictDoUpdate({
        target: [serviceRatings.communityId, serviceRatings.requestId],
        set: { score: input.score, comment: input.comment ?? null, at: tx.now },
      });
    // The timeline keeps one rating entry, at the time of the latest change.
    await tx.db
      .delete(serviceRequestEvents)
      .where(and(eq(serviceRequestEvents.communityId, tx.communityId), eq(serviceRequestEvents.requestId, row.id), eq(serviceRequestEvents.type, 'rating')));
    await addEvent(tx, row.id, { type: 'rating', body });
  });
  return { score: input.score, ...(input.comment ? { comment: input.comment } : {}) };
}

/**
 * An administrator hands a request to a staff member of the community (or takes it back: null).
 * The resident and the staff see it on the timeline ("交给X办理"): a 低保 case never changes hands
 * without a trace. Handing it to whoever already has it changes nothing and says nothing.
 */
export async function assignServiceRequest({ ctx, input }: Args<{ id: string; accountId: string | null }>) {
  let assignee: { id: string; name: string } | null = null;
  if (input.accountId) {
    [assignee = null] = await ctx.db
      .select({ id: accounts.id, name: accounts.name })
      .from(accountRoles)
      .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
      .where(and(eq(accountRoles.accountId, input.accountId), eq(accountRoles.communityId, ctx.communityId), inArray(accountRoles.role, ['staff', 'admin'])))
      .limit(1);
    if (!assignee)
      throw new AppError('VALIDATION_FAILED', '只能交给本社区的工作人员办理。', { errors: [{ path: 'body.accountId', message: '不是本社区的工作人员' }] });
  }
  await withTransaction(ctx, async (tx) => {
    // Locked: two hand-overs at once take turns, so each reads who has it now and the timeline
    // tells the changes in the order they happened.
    const row = await loadVisible(tx, input.id, { lock: true });
    if (row.assignedToAccountId === (assignee?.id ?? null)) return;
    await addEvent(tx, row.id, { type: 'assigned', body: assignee ? `交给${assignee.name}办理` : '收回，另行安排' });
    await tx.db
      .update(serviceRequests)
      .set({ assignedToAccountId: assignee?.id ?? null, updatedAt: tx.now })
      .where(eq(serviceRequests.id, row.id));
  });
  return getServiceRequest({ ctx, input: { id: input.id } });
}
