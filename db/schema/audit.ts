import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { elections } from './elections.js';

/**
 * Hash-chained log of election acts, one chain per community: each entry's hash covers the
 * previous hash, so an edited or deleted row breaks verification from that point on. Its keys
 * restrict: an account or an election named in the chain can never be deleted from under it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'restrict' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id, { onDelete: 'restrict' }),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    electionId: uuid('election_id'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.seq] }),
    index('audit_log_election_idx').on(t.communityId, t.electionId),
    foreignKey({ name: 'audit_log_election_fk', columns: [t.communityId, t.electionId], foreignColumns: [elections.communityId, elections.id] }).onDelete(
      'restrict',
    ),
  ],
);
