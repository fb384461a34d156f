import { type AuthedCtx, hasRole } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { staffRoles } from '../_shared/roles.js';

/** The service window's roles as small predicates, used by the verbs and by visibility. */
export const isStaff = (ctx: AuthedCtx): boolean => hasRole(ctx.actor, ctx.communityId, ...staffRoles);
export const isAdmin = (ctx: AuthedCtx): boolean => hasRole(ctx.actor, ctx.communityId, 'admin');
export const isLeaderOf = (ctx: AuthedCtx, groupId: string | null): boolean =>
  groupId !== null && ctx.actor.roles.some((r) => r.role === 'group_leader' && r.communityId === ctx.communityId && r.groupId === groupId);

/**
 * Rating and reopening speak for the resident: only the resident, or the group leader who filed
 * an ordinary (not sensitive) request for them. Staff who filed at the window do not, nor does
 * whoever handles it. Anyone else is told the request does not exist.
 */
export function requireSpeaksForResident(
  ctx: AuthedCtx,
  row: { ownerAccountId: string | null; filedByAccountId: string; onBehalf: boolean; sensitive: boolean; groupId: string | null },
): void {
  const me = ctx.actor.accountId;
  const leaderWhoFiled = row.onBehalf && row.filedByAccountId === me && !row.sensitive && isLeaderOf(ctx, row.groupId);
  if (row.ownerAccountId !== me && !leaderWhoFiled) throw notFound('办事申请');
}
