import * as z from 'zod';
import { serviceRequestStatuses } from '../../db/schema/index.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { staffRoles } from '../_shared/roles.js';
import { assignServiceRequest } from './assign.js';
import { Assignment, NewServiceRequest, RatingIn, Reopening, ServiceReplyIn, StatusChange } from './bodies.js';
import { listServiceCategories } from './categories.js';
import { changeServiceRequestStatus } from './change-status.js';
import { createServiceRequest } from './create.js';
import { serviceDashboard } from './dashboard.js';
import { exportServiceRequests } from './export.js';
import { getServiceRequest } from './get.js';
import { listServiceRequests } from './list.js';
import { rateServiceRequest } from './rate.js';
import { reopenServiceRequest } from './reopen.js';
import { Dashboard, Rating, ServiceCategoryList, ServiceReply, ServiceRequest, ServiceRequestPage } from './replies.js';
import { replyToServiceRequest } from './reply.js';

const Id = z.object({ id: z.uuid('编号无效') });
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
    body: NewServiceRequest,
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
    body: ServiceReplyIn,
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
    body: StatusChange,
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
    body: Reopening,
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
    body: RatingIn,
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
    body: Assignment,
    response: ServiceRequest,
    handle: ({ ctx, input }) => assignServiceRequest({ ctx, input: { ...input.params, ...input.body } }),
  }),
];
