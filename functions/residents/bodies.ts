import * as z from 'zod';
import { declaredRelations } from '../../db/schema/index.js';
import { PHONE_PATTERN, PHONE_RULE } from '../_shared/phone.js';

/**
 * The bodies the residents' routes take (routes.ts and contact-routes.ts validate with them); the
 * mini-program types what it sends from them, as it types replies from ./replies.ts.
 */

const NewResident = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(20, '姓名最多20个字'),
  idNumber: z.string().trim().min(1, '请输入身份证号').max(32),
  groupId: z.uuid('请选择居民小组'),
  phone: z.string().trim().regex(PHONE_PATTERN, PHONE_RULE).optional(),
  relocatedFrom: z.string().trim().max(40).optional(),
});

/** The household (户) staff may give when entering or verifying a resident: an existing one, or a label. */
export const Household = z.object({
  householdId: z.uuid('请选择户').optional(),
  householdLabel: z.string().trim().min(1, '请填写户（门牌号或户主姓名）').max(40, '户最多40个字').optional(),
});

/** POST /api/me/resident-claim: the account's holder says who they are (no phone: the account has it). */
export const ResidentClaim = NewResident.omit({ phone: true });

/** POST /api/residents: staff enter a verified resident at the window, with the household. */
export const ResidentEntry = NewResident.extend(Household.shape);

/** POST /api/residents/:id/return */
export const ClaimReturn = z.object({ reason: z.string().trim().min(2, '请写明退回的原因，居民会看到。').max(200, '原因最多200个字') });

/** POST /api/residents/:id/relations */
export const RelationDeclaration = z.object({
  relatedResidentId: z.uuid('请选择亲属'),
  relation: z.enum(declaredRelations, '亲属关系须是配偶、父母、子女、兄弟姐妹、祖父母或孙子女之一'),
});

/** Where the number was asked for: a page's short name, optionally with the record it was on. */
const Purpose = z
  .string()
  .trim()
  .regex(/^[a-z_]{2,40}(:[0-9a-f-]{36})?$/, '用途须是页面代号（如 group_page 或 service_request:编号）')
  .default('unspecified');

/** POST /api/residents/:id/phone-reveal */
export const PhoneReveal = z.object({ purpose: Purpose }).default({ purpose: 'unspecified' });

/** PUT /api/households/:id/origin */
export const HouseholdOrigin = z.object({
  originVillage: z.string().trim().min(2, '请填写原村名称（如 八珠乡上坪村）').max(40, '原村最多40个字').nullable(),
  resettledYear: z.number().int().min(1980, '搬迁年份须在1980年以后').max(2100, '搬迁年份无效').nullable(),
});
