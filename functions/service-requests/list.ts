import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, residents, type ServiceRequestStatus, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { containing } from '../_platform/like.js';
import { badCursor, decodeCursor, encodeCursor, UUID_PATTERN } from '../_platform/paging.js';
import { keysetPage } from '../_shared/keyset.js';
import { isPhone } from '../_shared/phone.js';
import { isAdmin, isStaff } from './permissions.js';
import { selectRequests, view } from './read-model.js';
import { visibleWhere } from './visibility.js';

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

const $ = sql.placeholder;

/**
 * What a page's statement looks like, apart from its values: which filters are set, how the
 * caller sees the queue (visibleWhere: a resident, staff or an administrator), the order and
 * whether it starts after a cursor. Each shape is built once per database and prepared, with
 * every value a placeholder; a short name, since Postgres cuts statement names at 63 bytes.
 */
function shapeOf(ctx: AuthedCtx, input: ListInput) {
  const who = !isStaff(ctx) ? 'r' : isAdmin(ctx) ? 'a' : 's';
  const q = input.q ? (isPhone(input.q) ? 'P' : 'N') : '';
  const overdue = input.overdue === undefined ? '' : input.overdue ? 'O' : 'o';
  const flags = `${input.status ? 'S' : ''}${input.categoryCode ? 'C' : ''}${overdue}${input.flagged !== undefined ? 'F' : ''}${q}${input.cursor ? 'K' : ''}`;
  return `sr_list_${input.sort === 'urgency' ? 'u' : 'n'}${who}${flags}`;
}

/**
 * Staff search the queue by the resident's name (any part) or by the filer's phone number (the
 * whole number: phones are stored encrypted, with a keyed hash for equality).
 */
function matchesPerson(db: Db, byPhone: boolean): SQL | undefined {
  const byName = ilike(residents.name, $('name'));
  if (!byPhone) return byName;
  return or(
    byName,
    inArray(
      serviceRequests.ownerAccountId,
      db
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(accounts.phoneHash, $('phoneHash'))),
    ),
  );
}

// Nearest deadline first; finished requests (no deadline) after all open ones. Keyset paging on
// the same expression the urgency index holds.
const urgency = sql<Date>`coalesce(${serviceRequests.dueAt}, 'infinity'::timestamptz)`;

function buildPage(db: Db, ctx: AuthedCtx, input: ListInput, name: string) {
  const filters: (SQL | undefined)[] = [
    eq(serviceRequests.communityId, $('communityId')),
    visibleWhere(ctx, $('me')),
    input.status ? eq(serviceRequests.status, $('status')) : undefined,
    input.categoryCode ? eq(serviceRequests.categoryCode, $('categoryCode')) : undefined,
    input.overdue === true ? lt(serviceRequests.dueAt, $('now')) : undefined,
    input.overdue === false ? or(isNull(serviceRequests.dueAt), gt(serviceRequests.dueAt, $('now'))) : undefined,
    input.flagged !== undefined ? eq(serviceRequests.flagged, $('flagged')) : undefined,
    input.q ? matchesPerson(db, isPhone(input.q)) : undefined,
  ];
  const select = selectRequests({ ...ctx, db });
  if (input.sort === 'urgency') {
    if (input.cursor) filters.push(sql`(${urgency}, ${serviceRequests.id}) > (${$('afterDue')}::timestamptz, ${$('afterId')}::uuid)`);
    return select
      .where(and(...filters))
      .orderBy(asc(urgency), asc(serviceRequests.id))
      .limit($('limit'))
      .prepare(name);
  }
  if (input.cursor) filters.push(lt(serviceRequests.id, $('afterId')));
  return select
    .where(and(...filters))
    .orderBy(desc(serviceRequests.id))
    .limit($('limit'))
    .prepare(name);
}

const pages = new WeakMap<Db, Map<string, ReturnType<typeof buildPage>>>();

/** One query per page, whatever the filters: keyset paging on (id) or on (due_at, id). */
export async function listServiceRequests({ ctx, input }: { ctx: AuthedCtx; input: ListInput }) {
  const name = shapeOf(ctx, input);
  let built = pages.get(ctx.db);
  if (!built) {
    built = new Map();
    pages.set(ctx.db, built);
  }
  let query = built.get(name);
  if (!query) {
    query = buildPage(ctx.db, ctx, input, name);
    built.set(name, query);
  }

  const urgencyCursor = input.sort === 'urgency' ? decodeUrgencyCursor(input.cursor) : undefined;
  const after = input.sort === 'urgency' ? urgencyCursor?.id : decodeCursor(input.cursor);
  const rows = await query.execute({
    communityId: ctx.communityId,
    me: ctx.actor.accountId,
    status: input.status,
    categoryCode: input.categoryCode,
    now: ctx.now.toISOString(),
    flagged: input.flagged,
    name: input.q ? containing(input.q) : undefined,
    phoneHash: input.q && isPhone(input.q) ? ctx.services.cipher.hash(input.q) : undefined,
    afterDue: urgencyCursor?.dueAt,
    afterId: after,
    limit: input.limit + 1,
  });
  const { items, last } = keysetPage(rows, input.limit);
  return {
    items: items.map((r) => view(ctx, r)),
    nextCursor: last ? (input.sort === 'urgency' ? encodeUrgencyCursor(last.dueAt, last.id) : encodeCursor(last.id)) : null,
  };
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
