import * as z from 'zod';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { ClaimReturn, Household, RelationDeclaration, ResidentClaim, ResidentEntry } from './bodies.js';
import { declareRelation } from './relations.js';
import { GroupList, Resident, ResidentPage, ResidentRelation, ResidentReply, TemporaryPassword } from './replies.js';
import { resetResidentPassword } from './reset-password.js';
import { claimResidency, createResident, listGroups, listResidents, returnResidentClaim, verifyResident } from './residents.js';

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
    body: ResidentClaim,
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
    body: ResidentEntry,
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
    body: ClaimReturn,
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
    body: RelationDeclaration,
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
