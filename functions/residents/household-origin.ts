import { and, eq } from 'drizzle-orm';
import { households } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import type { AuthedCtx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { staffRoles } from '../_shared/roles.js';

export interface HouseholdOrigin {
  originVillage: string | null;
  resettledYear: number | null;
}

const view = (row: { id: string; label: string } & HouseholdOrigin) => ({
  id: row.id,
  label: row.label,
  originVillage: row.originVillage,
  resettledYear: row.resettledYear,
});

/**
 * The village a resettled household came from and the year it moved (易地扶贫搬迁): where its
 * land and collective-economy rights stay, so where a 原村权益 question is referred. Staff only:
 * it says who is a relocated family, which the rest of the community need not read off a page.
 */
export async function getHouseholdOrigin({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  requireRole(ctx, ...staffRoles);
  const [row] = await ctx.db
    .select({ id: households.id, label: households.label, originVillage: households.originVillage, resettledYear: households.resettledYear })
    .from(households)
    .where(and(eq(households.id, input.id), eq(households.communityId, ctx.communityId)));
  if (!row) throw notFound('户');
  return view(row);
}

export async function setHouseholdOrigin({ ctx, input }: { ctx: AuthedCtx; input: { id: string } & HouseholdOrigin }) {
  requireRole(ctx, ...staffRoles);
  const [row] = await ctx.db
    .update(households)
    .set({ originVillage: input.originVillage, resettledYear: input.resettledYear })
    .where(and(eq(households.id, input.id), eq(households.communityId, ctx.communityId)))
    .returning({ id: households.id, label: households.label, originVillage: households.originVillage, resettledYear: households.resettledYear });
  if (!row) throw notFound('户');
  return view(row);
}
