import { and, eq, sql } from 'drizzle-orm';
import { residentGroups, residents, serviceCategories, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { isStaff } from './permissions.js';
import { isOverdue } from './rules.js';
import { visibleTo } from './visibility.js';

/** The columns every reading of a request selects: its own, its category's, its resident's and group's names. */
export const columns = {
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

export const selectRequests = (ctx: Pick<AuthedCtx, 'db'>) =>
  ctx.db
    .select(columns)
    .from(serviceRequests)
    .innerJoin(serviceCategories, and(eq(serviceCategories.communityId, serviceRequests.communityId), eq(serviceCategories.code, serviceRequests.categoryCode)))
    .leftJoin(residents, eq(residents.id, serviceRequests.residentId))
    .leftJoin(residentGroups, eq(residentGroups.id, serviceRequests.groupId));

export type Row = Awaited<ReturnType<ReturnType<typeof selectRequests>['where']>>[number];

/** A request as the API answers it, seen by the caller (`mine`, `assignedToMe`, `overdue` now). */
export function view(ctx: AuthedCtx, r: Row) {
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
    // Staff call the resident from the request (POST /api/residents/{id}/phone-reveal).
    ...(r.residentId && isStaff(ctx) ? { residentId: r.residentId } : {}),
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

// A request read to check who may see it (a photo's link, a reply): built once per database, prepared.
const requestById = perDatabase((db) =>
  selectRequests({ db })
    .where(and(eq(serviceRequests.id, sql.placeholder('id')), eq(serviceRequests.communityId, sql.placeholder('communityId'))))
    .prepare('service_request_by_id'),
);

/** One request of the community the caller may see (`lock`: for update, inside the caller's transaction); 404 otherwise. */
export async function loadVisible(ctx: AuthedCtx, id: string, opts: { lock?: boolean } = {}) {
  const [row] = opts.lock
    ? await selectRequests(ctx)
        .where(and(eq(serviceRequests.id, id), eq(serviceRequests.communityId, ctx.communityId)))
        .for('update', { of: serviceRequests })
    : await requestById(ctx.db).execute({ id, communityId: ctx.communityId });
  if (!row || !visibleTo(ctx, row)) throw notFound('办事申请');
  return row;
}
