import * as z from 'zod';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { publisherRoles } from '../_shared/roles.js';
import { Category, GrantReport, NewNotice, SubscriptionChoice } from './bodies.js';
import { deliveryReport, type ElectionNoticeCheck, getNotice, listNotices, markInformed, notReachedInGroup, postNotice, toTell } from './notices.js';
import { runDeliveries } from './outbox.js';
import { DeliveryReport, DeliveryRun, Grants, InformedMark, Notice, NoticePage, NotReached, PublishedNotice, Subscriptions, ToTell } from './replies.js';
import { getSubscriptions, recordGrants, setSubscriptions } from './subscriptions.js';

const Id = z.object({ id: z.uuid('编号无效') });
const publishers = publisherRoles;

/**
 * The notices' routes. An election notice is checked by the election's rules before it is written:
 * the route registry passes elections' checkElectionNotice in, so notices use no election domain.
 */
export const noticeRoutes = ({ checkElectionNotice }: { checkElectionNotice: ElectionNoticeCheck }) => [
  defineRoute({
    method: 'get',
    path: '/api/notices',
    summary: 'Published notices, newest first, with unread marks (staff: ?scheduled=true for the upcoming ones)',
    tag: 'notices',
    access: 'account',
    query: PageQuery.extend({
      category: Category.optional(),
      scheduled: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
    }),
    response: NoticePage,
    handle: ({ ctx, input }) => listNotices({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices',
    summary: 'Publish a notice now or at publishAt; its subscribers get a WeChat message',
    tag: 'notices',
    access: publishers,
    status: 201,
    idempotent: true,
    body: NewNotice,
    response: PublishedNotice,
    handle: ({ ctx, input: { body } }) =>
      postNotice({
        ctx,
        input: { ...body, publishAt: body.publishAt ? new Date(body.publishAt) : undefined },
        checkElection: checkElectionNotice,
      }),
  }),
  // Before /api/notices/:id, which would take `to-tell` for an id.
  defineRoute({
    method: 'get',
    path: '/api/notices/to-tell',
    summary: "A group leader's notices of the last 30 days with people of the group still to tell",
    tag: 'notices',
    access: ['group_leader', ...publishers],
    query: z.object({ groupId: z.uuid('小组编号无效').optional() }),
    response: ToTell,
    handle: ({ ctx, input }) => toTell({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id',
    summary: 'One notice (marks it read)',
    tag: 'notices',
    access: 'account',
    params: Id,
    response: Notice,
    handle: ({ ctx, input }) => getNotice({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/deliveries',
    summary: 'Delivery report: sent, pending, failed, not reached (by name and group)',
    tag: 'notices',
    access: publishers,
    params: Id,
    response: DeliveryReport,
    handle: ({ ctx, input }) => deliveryReport({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/not-reached',
    summary: "A group's residents the notice did not reach, for its leader to tell in person",
    tag: 'notices',
    access: ['group_leader', ...publishers],
    params: Id,
    query: z.object({ groupId: z.uuid('小组编号无效').optional() }),
    response: NotReached,
    handle: ({ ctx, input }) => notReachedInGroup({ ctx, input: { ...input.params, ...input.query } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/not-reached/:residentId/informed',
    summary: 'Mark a resident the notice did not reach as told in person or by phone (已告知), with the time',
    tag: 'notices',
    access: ['group_leader', ...publishers],
    params: z.object({ id: z.uuid('公告编号无效'), residentId: z.uuid('居民编号无效') }),
    response: InformedMark,
    handle: ({ ctx, input }) => markInformed({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/subscriptions',
    summary: 'Followed notice categories and subscribe-message credits per template',
    tag: 'notices',
    access: 'account',
    response: Subscriptions,
    handle: ({ ctx }) => getSubscriptions({ ctx, input: undefined }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/subscriptions',
    summary: 'Choose the notice categories to follow',
    tag: 'notices',
    access: 'account',
    body: SubscriptionChoice,
    response: Subscriptions,
    handle: ({ ctx, input }) => setSubscriptions({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/subscriptions/grants',
    summary: 'Report what wx.requestSubscribeMessage answered: one credit per accept',
    tag: 'notices',
    access: 'account',
    body: GrantReport,
    response: Grants,
    handle: ({ ctx, input }) => recordGrants({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/cron/deliveries',
    summary: 'Delivery worker: fans out due notices and sends queued subscribe messages (Vercel Cron)',
    tag: 'platform',
    access: 'cron',
    response: DeliveryRun,
    handle: ({ ctx }) => runDeliveries(ctx.services),
  }),
];
