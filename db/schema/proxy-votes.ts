import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { elections } from './elections.js';
import { inCommunity } from './keys.js';
import { residents } from './residents.js';

/**
 * awaiting_consent → (proxy accepts) awaiting_approval → (committee) approved | rejected;
 * the proxy may decline; the applicant may withdraw at any stage before election day.
 */
export const proxyApplicationStatuses = ['awaiting_consent', 'awaiting_approval', 'approved', 'rejected', 'declined', 'withdrawn'] as const;
export type ProxyApplicationStatus = (typeof proxyApplicationStatuses)[number];
/** Statuses in which an application still counts as the applicant's one live application. */
export const liveProxyStatuses = ['awaiting_consent', 'awaiting_approval', 'approved'] as const satisfies readonly ProxyApplicationStatus[];

/** A voter's written entrustment (委托投票) of another registered voter of the same community. */
export const proxyApplications = pgTable(
  'proxy_applications',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    applicantResidentId: uuid('applicant_resident_id').notNull(),
    proxyResidentId: uuid('proxy_resident_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: proxyApplicationStatuses }).notNull(),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByAccountId: uuid('decided_by_account_id').references(() => accounts.id),
    decisionNote: text('decision_note'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One live application per applicant and election (DUPLICATE_APPLICATION), held by the database.
    uniqueIndex('proxy_applications_one_live_idx')
      .on(t.communityId, t.electionId, t.applicantResidentId)
      .where(sql`${t.status} in ('awaiting_consent', 'awaiting_approval', 'approved')`),
    index('proxy_applications_proxy_idx').on(t.communityId, t.electionId, t.proxyResidentId, t.status),
    index('proxy_applications_list_idx').on(t.communityId, t.electionId, t.id),
    unique('proxy_applications_community_id_unique').on(t.communityId, t.id),
    inCommunity('proxy_applications_election_fk', t.communityId, t.electionId, elections),
    inCommunity('proxy_applications_applicant_fk', t.communityId, t.applicantResidentId, residents),
    inCommunity('proxy_applications_proxy_fk', t.communityId, t.proxyResidentId, residents),
  ],
);
