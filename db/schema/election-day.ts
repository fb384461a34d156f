import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { elections, seatNames } from './elections.js';
import { inCommunity } from './keys.js';
import { notices } from './notices.js';
import { proxyApplications } from './proxy-votes.js';
import { residents } from './residents.js';

export const officialRoles = ['counter', 'monitor', 'clerk'] as const;
export type OfficialRole = (typeof officialRoles)[number];

/**
 * A polling-station official (计票员, 监票员, 工作人员) proposed by the committee and approved by
 * show of hands at the election meeting (founding plan, step 3 ④); `approvedAt` is that moment.
 * One role per person and election.
 */
export const electionOfficials = pgTable(
  'election_officials',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    role: text('role', { enum: officialRoles }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
    appointedByAccountId: uuid('appointed_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_officials_resident_unique').on(t.communityId, t.electionId, t.residentId),
    inCommunity('election_officials_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_officials_resident_fk', t.communityId, t.residentId, residents),
  ],
);

/**
 * A paper ballot handed out at the desk (发票处). The unique key is the voter whose ballot it is,
 * whoever received it (the voter in person, or their approved proxy): one ballot per voter,
 * held by the database under parallel desks.
 */
export const electionBallots = pgTable(
  'election_ballots',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    /** Whose vote the ballot carries. */
    voterResidentId: uuid('voter_resident_id').notNull(),
    /** Who took it from the desk: the voter, or the proxy of an approved entrustment. */
    handedToResidentId: uuid('handed_to_resident_id').notNull(),
    proxyApplicationId: uuid('proxy_application_id'),
    issuedByAccountId: uuid('issued_by_account_id').references(() => accounts.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The round (1 = the main vote) the ballot is for: each round has its own ballots. */
    round: integer('round').notNull().default(1),
  },
  (t) => [
    unique('election_ballots_voter_round_unique').on(t.communityId, t.electionId, t.round, t.voterResidentId),
    index('election_ballots_holder_idx').on(t.communityId, t.electionId, t.handedToResidentId),
    inCommunity('election_ballots_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_ballots_voter_fk', t.communityId, t.voterResidentId, residents),
    inCommunity('election_ballots_holder_fk', t.communityId, t.handedToResidentId, residents),
    inCommunity('election_ballots_proxy_application_fk', t.communityId, t.proxyApplicationId, proxyApplications),
  ],
);

export interface TallyWriteIn {
  name: string;
  seat: 'director' | 'deputyDirector' | 'members';
  votes: number;
}

/**
 * One counter's entry of the whole count from the paper. Entries are kept (never updated): the
 * results are `final` when the latest entries of two different counters agree.
 */
export const electionTallies = pgTable(
  'election_tallies',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    /** The round counted (1 = the main vote). */
    round: integer('round').notNull().default(1),
    counterResidentId: uuid('counter_resident_id').notNull(),
    enteredByAccountId: uuid('entered_by_account_id')
      .notNull()
      .references(() => accounts.id),
    ballotsCast: integer('ballots_cast').notNull(),
    invalidBallots: integer('invalid_ballots').notNull(),
    votes: jsonb('votes').$type<Record<string, number>>().notNull(),
    writeIns: jsonb('write_ins').$type<TallyWriteIn[]>().notNull(),
    /** Canonical text of the counts, so two entries compare as strings. */
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('election_tallies_election_idx').on(t.communityId, t.electionId, t.createdAt),
    inCommunity('election_tallies_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_tallies_counter_fk', t.communityId, t.counterResidentId, residents),
    check('election_tallies_counts', sql`${t.ballotsCast} >= 0 and ${t.invalidBallots} >= 0 and ${t.invalidBallots} <= ${t.ballotsCast}`),
  ],
);

export const publicationKinds = ['candidates', 'results'] as const;
export type PublicationKind = (typeof publicationKinds)[number];

/**
 * What election day published, once per kind: the candidate list (which freezes it) and the
 * results, with a snapshot of what was shown and the audit chain's head at that moment, so a
 * printed list can be matched with the record later. `noticeId` is the public notice.
 */
export const electionPublications = pgTable(
  'election_publications',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    kind: text('kind', { enum: publicationKinds }).notNull(),
    noticeId: uuid('notice_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    auditSeq: integer('audit_seq').notNull(),
    auditHash: text('audit_hash').notNull(),
    publishedByAccountId: uuid('published_by_account_id').references(() => accounts.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_publications_kind_unique').on(t.communityId, t.electionId, t.kind),
    inCommunity('election_publications_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_publications_notice_fk', t.communityId, t.noticeId, notices),
  ],
);

export const roundKinds = ['main', 'further', 'tie', 'repeat'] as const;
export type RoundKind = (typeof roundKinds)[number];

/** One contender of a later round: a listed candidate, or a write-in matched to a voter. */
export interface RoundContender {
  /** The candidate's id, or the write-in's id: the key of the round's tally. */
  id: string;
  residentId: string;
  name: string;
}

/**
 * A vote after the main one (round 1, which has no row): a further round (另行选举) for seats
 * left, a re-vote among those tied at the last seat, or a void round held again. Each round
 * has its own ballots and its own double-entry count; its status is read from those.
 */
export const electionRounds = pgTable(
  'election_rounds',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    n: integer('n').notNull(),
    kind: text('kind', { enum: roundKinds }).notNull(),
    /** The seat voted for; null when a repeated main round votes for every seat again. */
    seat: text('seat', { enum: seatNames }),
    /** Seats to fill in this round (for `seat`). */
    seatsToFill: integer('seats_to_fill').notNull(),
    /** Who stands: for a repeat of the main round, empty (the published candidate list stands). */
    contenders: jsonb('contenders').$type<RoundContender[]>().notNull(),
    /** The round a repeat holds again. */
    repeatOf: integer('repeat_of'),
    openedByAccountId: uuid('opened_by_account_id').references(() => accounts.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_rounds_n_unique').on(t.communityId, t.electionId, t.n),
    inCommunity('election_rounds_election_fk', t.communityId, t.electionId, elections),
    check('election_rounds_n', sql`${t.n} >= 2 and ${t.seatsToFill} >= 0`),
  ],
);

/**
 * A name written in (另选他人) on an agreed count, one row per round, seat and name. The
 * committee matches it to a registered voter, or records that nobody eligible bears it (its
 * votes then count for nobody); a round with an unmatched write-in cannot become final.
 */
export const electionWriteIns = pgTable(
  'election_write_ins',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    round: integer('round').notNull(),
    seat: text('seat', { enum: seatNames }).notNull(),
    name: text('name').notNull(),
    votes: integer('votes').notNull(),
    residentId: uuid('resident_id'),
    notEligible: boolean('not_eligible').notNull().default(false),
    matchedByAccountId: uuid('matched_by_account_id').references(() => accounts.id),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_write_ins_name_unique').on(t.communityId, t.electionId, t.round, t.seat, t.name),
    unique('election_write_ins_id_community_unique').on(t.communityId, t.id),
    inCommunity('election_write_ins_election_fk', t.communityId, t.electionId, elections),
    inCommunity('election_write_ins_resident_fk', t.communityId, t.residentId, residents),
    check('election_write_ins_match', sql`not (${t.notEligible} and ${t.residentId} is not null)`),
  ],
);
