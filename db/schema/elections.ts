import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { residentGroups, residents } from './residents.js';

/** Seats of the residents' committee to fill: director (主任), deputy directors (副主任), members (委员). */
export interface ElectionSeats {
  director: number;
  deputyDirector: number;
  members: number;
}

/**
 * One election of the residents' committee. Its rules (voter age, notice days, quotas…) are
 * stored with it, because the law varies by province and was revised: a rule changed later
 * never rewrites an election already under way.
 */
export const elections = pgTable(
  'elections',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    title: text('title').notNull(),
    /** China-time calendar date of the election meeting. */
    electionDay: date('election_day', { mode: 'string' }).notNull(),
    seats: jsonb('seats').$type<ElectionSeats>().notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('elections_day_idx').on(t.communityId, t.electionDay), unique('elections_id_community_unique').on(t.communityId, t.id)],
);

export const voterStatuses = ['registered', 'removed'] as const;

/**
 * A resident on an election's voter list (选民名单). A removal keeps the row (with its reason)
 * so the list can show who was taken off and why; registering again puts it back.
 */
export const electionVoters = pgTable(
  'election_voters',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    status: text('status', { enum: voterStatuses }).notNull(),
    /** Age in whole years on election day, fixed at registration. */
    ageOnElectionDay: integer('age_on_election_day').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    registeredByAccountId: uuid('registered_by_account_id').references(() => accounts.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
  },
  (t) => [
    unique('election_voters_resident_unique').on(t.communityId, t.electionId, t.residentId),
    index('election_voters_list_idx').on(t.communityId, t.electionId, t.status, t.id),
    inCommunity('election_voters_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_voters_resident_fk', t.communityId, t.residentId, residents),
  ],
);

export const seatNames = ['director', 'deputyDirector', 'members'] as const;

/** A candidate for one seat of the committee (主任, 副主任 or 委员), from the registered voters. */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    seat: text('seat', { enum: seatNames }).notNull(),
    /** Position on the ballot within the seat (stroke order of surnames unless the committee fixes another). */
    sortOrder: integer('sort_order').notNull().default(0),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_candidates_resident_unique').on(t.communityId, t.electionId, t.residentId),
    index('election_candidates_seat_idx').on(t.communityId, t.electionId, t.seat, t.sortOrder),
    inCommunity('election_candidates_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_candidates_resident_fk', t.communityId, t.residentId, residents),
  ],
);

export const nominationStatuses = ['nominated', 'confirmed', 'withdrawn'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

/**
 * A resident representative (居民代表) recommended by a group: the group leader nominates up to
 * `repsPerGroup` registered voters of the group, the committee confirms. A withdrawn nomination
 * keeps its row for the record; the resident may be nominated again.
 */
export const electionNominations = pgTable(
  'election_nominations',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    groupId: uuid('group_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    status: text('status', { enum: nominationStatuses }).notNull(),
    nominatedByAccountId: uuid('nominated_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    confirmedByAccountId: uuid('confirmed_by_account_id').references(() => accounts.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    // One live nomination per resident and election (ALREADY_NOMINATED), held by the database.
    uniqueIndex('election_nominations_one_live_idx').on(t.communityId, t.electionId, t.residentId).where(sql`${t.status} in ('nominated', 'confirmed')`),
    index('election_nominations_group_idx').on(t.communityId, t.electionId, t.groupId, t.status),
    inCommunity('election_nominations_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_nominations_group_fk', t.communityId, t.groupId, residentGroups),
    inCommunity('election_nominations_resident_fk', t.communityId, t.residentId, residents),
  ],
);
