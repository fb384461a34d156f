import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { elections } from './elections.js';
import { inCommunity } from './keys.js';
import { residents } from './residents.js';

export const noticeCategories = ['election', 'service', 'community'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];
export const noticeKinds = ['voter_list', 'candidates', 'election_day', 'results', 'proxy_list'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/**
 * A public notice (公告). Residents see it from `publishAt` on; its subscribers' messages are
 * queued (`fannedOutAt`) in the transaction that publishes it: at once, or by the delivery
 * worker when a scheduled notice falls due.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    category: text('category', { enum: noticeCategories }).notNull(),
    kind: text('kind', { enum: noticeKinds }),
    electionId: uuid('election_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
    fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }),
    createdByAccountId: uuid('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notices_published_idx').on(t.communityId, t.publishAt, t.id),
    index('notices_category_idx').on(t.communityId, t.category, t.publishAt, t.id),
    index('notices_election_idx').on(t.communityId, t.electionId, t.kind),
    // The worker's look-up of scheduled notices that fell due and have not been fanned out.
    index('notices_due_idx').on(t.publishAt).where(sql`${t.fannedOutAt} is null`),
    check('notices_kind_election', sql`${t.kind} is null or ${t.category} = 'election'`),
    unique('notices_community_id_unique').on(t.communityId, t.id),
    inCommunity('notices_election_fk', t.communityId, t.electionId, elections),
  ],
);

/** Who has read which notice (the unread marks). */
export const noticeReads = pgTable(
  'notice_reads',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    noticeId: uuid('notice_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.accountId, t.noticeId] }), inCommunity('notice_reads_notice_fk', t.communityId, t.noticeId, notices)],
);

/** The notice categories an account follows in a community. */
export const noticeSubscriptions = pgTable(
  'notice_subscriptions',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    category: text('category', { enum: noticeCategories }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.accountId, t.category] }), index('notice_subscriptions_category_idx').on(t.communityId, t.category)],
);

export const templateKeys = ['notice', 'service', 'election'] as const;
export type TemplateKey = (typeof templateKeys)[number];

/**
 * One-time subscribe authorisations an account holds, per template: each `accept` the user gave
 * in wx.requestSubscribeMessage allows exactly one message later (WeChat's rule). Kept with the
 * account (global, like the openid WeChat gave it).
 */
export const subscribeCredits = pgTable(
  'subscribe_credits',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    templateKey: text('template_key', { enum: templateKeys }).notNull(),
    credits: integer('credits').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.templateKey] }), check('subscribe_credits_not_negative', sql`${t.credits} >= 0`)],
);

export const outboxSources = ['notice', 'service_request', 'proxy'] as const;
export const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'not_reached'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * The outbox of subscribe messages. One row per (source, subject, account): for a notice, one
 * per (notice, subscriber), written in the publishing transaction; for a service request, one per
 * update event. The worker claims rows with FOR UPDATE SKIP LOCKED, marks them `sending`
 * (committed) before the call to WeChat and records the outcome after it: a row left `sending`
 * by a killed worker is never sent again (WeChat has no idempotency key), it ends `failed`
 * ("interrupted") after the lease.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    source: text('source', { enum: outboxSources }).notNull(),
    /** The notice, or the service request event, the message is about. */
    subjectId: uuid('subject_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The WeChat openid at the time of queuing; null for accounts that never used WeChat. */
    openid: text('openid'),
    templateKey: text('template_key', { enum: templateKeys }).notNull(),
    page: text('page').notNull(),
    data: jsonb('data').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull(),
    /** Why it was not sent: no_wechat, no_credit, refused, interrupted, gave_up, or WeChat's errmsg. */
    reason: text('reason'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('outbox_messages_once').on(t.communityId, t.source, t.subjectId, t.accountId),
    // The worker's queue: what is due, oldest first.
    index('outbox_messages_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index('outbox_messages_sending_idx').on(t.claimedAt).where(sql`${t.status} = 'sending'`),
    index('outbox_messages_subject_idx').on(t.communityId, t.subjectId, t.status),
  ],
);

/**
 * A group leader's mark that a resident the notice did not reach on WeChat has been told in
 * person or by phone (已告知): who marked it and when. One mark per notice and resident.
 */
export const noticeInformed = pgTable(
  'notice_informed',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    noticeId: uuid('notice_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    markedByAccountId: uuid('marked_by_account_id')
      .notNull()
      .references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('notice_informed_unique').on(t.communityId, t.noticeId, t.residentId),
    inCommunity('notice_informed_notice_fk', t.communityId, t.noticeId, notices),
    inCommunity('notice_informed_resident_fk', t.communityId, t.residentId, residents),
  ],
);
