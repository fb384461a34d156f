import { asc, eq } from 'drizzle-orm';
import { serviceCategories } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';

/**
 * The service window's categories: the duties the founding plan gives the community (四、工作职能):
 * social security, minimum living allowance (低保), employment, relief and preferential care
 * (优抚救济), certificates, family planning, sanitation, public order, other.
 * SLA hours are the community's defaults; each community can change its own rows.
 */
export const defaultServiceCategories = [
  { code: 'social_security', name: '社会保障', slaAcceptHours: 24, slaResolveHours: 120, sensitive: false },
  { code: 'minimum_living', name: '低保申请', slaAcceptHours: 24, slaResolveHours: 240, sensitive: true },
  { code: 'employment', name: '就业介绍', slaAcceptHours: 24, slaResolveHours: 168, sensitive: false },
  { code: 'relief', name: '优抚救济', slaAcceptHours: 24, slaResolveHours: 240, sensitive: true },
  { code: 'certificate', name: '证明开具', slaAcceptHours: 8, slaResolveHours: 48, sensitive: false },
  { code: 'family_planning', name: '计划生育', slaAcceptHours: 24, slaResolveHours: 120, sensitive: false },
  { code: 'sanitation', name: '环境卫生', slaAcceptHours: 8, slaResolveHours: 72, sensitive: false },
  { code: 'public_order', name: '社会治安', slaAcceptHours: 4, slaResolveHours: 48, sensitive: false },
  // Added with photos (#24): 户口/户籍 and 医保, which the window handles most after 低保, and 原村权益 —
  // the land and collective-economy rights resettled households keep in their original village
  // (the founding plan's fourth principle): answered by referring to that village (`referTo`).
  { code: 'household_registration', name: '户口户籍', slaAcceptHours: 24, slaResolveHours: 120, sensitive: false },
  { code: 'medical_insurance', name: '医疗保险', slaAcceptHours: 24, slaResolveHours: 120, sensitive: false },
  { code: 'village_rights', name: '原村权益', slaAcceptHours: 24, slaResolveHours: 240, sensitive: false },
  { code: 'other', name: '其他事项', slaAcceptHours: 24, slaResolveHours: 168, sensitive: false },
] as const;

/** The community's categories in their order, each with its SLA and whether it is sensitive. */
export async function listServiceCategories({ ctx }: { ctx: AuthedCtx }) {
  const rows = await ctx.db
    .select()
    .from(serviceCategories)
    .where(eq(serviceCategories.communityId, ctx.communityId))
    .orderBy(asc(serviceCategories.sortOrder));
  return {
    items: rows.map((c) => ({ code: c.code, name: c.name, slaHours: c.slaResolveHours, slaAcceptHours: c.slaAcceptHours, sensitive: c.sensitive })),
  };
}
