import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

export const electionModes = ['voters', 'households', 'representatives'] as const;
export type ElectionMode = (typeof electionModes)[number];

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
    /** The law the election runs under; its rulebook's defaults come from it (`gansu-2026`). */
    law: text('law').notNull().default('gansu-2026'),
    /** Who votes: every voter, one member per household (每户派代表), or the groups' representatives. */
    mode: text('mode', { enum: electionModes }).notNull().default('voters'),
    /** Why the rules depart from the law's defaults (shown on the notice they affect); null when they do not. */
    basis: text('basis'),
    /** The term (届) the election fills, e.g. `2026`: one registration per person and term across communities. */
    term: text('term').notNull().default('2026'),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('elections_day_idx').on(t.communityId, t.electionDay), unique('elections_id_community_unique').on(t.communityId, t.id)],
);

export const voterStatuses = ['registered', 'removed'] as const;

/** Why a person may be registered here (《甘肃省居民委员会选举办法》, chapter 3): 户籍, residence with their application, or community work. */
export const registrationBases = ['hukou', 'residence', 'worker'] as const;
export type RegistrationBasis = (typeof registrationBases)[number];

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
    basis: text('basis', { enum: registrationBases }).notNull().default('hukou'),
    /** In `households` mode: this voter is the member who votes for the household. */
    votesForHousehold: boolean('votes_for_household').notNull().default(false),
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
    /** Nominations by voters the candidate had when the committee fixed the list (null: entered by the committee). */
    nominations: integer('nominations'),
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
    /** The group meeting (居民小组会议) that elected the representative: its date, who came, votes for. */
    meetingOn: date('meeting_on', { mode: 'string' }),
    meetingPresent: integer('meeting_present'),
    meetingVotesFor: integer('meeting_votes_for'),
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

/**
 * One registration per person and term across every community (《甘肃省居民委员会选举办法》: no
 * one is registered in two places). Keyed by the ID number's keyed hash; global on purpose, like
 * accounts: the one table that sees across communities, and it names none to the caller.
 */
export const termRegistrations = pgTable(
  'term_registrations',
  {
    idNumberHash: text('id_number_hash').notNull(),
    term: text('term').notNull(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('term_registrations_person_unique').on(t.idNumberHash, t.term),
    inCommunity('term_registrations_election_fk', t.communityId, t.electionId, elections),
    inCommunity('term_registrations_resident_fk', t.communityId, t.residentId, residents),
  ],
);

export const objectionKinds = ['omitted', 'wrongly_included', 'wrong_details', 'application'] as const;
export type ObjectionKind = (typeof objectionKinds)[number];
export const objectionStatuses = ['open', 'upheld', 'dismissed'] as const;

/**
 * An objection to the published voter list (omitted, wrongly included, wrong details), or a
 * resident's own application to take part (表示参加, kind `application` with its basis). The
 * committee decides it with a reason by `dueBy`; the voter list changes only through an upheld one.
 */
export const voterObjections = pgTable(
  'voter_objections',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    kind: text('kind', { enum: objectionKinds }).notNull(),
    /** Whom it is about (the objector's own resident record for an application). */
    residentId: uuid('resident_id'),
    basis: text('basis', { enum: registrationBases }),
    reason: text('reason').notNull(),
    status: text('status', { enum: objectionStatuses }).notNull(),
    objectorAccountId: uuid('objector_account_id')
      .notNull()
      .references(() => accounts.id),
    /** China-time date by which the committee must decide. */
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    decisionReason: text('decision_reason'),
    decidedByAccountId: uuid('decided_by_account_id').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('voter_objections_election_idx').on(t.communityId, t.electionId, t.status, t.dueBy),
    index('voter_objections_objector_idx').on(t.communityId, t.objectorAccountId),
    unique('voter_objections_community_id_unique').on(t.communityId, t.id),
    inCommunity('voter_objections_election_fk', t.communityId, t.electionId, elections),
    inCommunity('voter_objections_resident_fk', t.communityId, t.residentId, residents),
  ],
);

export const candidateNominationStatuses = ['awaiting_signatures', 'awaiting_acceptance', 'accepted', 'declined', 'withdrawn'] as const;
export type CandidateNominationStatus = (typeof candidateNominationStatuses)[number];

/**
 * A voter's nomination of a voter for a seat (选民提名), alone or jointly with co-signers; the
 * committee may enter a paper one with its signers. The nominee accepts or declines; the
 * committee fixes 正式候选人 from the accepted nominations' counts.
 */
export const candidateNominations = pgTable(
  'candidate_nominations',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    seat: text('seat', { enum: seatNames }).notNull(),
    nomineeResidentId: uuid('nominee_resident_id').notNull(),
    /** The voter who nominates (first signer). */
    nominatorResidentId: uuid('nominator_resident_id').notNull(),
    status: text('status', { enum: candidateNominationStatuses }).notNull(),
    /** Entered by the committee from a signed paper form. */
    onPaper: boolean('on_paper').notNull().default(false),
    enteredByAccountId: uuid('entered_by_account_id').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('candidate_nominations_once_unique').on(t.communityId, t.electionId, t.nominatorResidentId, t.nomineeResidentId),
    index('candidate_nominations_nominee_idx').on(t.communityId, t.electionId, t.seat, t.nomineeResidentId, t.status),
    unique('candidate_nominations_community_id_unique').on(t.communityId, t.id),
    inCommunity('candidate_nominations_election_fk', t.communityId, t.electionId, elections),
    inCommunity('candidate_nominations_nominee_fk', t.communityId, t.nomineeResidentId, residents),
    inCommunity('candidate_nominations_nominator_fk', t.communityId, t.nominatorResidentId, residents),
  ],
);

/** A co-signer of a joint nomination (联名提名): named by the nominator, signs in their own app (or on paper). */
export const candidateNominationSigners = pgTable(
  'candidate_nomination_signers',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    nominationId: uuid('nomination_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [
    unique('candidate_nomination_signers_unique').on(t.communityId, t.nominationId, t.residentId),
    index('candidate_nomination_signers_resident_idx').on(t.communityId, t.residentId),
    inCommunity('candidate_nomination_signers_nomination_fk', t.communityId, t.nominationId, candidateNominations),
    inCommunity('candidate_nomination_signers_resident_fk', t.communityId, t.residentId, residents),
  ],
);
