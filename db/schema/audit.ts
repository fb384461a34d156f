import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
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

/**
 * An anchor: the chain's head (seq and hash) at the moment a notice was published or a sheet
 * printed, with what carried it. The printed check code is the hash's first 10 hex characters.
 * Verification checks every anchor against the chain, and that the chain is at least as long
 * as the highest anchor: cutting the end off or rewriting and rehashing shows.
 */
export const auditAnchors = pgTable(
  'audit_anchors',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'restrict' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    /** The printed check code: the first 10 hex characters of `hash`. */
    code: text('code').notNull(),
    /** What carried it: `notice`, `results_poster`, `certificate`, `proxy_list`, `voter_card`, … */
    what: text('what').notNull(),
    /** Its record: the notice's, the certificate's or the election's id. */
    subject: text('subject').notNull(),
    /** The words a person checking the code reads (the notice's title, "当选证书 张三"). */
    label: text('label').notNull(),
    electionId: uuid('election_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_anchors_code_idx').on(t.code),
    index('audit_anchors_community_seq_idx').on(t.communityId, t.seq),
    foreignKey({ name: 'audit_anchors_election_fk', columns: [t.communityId, t.electionId], foreignColumns: [elections.communityId, elections.id] }).onDelete(
      'restrict',
    ),
  ],
);
