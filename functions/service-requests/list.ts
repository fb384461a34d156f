import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { accounts, residents, type ServiceRequestStatus, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { containing } from '../_platform/like.js';
import { badCursor, decodeCursor, encodeCursor, UUID_PATTERN } from '../_platform/paging.js';
import { selectRequests, view } from './read-model.js';
import { visibleWhere } from './visibility.js';

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
export async function listServiceRequests({ ctx, input }: { ctx: AuthedCtx; input: ListInput }) {
  const filters: (SQL | undefined)[] = [
    eq(serviceRequests.communityId, ctx.communityId),
    visibleWhere(ctx),
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
