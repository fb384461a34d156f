import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { residents } from './residents.js';

/**
 * The community's party branch (社区党支部). Membership is sensitive personal data: these tables
 * are read only by the branch's organisers (`party_organizer`) and, for one's own row, by the
 * member; nothing here is joined into notices, exports or the public audit listing.
 */

export const partyMemberStatuses = ['full', 'probationary'] as const;
export type PartyMemberStatus = (typeof partyMemberStatuses)[number];

/**
 * One member on the branch's roster: 正式党员 or 预备党员 (with the date of admission and, for a
 * full member, of full membership), transferred in (组织关系转入) or out (转出, then off the
 * count), under 留党察看 (`suspended`) or not. Linked to a resident where the member is one.
 */
export const partyMembers = pgTable(
  'party_members',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    residentId: uuid('resident_id'),
    name: text('name').notNull(),
    status: text('status', { enum: partyMemberStatuses }).notNull(),
    admittedOn: date('admitted_on').notNull(),
    fullOn: date('full_on'),
    /** 留党察看: keeps membership, loses the vote and the right to stand while it lasts. */
    suspended: boolean('suspended').notNull().default(false),
    transferredInOn: date('transferred_in_on'),
    /** Transferred out: no longer counted or entitled to attend from this date. */
    transferredOutOn: date('transferred_out_on'),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_members_community_id_unique').on(t.communityId, t.id),
    unique('party_members_resident_unique').on(t.communityId, t.residentId),
    index('party_members_name_idx').on(t.communityId, t.name),
    inCommunity('party_members_resident_fk', t.communityId, t.residentId, residents),
    check('party_members_full_on', sql`(${t.status} = 'full') = (${t.fullOn} is not null)`),
  ],
);

export const partyRequestKinds = ['founding', 'results_report'] as const;
export type PartyRequestKind = (typeof partyRequestKinds)[number];
export const partyBranchTypes = ['independent', 'joint', 'provisional'] as const;
export type PartyBranchType = (typeof partyBranchTypes)[number];
export const partyRequestStatuses = ['submitted', 'approved'] as const;

/**
 * A paper sent up to the township's party committee: the request to found the branch (请示), or
 * the report of the election results (选举结果的报告). `figures` are what the roster (and, for the
 * report, the meetings' results) said when it was drawn up, kept as printed. The township's
 * answer (批准 / 批复) is entered with its date and document number.
 */
export const partyRequests = pgTable(
  'party_requests',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    kind: text('kind', { enum: partyRequestKinds }).notNull(),
    branchType: text('branch_type', { enum: partyBranchTypes }),
    body: text('body').notNull(),
    figures: jsonb('figures').notNull(),
    submittedOn: date('submitted_on').notNull(),
    status: text('status', { enum: partyRequestStatuses }).notNull().default('submitted'),
    approvedOn: date('approved_on'),
    documentNo: text('document_no'),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    approvedByAccountId: uuid('approved_by_account_id').references(() => accounts.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [
    unique('party_requests_community_id_unique').on(t.communityId, t.id),
    index('party_requests_kind_idx').on(t.communityId, t.kind, t.createdAt),
    check('party_requests_approval', sql`(${t.status} = 'approved') = (${t.approvedOn} is not null and ${t.documentNo} is not null)`),
  ],
);

export const partyMeetingKinds = ['members', 'committee'] as const;
export type PartyMeetingKind = (typeof partyMeetingKinds)[number];
/** What a meeting elects: committee members (支部委员), or from them the secretary and deputy. */
export const partyPosts = ['committee', 'secretary', 'deputy_secretary'] as const;
export type PartyPost = (typeof partyPosts)[number];

/**
 * The members' meeting (党员大会) electing the branch committee, or the committee's meeting
 * electing secretary and deputy from the committee the members' meeting elected
 * (`electsFromMeetingId`). `seats` per post; `candidatesPublishedAt` fixes the candidates.
 */
export const partyMeetings = pgTable(
  'party_meetings',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    kind: text('kind', { enum: partyMeetingKinds }).notNull(),
    date: date('date').notNull(),
    seats: jsonb('seats').$type<Partial<Record<PartyPost, number>>>().notNull(),
    electsFromMeetingId: uuid('elects_from_meeting_id'),
    candidatesPublishedAt: timestamp('candidates_published_at', { withTimezone: true }),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_meetings_community_id_unique').on(t.communityId, t.id),
    index('party_meetings_date_idx').on(t.communityId, t.date),
    inCommunity('party_meetings_elects_from_fk', t.communityId, t.electsFromMeetingId, { communityId: t.communityId, id: t.id }),
  ],
);

/**
 * A candidate of a meeting for a post: proposed (预备人选, with how many members recommended them),
 * reviewed (`reviewedAt`, the organisers' check), fixed when the meeting's list is published.
 */
export const partyCandidates = pgTable(
  'party_candidates',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    post: text('post', { enum: partyPosts }).notNull(),
    recommendations: integer('recommendations').notNull().default(0),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdByAccountId: uuid('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_candidates_member_unique').on(t.communityId, t.meetingId, t.memberId, t.post),
    unique('party_candidates_community_id_unique').on(t.communityId, t.id),
    inCommunity('party_candidates_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_candidates_member_fk', t.communityId, t.memberId, partyMembers),
    check('party_candidates_recommendations', sql`${t.recommendations} >= 0`),
  ],
);

export const partyAttendanceStatuses = ['present', 'leave', 'absent'] as const;
export type PartyAttendanceStatus = (typeof partyAttendanceStatuses)[number];

/** Who came to the meeting, recorded at the door; one row per member and meeting, updated. */
export const partyAttendance = pgTable(
  'party_attendance',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    status: text('status', { enum: partyAttendanceStatuses }).notNull(),
    recordedByAccountId: uuid('recorded_by_account_id').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_attendance_member_unique').on(t.communityId, t.meetingId, t.memberId),
    inCommunity('party_attendance_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_attendance_member_fk', t.communityId, t.memberId, partyMembers),
  ],
);

export const partyOfficialRoles = ['counter', 'monitor'] as const;
export type PartyOfficialRole = (typeof partyOfficialRoles)[number];

/** A meeting's 计票人 / 监票人: members who sign in with their resident's account to hand out and count. */
export const partyOfficials = pgTable(
  'party_officials',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    role: text('role', { enum: partyOfficialRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_officials_member_unique').on(t.communityId, t.meetingId, t.memberId),
    inCommunity('party_officials_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_officials_member_fk', t.communityId, t.memberId, partyMembers),
  ],
);

export const partyRoundKinds = ['main', 'tie', 'further'] as const;
export type PartyRoundKind = (typeof partyRoundKinds)[number];

export interface PartyContender {
  candidateId: string;
  memberId: string;
  name: string;
  post: PartyPost;
}

/**
 * One vote of a meeting: the main vote (n = 1, opened when the candidates are fixed), a re-vote
 * among those tied, or a further election (另行选举) for seats left. Each round has its own
 * ballots and its own double-entry count.
 */
export const partyRounds = pgTable(
  'party_rounds',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    n: integer('n').notNull(),
    kind: text('kind', { enum: partyRoundKinds }).notNull(),
    seats: jsonb('seats').$type<Partial<Record<PartyPost, number>>>().notNull(),
    contenders: jsonb('contenders').$type<PartyContender[]>().notNull(),
    openedByAccountId: uuid('opened_by_account_id').references(() => accounts.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_rounds_n_unique').on(t.communityId, t.meetingId, t.n),
    inCommunity('party_rounds_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    check('party_rounds_n', sql`${t.n} >= 1`),
  ],
);

/** A ballot handed to a present full member: one per member and round, held by the database. */
export const partyBallots = pgTable(
  'party_ballots',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    round: integer('round').notNull(),
    memberId: uuid('member_id').notNull(),
    issuedByAccountId: uuid('issued_by_account_id').references(() => accounts.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_ballots_member_round_unique').on(t.communityId, t.meetingId, t.round, t.memberId),
    inCommunity('party_ballots_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_ballots_member_fk', t.communityId, t.memberId, partyMembers),
  ],
);

export interface PartyVoteCount {
  yes: number;
  no: number;
  abstain: number;
}

export interface PartyWriteIn {
  name: string;
  post: PartyPost;
  yes: number;
}

/** One counter's entry of a round's whole count; never updated. Two agreeing entries make it final. */
export const partyTallies = pgTable(
  'party_tallies',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    round: integer('round').notNull(),
    counterMemberId: uuid('counter_member_id').notNull(),
    enteredByAccountId: uuid('entered_by_account_id')
      .notNull()
      .references(() => accounts.id),
    ballotsCast: integer('ballots_cast').notNull(),
    invalidBallots: integer('invalid_ballots').notNull(),
    votes: jsonb('votes').$type<Record<string, PartyVoteCount>>().notNull(),
    writeIns: jsonb('write_ins').$type<PartyWriteIn[]>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('party_tallies_round_idx').on(t.communityId, t.meetingId, t.round, t.createdAt),
    inCommunity('party_tallies_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_tallies_counter_fk', t.communityId, t.counterMemberId, partyMembers),
    check('party_tallies_counts', sql`${t.ballotsCast} >= 0 and ${t.invalidBallots} >= 0 and ${t.invalidBallots} <= ${t.ballotsCast}`),
  ],
);

export const partyDuties = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'other'] as const;
export type PartyDuty = (typeof partyDuties)[number];

/** The committee's division of work (分工): 组织委员, 宣传委员, 纪检委员 … recorded at its meeting. */
export const partyAssignments = pgTable(
  'party_assignments',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    duty: text('duty', { enum: partyDuties }).notNull(),
    /** The words for `other` (青年委员, 统战委员 …). */
    label: text('label'),
    recordedByAccountId: uuid('recorded_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('party_assignments_member_duty_unique').on(t.communityId, t.meetingId, t.memberId, t.duty),
    inCommunity('party_assignments_meeting_fk', t.communityId, t.meetingId, partyMeetings),
    inCommunity('party_assignments_member_fk', t.communityId, t.memberId, partyMembers),
  ],
);
