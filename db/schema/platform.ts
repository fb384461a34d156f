import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

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
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
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
