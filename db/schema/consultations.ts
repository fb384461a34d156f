import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { elections } from './elections.js';
import { inCommunity } from './keys.js';
import { notices } from './notices.js';
import { households, residentGroups, residents } from './residents.js';

export const consultationQuestionKinds = ['single', 'multiple', 'scale', 'text'] as const;
export type ConsultationQuestionKind = (typeof consultationQuestionKinds)[number];

export interface ConsultationQuestion {
  kind: ConsultationQuestionKind;
  text: string;
  /** The choices of a single or multiple question; for a scale, its labels from 1 up (the scale is 1..options.length, 5 when none). */
  options?: string[];
}

export interface ConsultationAudience {
  groups?: string[];
  votersOf?: string;
  households?: string[];
}

/** One question's answer: `option` index (single), `options` (multiple), `value` (scale), `text`. */
export interface ConsultationAnswerItem {
  option?: number;
  options?: number[];
  value?: number;
  text?: string;
}

export const consultationPer = ['resident', 'household'] as const;

/**
 * A consultation (征求意见): a question set put to an audience (the whole community when the
 * audience names nothing; else residents of some groups, the voters of an election, some
 * households), answered once per resident or per household between `opensAt` and `closesAt`.
 * Its notice goes out when it opens (`noticeId`, set when published).
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    questions: jsonb('questions').$type<ConsultationQuestion[]>().notNull(),
    audience: jsonb('audience').$type<ConsultationAudience>().notNull(),
    votersOfElectionId: uuid('voters_of_election_id'),
    per: text('per', { enum: consultationPer }).notNull(),
    anonymous: boolean('anonymous').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    noticeId: uuid('notice_id'),
    createdByAccountId: uuid('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('consultations_community_idx').on(t.communityId, t.opensAt),
    unique('consultations_community_id_unique').on(t.communityId, t.id),
    check('consultations_window', sql`${t.closesAt} > ${t.opensAt}`),
    inCommunity('consultations_election_fk', t.communityId, t.votersOfElectionId, elections),
    inCommunity('consultations_notice_fk', t.communityId, t.noticeId, notices),
  ],
);

/**
 * Who answered (the "once" record): one row per resident, or per household when the
 * consultation is per household, whoever of it answered. It names the respondent and who
 * entered it on their behalf, never the answer: for an anonymous consultation this is the only
 * trace of the person, and the answer rows carry nothing that leads back to it.
 */
export const consultationRespondents = pgTable(
  'consultation_respondents',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    consultationId: uuid('consultation_id').notNull(),
    /** The resident (per resident) or the household (per household) counted once. */
    respondentKey: uuid('respondent_key').notNull(),
    residentId: uuid('resident_id').notNull(),
    groupId: uuid('group_id').notNull(),
    enteredByAccountId: uuid('entered_by_account_id').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('consultation_respondents_once').on(t.communityId, t.consultationId, t.respondentKey),
    index('consultation_respondents_group_idx').on(t.communityId, t.consultationId, t.groupId),
    inCommunity('consultation_respondents_consultation_fk', t.communityId, t.consultationId, consultations),
    inCommunity('consultation_respondents_resident_fk', t.communityId, t.residentId, residents),
    inCommunity('consultation_respondents_group_fk', t.communityId, t.groupId, residentGroups),
  ],
);

/**
 * An answer. Named (`respondentKey`, `residentId`, `enteredByAccountId`) unless the consultation
 * is anonymous; then it holds only the group (for answers by group) and the hash of a receipt
 * given to the answerer alone, with which they may change it until it closes. Anonymous rows get
 * a random id and no time, so neither order nor clock ties them to the respondents' record.
 */
export const consultationAnswers = pgTable(
  'consultation_answers',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    consultationId: uuid('consultation_id').notNull(),
    groupId: uuid('group_id').notNull(),
    answers: jsonb('answers').$type<ConsultationAnswerItem[]>().notNull(),
    respondentKey: uuid('respondent_key'),
    residentId: uuid('resident_id'),
    householdId: uuid('household_id'),
    enteredByAccountId: uuid('entered_by_account_id').references(() => accounts.id),
    receiptHash: text('receipt_hash'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    unique('consultation_answers_respondent').on(t.communityId, t.consultationId, t.respondentKey),
    unique('consultation_answers_receipt').on(t.consultationId, t.receiptHash),
    index('consultation_answers_group_idx').on(t.communityId, t.consultationId, t.groupId),
    check('consultation_answers_named_or_receipt', sql`(${t.respondentKey} is null) <> (${t.receiptHash} is null)`),
    inCommunity('consultation_answers_consultation_fk', t.communityId, t.consultationId, consultations),
    inCommunity('consultation_answers_resident_fk', t.communityId, t.residentId, residents),
    inCommunity('consultation_answers_household_fk', t.communityId, t.householdId, households),
    inCommunity('consultation_answers_group_fk', t.communityId, t.groupId, residentGroups),
  ],
);

/** The committee's own sections of the review report (回头检视报告) of an election: 经验, 短板 and what is done, 亮点. */
export const reviewSections = pgTable(
  'review_sections',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    electionId: uuid('election_id').notNull(),
    experience: text('experience').notNull(),
    shortcomings: text('shortcomings').notNull(),
    highlights: text('highlights').notNull(),
    updatedByAccountId: uuid('updated_by_account_id')
      .notNull()
      .references(() => accounts.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.electionId] }), inCommunity('review_sections_election_fk', t.communityId, t.electionId, elections)],
);
