import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';

export const communities = pgTable('communities', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  households: integer('households'),
  population: integer('population'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A create retried with the same Idempotency-Key returns the first answer. Scoped to the
 * account, the method and the concrete path (`route`: `post /api/service-requests/<id>/replies`);
 * the row is claimed inside the create's own transaction, so two racing retries serialise on the
 * primary key, only one creates, and a create that fails (or whose reply cannot be stored) leaves
 * no key behind. `requestHash` tells a replay from the same key sent with another body.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').notNull(),
    /** sha256 of the validated request body (null on keys stored before it was recorded). */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.route, t.key] })],
);

/** One shared WeChat access token for all function instances (WeChat limits how often it is fetched). */
export const wechatTokens = pgTable('wechat_tokens', {
  appid: text('appid').primaryKey(),
  token: text('token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Hash-chained log of election acts, one chain per community: each entry's hash covers the
 * previous hash, so an edited or deleted row breaks verification from that point on.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    communityId: uuid('community_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    electionId: uuid('election_id'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.seq] }), index('audit_log_election_idx').on(t.communityId, t.electionId)],
);
