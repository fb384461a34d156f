import * as z from 'zod';
import { declaredRelations } from '../../db/schema/index.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { PHONE_PATTERN, PHONE_RULE } from '../_shared/phone.js';
import { declareRelation } from './relations.js';
import { GroupList, Resident, ResidentPage, ResidentRelation, ResidentReply, TemporaryPassword } from './replies.js';
import { resetResidentPassword } from './reset-password.js';
import { claimResidency, createResident, listGroups, listResidents, returnResidentClaim, verifyResident } from './residents.js';

const NewResident = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(20, '姓名最多20个字'),
  idNumber: z.string().trim().min(1, '请输入身份证号').max(32),
  groupId: z.uuid('请选择居民小组'),
  phone: z.string().trim().regex(PHONE_PATTERN, PHONE_RULE).optional(),
  relocatedFrom: z.string().trim().max(40).optional(),
});
/** The household (户) staff may give when entering or verifying a resident: an existing one, or a label. */
const Household = z.object({
  householdId: z.uuid('请选择户').optional(),
  householdLabel: z.string().trim().min(1, '请填写户（门牌号或户主姓名）').max(40, '户最多40个字').optional(),
});
const Id = z.object({ id: z.uuid('编号无效') });

export const residentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/groups',
    summary: "Resident groups of the caller's community",
    tag: 'residents',
    access: 'account',
    response: GroupList,
    handle: ({ ctx }) => listGroups({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/me/resident-claim',
    summary: 'Claim to be a resident (pending until staff verify)',
    tag: 'residents',
    access: 'account',
    status: 201,
    idempotent: true,
    body: NewResident.omit({ phone: true }),
    response: ResidentReply,
    handle: ({ ctx, input }) => claimResidency({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/residents',
    summary: 'Enter a verified resident at the window',
    tag: 'residents',
    access: ['staff', 'admin'],
    status: 201,
    idempotent: true,
    body: NewResident.extend(Household.shape),
    response: Resident,
    handle: ({ ctx, input }) => createResident({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/residents',
    summary: 'Residents of the community, by status',
    tag: 'residents',
    access: ['staff', 'committee', 'admin'],
    query: PageQuery.extend({
      status: z.enum(['pending', 'verified', 'returned']).optional(),
      groupId: z.uuid().optional(),
      q: z.string().trim().min(1).max(20, '姓名最多20个字').optional(),
    }),
    response: ResidentPage,
    handle: ({ ctx, input }) => listResidents({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/verify',
    summary: "Verify a resident's claim",
    tag: 'residents',
    access: ['staff', 'admin'],
    params: Id,
    body: Household,
    response: ResidentReply,
    handle: ({ ctx, input }) => verifyResident({ ctx, input: { ...input.params, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/return',
    summary: 'Send a pending residency claim back with a reason the resident reads',
    tag: 'residents',
    access: ['staff', 'admin'],
    params: Id,
    body: z.object({ reason: z.string().trim().min(2, '请写明退回的原因，居民会看到。').max(200, '原因最多200个字') }),
    response: ResidentReply,
    handle: ({ ctx, input }) => returnResidentClaim({ ctx, input: { id: input.params.id, reason: input.body.reason } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/relations',
    summary: "Record a resident's near relative (配偶、父母、子女…) beyond what the household shows; audited",
    tag: 'residents',
    access: ['staff', 'committee', 'admin'],
    status: 201,
    params: Id,
    body: z.object({
      relatedResidentId: z.uuid('请选择亲属'),
      relation: z.enum(declaredRelations, '亲属关系须是配偶、父母、子女、兄弟姐妹、祖父母或孙子女之一'),
    }),
    response: ResidentRelation,
    handle: ({ ctx, input }) => declareRelation({ ctx, input: { residentId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/password-reset',
    summary: "Give a resident's account a temporary password at the window (忘记密码); recorded in the audit chain",
    tag: 'residents',
    access: ['staff', 'admin'],
    params: Id,
    response: TemporaryPassword,
    handle: ({ ctx, input }) => resetResidentPassword({ ctx, input: input.params }),
  }),
];
