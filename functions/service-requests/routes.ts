import * as z from 'zod';
import { serviceRequestStatuses } from '../../db/schema/index.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { staffRoles } from '../_shared/roles.js';
import { assignServiceRequest } from './assign.js';
import { listServiceCategories } from './categories.js';
import { changeServiceRequestStatus } from './change-status.js';
import { createServiceRequest } from './create.js';
import { serviceDashboard } from './dashboard.js';
import { exportServiceRequests } from './export.js';
import { getServiceRequest } from './get.js';
import { listServiceRequests } from './list.js';
import { MAX_PHOTOS } from './photos.js';
import { rateServiceRequest } from './rate.js';
import { reopenServiceRequest } from './reopen.js';
import { Dashboard, Rating, ServiceCategoryList, ServiceReply, ServiceRequest, ServiceRequestPage } from './replies.js';
import { replyToServiceRequest } from './reply.js';

const Id = z.object({ id: z.uuid('编号无效') });
const Text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多${max}个字`);
/** Photos sent with a request or a reply: the caller's own uploads, at most MAX_PHOTOS, each once. */
const PhotoIds = z
  .array(z.uuid('照片编号无效'))
  .max(MAX_PHOTOS, `最多附${MAX_PHOTOS}张照片`)
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能附一次');
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Filters = z.object({
  status: z.enum(serviceRequestStatuses).optional(),
  categoryCode: z.string().max(40).optional(),
  overdue: Bool.optional(),
  flagged: Bool.optional(),
  q: z.string().trim().min(1).max(20, '最多20个字').optional(),
});

export const serviceRequestRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/service-categories',
    summary: 'Service window categories with their SLA',
    tag: 'service-requests',
    access: 'account',
    response: ServiceCategoryList,
    handle: ({ ctx }) => listServiceCategories({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests',
    summary: 'File a request at the service window (or on behalf of a resident)',
    tag: 'service-requests',
    access: 'account',
    status: 201,
    idempotent: true,
    body: z.object({
      categoryCode: z.string().trim().min(1, '请选择办事类别').max(40),
      title: z.string().trim().max(40, '标题最多40个字').optional(),
      description: Text('要办的事', 2000),
      onBehalfOfResidentId: z.uuid('居民编号无效').optional(),
      attachmentIds: PhotoIds.optional(),
    }),
    response: ServiceRequest,
    handle: ({ ctx, input }) => createServiceRequest({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/service-requests',
    summary: "Own requests for a resident; the community's queue for staff",
    tag: 'service-requests',
    access: 'account',
    query: PageQuery.extend(Filters.shape).extend({ sort: z.enum(['newest', 'urgency']).default('newest') }),
    response: ServiceRequestPage,
    handle: ({ ctx, input }) => listServiceRequests({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/service-requests/dashboard',
    summary: 'Staff dashboard: open, overdue, resolved this week, response times, ratings',
    tag: 'service-requests',
    access: staffRoles,
    response: Dashboard,
    handle: ({ ctx }) => serviceDashboard({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/service-requests/export.xlsx',
    summary: 'The filtered staff queue as a spreadsheet',
    tag: 'service-requests',
    access: staffRoles,
    query: Filters,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handle: ({ ctx, input }) => exportServiceRequests({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/service-requests/:id',
    summary: 'A request with its timeline',
    tag: 'service-requests',
    access: 'account',
    params: Id,
    response: ServiceRequest,
    handle: ({ ctx, input }) => getServiceRequest({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests/:id/replies',
    summary: 'Reply on a request (owner or staff)',
    tag: 'service-requests',
    access: 'account',
    status: 201,
    idempotent: true,
    params: Id,
    body: z
      .object({ body: z.string().trim().max(2000, '回复内容最多2000个字').default(''), attachmentIds: PhotoIds.optional() })
      .refine((b) => b.body.length > 0 || (b.attachmentIds?.length ?? 0) > 0, { message: '请填写回复内容或附上照片', path: ['body'] }),
    response: ServiceReply,
    handle: ({ ctx, input }) => replyToServiceRequest({ ctx, input: { ...input.params, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests/:id/status',
    summary: 'Move a request through its lifecycle (staff)',
    tag: 'service-requests',
    access: staffRoles,
    params: Id,
    body: z.object({
      status: z.enum(serviceRequestStatuses),
      note: z.string().trim().max(500, '说明最多500个字').optional(),
      referTo: z.string().trim().max(100, '最多100个字').optional(),
    }),
    response: ServiceRequest,
    handle: ({ ctx, input }) => changeServiceRequestStatus({ ctx, input: { ...input.params, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests/:id/reopen',
    summary: 'Reopen a resolved request (owner)',
    tag: 'service-requests',
    access: 'account',
    params: Id,
    body: z.object({ reason: Text('重新办理的原因', 500) }),
    response: ServiceRequest,
    handle: ({ ctx, input }) => reopenServiceRequest({ ctx, input: { ...input.params, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests/:id/rating',
    summary: 'Rate a resolved request 1–5 (owner)',
    tag: 'service-requests',
    access: 'account',
    status: 201,
    params: Id,
    body: z.object({
      score: z.number().int().min(1, '请打1到5颗星').max(5, '请打1到5颗星'),
      comment: z.string().trim().max(200, '评价最多200个字').optional(),
    }),
    response: Rating,
    handle: ({ ctx, input }) => rateServiceRequest({ ctx, input: { ...input.params, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/service-requests/:id/assignee',
    summary: 'Hand a request to a staff member, or take it back with null (admin)',
    tag: 'service-requests',
    access: ['admin'],
    params: Id,
    body: z.object({ accountId: z.uuid('编号无效').nullable() }),
    response: ServiceRequest,
    handle: ({ ctx, input }) => assignServiceRequest({ ctx, input: { ...input.params, ...input.body } }),
  }),
];
