import * as z from 'zod';
import { officialRoles } from '../../db/schema/index.js';
import { publicOrigin } from '../_platform/env.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { seatKeys } from '../elections/rules.js';
import { nameHouseholdVoter } from './ballot-holders.js';
import { deskRecord, deskSearch, getTurnout, issueBallot } from './ballots.js';
import { addCandidate, listCandidates, orderCandidates, publishCandidates, removeCandidate } from './candidates.js';
import { appointOfficial, listOfficials } from './officials.js';
import { PrintedVoterCard, PrintedVoterCardPage, printVoterCard, printVoterCards } from './printed-voter-cards.js';
import {
  Candidate,
  CandidateList,
  CandidateOrder,
  Certificate,
  DeskRecord,
  DeskSearch,
  ElectionNotice,
  HouseholdVoter,
  IssuedBallot,
  Official,
  Officials,
  PublishedResults,
  Results,
  Round as Round_,
  TallyEntered,
  Turnout,
  WriteIn,
} from './replies.js';
import { certificate, getResults, publishResults } from './results.js';
import { matchWriteIn, openRound } from './round-verbs.js';
import { enterTally } from './tally.js';

const committee = committeeRoles;
const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const ResidentId = z.uuid('居民编号无效');
const Seat = z.enum(seatKeys, '请选择职位：主任、副主任或委员');
const Count = (what: string) => z.number(`请填写${what}`).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(1_000_000, `${what}太大`);

/** QR codes on cards point at the configured public address, never at the request's Host header. */
const originOf = (ctx: { services: { settings: Parameters<typeof publicOrigin>[0] } }) => publicOrigin(ctx.services.settings);
const Round = z.number('轮次须为数字').int('轮次须为整数').min(1, '轮次从1开始').max(50, '轮次太大');

/**
 * Election day (API.md). Officials (counter, monitor, clerk) are people appointed for one
 * election, not account roles: their routes admit any account and the verb checks the
 * election's officials table (committee, or an official of the right kind, else 403).
 */
export const electionDayRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidates',
    summary: 'Add a candidate for a seat from the registered voters (committee)',
    tag: 'election-day',
    access: committee,
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: z.object({ residentId: ResidentId, seat: Seat }),
    response: Candidate,
    handle: ({ ctx, input }) => addCandidate({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/candidates',
    summary: 'The candidates per seat in ballot order (everyone once published)',
    tag: 'election-day',
    access: 'account',
    params: ElectionId,
    response: CandidateList,
    handle: ({ ctx, input }) => listCandidates({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/elections/:id/candidates/:cid',
    summary: 'Remove a candidate, until the list is published (committee)',
    tag: 'election-day',
    access: committee,
    status: 204,
    params: z.object({ id: z.uuid('选举编号无效'), cid: z.uuid('候选人编号无效') }),
    handle: ({ ctx, input }) => removeCandidate({ ctx, input: { electionId: input.params.id, candidateId: input.params.cid } }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/elections/:id/candidates/order',
    summary: "Fix one seat's ballot order (committee; stroke order of surnames otherwise)",
    tag: 'election-day',
    access: committee,
    params: ElectionId,
    body: z.object({ seat: Seat, candidateIds: z.array(z.uuid('候选人编号无效')).min(1, '请列出候选人').max(50) }),
    response: CandidateOrder,
    handle: ({ ctx, input }) => orderCandidates({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidates/publish',
    summary: 'Publish the candidate list as a `candidates` notice (committee)',
    tag: 'election-day',
    access: committee,
    status: 201,
    params: ElectionId,
    response: ElectionNotice,
    handle: ({ ctx, input }) => publishCandidates({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/officials',
    summary: 'Appoint a counter, monitor or clerk approved by show of hands (committee)',
    tag: 'election-day',
    access: committee,
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: z.object({
      residentId: ResidentId,
      role: z.enum(officialRoles, '请选择：计票员、监票员或发票员'),
      approvedAt: z.iso.datetime({ offset: true, message: '举手表决通过的时间格式不对' }).optional(),
    }),
    response: Official,
    handle: ({ ctx, input }) => appointOfficial({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/officials',
    summary: "The day's officials, and the caller's own role among them",
    tag: 'election-day',
    access: 'account',
    params: ElectionId,
    response: Officials,
    handle: ({ ctx, input }) => listOfficials({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/ballots',
    summary: 'Hand out a ballot in person or to an approved proxy (committee, clerk)',
    tag: 'election-day',
    access: 'account',
    status: 201,
    params: ElectionId,
    body: z.object({ residentId: ResidentId, onBehalfOfResidentId: ResidentId.optional(), round: Round.optional() }),
    response: IssuedBallot,
    handle: ({ ctx, input }) => issueBallot({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/turnout',
    summary: 'Ballots handed out so far against the voter list',
    tag: 'election-day',
    access: 'account',
    params: ElectionId,
    response: Turnout,
    handle: ({ ctx, input }) => getTurnout({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/desk',
    summary: 'The ballot desk finds voters by name or group (committee, officials)',
    tag: 'election-day',
    access: 'account',
    params: ElectionId,
    query: PageQuery.extend({ q: z.string().trim().max(20, '姓名最多20个字').optional(), groupId: z.uuid('小组编号无效').optional() }),
    response: DeskSearch,
    handle: ({ ctx, input }) => deskSearch({ ctx, input: { electionId: input.params.id, ...input.query } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/desk/:residentId',
    summary: "A voter's record at the desk with the entrustments they hold (committee, officials)",
    tag: 'election-day',
    access: 'account',
    params: z.object({ id: z.uuid('选举编号无效'), residentId: ResidentId }),
    response: DeskRecord,
    handle: ({ ctx, input }) => deskRecord({ ctx, input: { electionId: input.params.id, residentId: input.params.residentId } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/voter-cards',
    summary: 'Voter cards with QR codes for printing, a page at a time (committee)',
    tag: 'election-day',
    access: committee,
    params: ElectionId,
    query: PageQuery.extend({ groupId: z.uuid('小组编号无效').optional() }),
    response: PrintedVoterCardPage,
    handle: ({ ctx, input }) => printVoterCards({ ctx, input: { electionId: input.params.id, ...input.query, origin: originOf(ctx) } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/voter-cards/:residentId',
    summary: 'One voter card (committee, officials, the voter)',
    tag: 'election-day',
    access: 'account',
    params: z.object({ id: z.uuid('选举编号无效'), residentId: ResidentId }),
    response: PrintedVoterCard,
    handle: ({ ctx, input }) => printVoterCard({ ctx, input: { electionId: input.params.id, residentId: input.params.residentId, origin: originOf(ctx) } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/tally',
    summary: 'A counter enters the whole count (counter)',
    tag: 'election-day',
    access: 'account',
    status: 201,
    params: ElectionId,
    body: z.object({
      round: Round.optional(),
      ballotsCast: Count('收回的选票数'),
      invalidBallots: Count('废票数'),
      votes: z.record(z.uuid('候选人编号无效'), Count('得票数')),
      writeIns: z
        .array(z.object({ name: z.string().trim().min(1, '请填写另选人的姓名').max(20, '姓名最多20个字'), seat: Seat, votes: Count('得票数') }))
        .max(50, '另选人最多50人')
        .optional(),
    }),
    response: TallyEntered,
    handle: ({ ctx, input }) => enterTally({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/results',
    summary: 'The count and the majorities, with the audit head',
    tag: 'election-day',
    access: 'account',
    params: ElectionId,
    response: Results,
    handle: ({ ctx, input }) => getResults({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/results/publish',
    summary: 'Publish the final results as a `results` notice (committee)',
    tag: 'election-day',
    access: committee,
    status: 201,
    params: ElectionId,
    response: PublishedResults,
    handle: ({ ctx, input }) => publishResults({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/certificates/:candidateId',
    summary: 'What the printable 当选证书 of a member elected in any round shows, from the published result',
    tag: 'election-day',
    access: 'account',
    params: z.object({ id: z.uuid('选举编号无效'), candidateId: z.uuid('候选人编号无效') }),
    response: Certificate,
    handle: ({ ctx, input }) => certificate({ ctx, input: { electionId: input.params.id, candidateId: input.params.candidateId } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/rounds',
    summary: 'Open a further round for seats left, a re-vote among the tied, or a void round again (committee)',
    tag: 'election-day',
    access: committee,
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: z.object({
      kind: z.enum(['further', 'tie', 'repeat'], '请选择：另行选举、票数相等再次投票或重新投票'),
      seat: Seat.optional(),
      candidateIds: z.array(z.uuid('候选人编号无效')).min(1, '请选择候选人').max(50).optional(),
    }),
    response: Round_,
    handle: ({ ctx, input }) => openRound({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/write-ins/:wid/match',
    summary: 'Match a write-in to a registered voter, or record that nobody eligible bears the name (committee)',
    tag: 'election-day',
    access: committee,
    params: z.object({ id: z.uuid('选举编号无效'), wid: z.uuid('另选人编号无效') }),
    body: z.union([z.object({ residentId: ResidentId }).strict(), z.object({ notEligible: z.literal(true) }).strict()], {
      error: '请选择选民名单上的人，或记为不符合条件',
    }),
    response: WriteIn,
    handle: ({ ctx, input }) => matchWriteIn({ ctx, input: { electionId: input.params.id, writeInId: input.params.wid, ...input.body } }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/elections/:id/households/:householdId/voter',
    summary: 'Name the member who votes for a household, in an election by households (committee)',
    tag: 'election-day',
    access: committee,
    params: z.object({ id: z.uuid('选举编号无效'), householdId: z.uuid('户编号无效') }),
    body: z.object({ residentId: ResidentId }),
    response: HouseholdVoter,
    handle: ({ ctx, input }) =>
      nameHouseholdVoter({ ctx, input: { electionId: input.params.id, householdId: input.params.householdId, residentId: input.body.residentId } }),
  }),
];
