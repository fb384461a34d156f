import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { residentGroups, residents } from './residents.js';

/** The window's duties from the founding plan (四、工作职能), each with its SLA. */
export const serviceCategories = pgTable(
  'service_categories',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    slaAcceptHours: integer('sla_accept_hours').notNull(),
    slaResolveHours: integer('sla_resolve_hours').notNull(),
    /** 低保 and relief: visible to staff only, never to group leaders or other residents. */
    sensitive: boolean('sensitive').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.code] })],
);

export const serviceRequestStatuses = ['submitted', 'accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type ServiceRequestStatus = (typeof serviceRequestStatuses)[number];

export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    /** The account the request belongs to (the resident's own, or the filer's when on behalf). */
    ownerAccountId: uuid('owner_account_id').references(() => accounts.id),
    residentId: uuid('resident_id'),
    filedByAccountId: uuid('filed_by_account_id')
      .notNull()
      .references(() => accounts.id),
    onBehalf: boolean('on_behalf').notNull().default(false),
    groupId: uuid('group_id'),
    categoryCode: text('category_code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: serviceRequestStatuses }).notNull(),
    flagged: boolean('flagged').notNull().default(false),
    referTo: text('refer_to'),
    /** The staff member handling it; for sensitive categories, the only staff who see it (with admins). */
    assignedToAccountId: uuid('assigned_to_account_id').references(() => accounts.id),
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }).notNull(),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }).notNull(),
    /** The next deadline: accepting while submitted, resolving while accepted or in progress; null when final. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_requests_community_idx').on(t.communityId, t.id),
    index('service_requests_owner_idx').on(t.communityId, t.ownerAccountId, t.id),
    index('service_requests_status_idx').on(t.communityId, t.status, t.id),
    index('service_requests_due_idx').on(t.communityId, t.dueAt, t.id),
    // The staff queue's urgency order: nearest deadline first, finished requests (no deadline) last.
    index('service_requests_urgency_idx').on(t.communityId, sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id),
    index('service_requests_filer_idx').on(t.communityId, t.filedByAccountId, t.id),
    unique('service_requests_community_id_unique').on(t.communityId, t.id),
    inCommunity('service_requests_resident_fk', t.communityId, t.residentId, residents),
    inCommunity('service_requests_group_fk', t.communityId, t.groupId, residentGroups),
    foreignKey({
      name: 'service_requests_category_fk',
      columns: [t.communityId, t.categoryCode],
      foreignColumns: [serviceCategories.communityId, serviceCategories.code],
    }),
  ],
);

export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    requestId: uuid('request_id').notNull(),
    // 'assigned': an administrator handed the request to a staff member (or took it back).
    type: text('type', { enum: ['submitted', 'status', 'reply', 'rating', 'reopened', 'assigned'] }).notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    actorName: text('actor_name').notNull(),
    body: text('body'),
    status: text('status', { enum: serviceRequestStatuses }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_request_events_request_idx').on(t.communityId, t.requestId, t.id),
    unique('service_request_events_community_id_unique').on(t.communityId, t.id),
    inCommunity('service_request_events_request_fk', t.communityId, t.requestId, serviceRequests),
  ],
);

export const serviceRatings = pgTable(
  'service_ratings',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    requestId: uuid('request_id').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('service_ratings_request_unique').on(t.communityId, t.requestId),
    inCommunity('service_ratings_request_fk', t.communityId, t.requestId, serviceRequests),
  ],
);
