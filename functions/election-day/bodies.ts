import * as z from 'zod';
import { officialRoles } from '../../db/schema/index.js';
import { seatKeys } from '../elections/rules.js';

/**
 * The bodies the election-day routes take (routes.ts validates with them); the mini-program types
 * what it sends from them, as it types replies from ./replies.ts.
 */

export const ResidentId = z.uuid('居民编号无效');
const Seat = z.enum(seatKeys, '请选择职位：主任、副主任或委员');
const Count = (what: string) => z.number(`请填写${what}`).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(1_000_000, `${what}太大`);
const Round = z.number('轮次须为数字').int('轮次须为整数').min(1, '轮次从1开始').max(50, '轮次太大');

/** POST /api/elections/:id/candidates */
export const NewCandidate = z.object({ residentId: ResidentId, seat: Seat });

/** PUT /api/elections/:id/candidates/order: one seat's ballot order. */
export const SeatOrder = z.object({ seat: Seat, candidateIds: z.array(z.uuid('候选人编号无效')).min(1, '请列出候选人').max(50) });

/** POST /api/elections/:id/officials: approved by show of hands at the meeting, at `approvedAt` (now unless said). */
export const Appointment = z.object({
  residentId: ResidentId,
  role: z.enum(officialRoles, '请选择：计票员、监票员或发票员'),
  approvedAt: z.iso.datetime({ offset: true, message: '举手表决通过的时间格式不对' }).optional(),
});

/** POST /api/elections/:id/ballots: to the voter in person, or to the proxy for an absent voter. */
export const BallotIssue = z.object({ residentId: ResidentId, onBehalfOfResidentId: ResidentId.optional(), round: Round.optional() });

/** POST /api/elections/:id/tally: one counter's whole count of a round. */
export const TallyIn = z.object({
  round: Round.optional(),
  ballotsCast: Count('收回的选票数'),
  invalidBallots: Count('废票数'),
  votes: z.record(z.uuid('候选人编号无效'), Count('得票数')),
  writeIns: z
    .array(z.object({ name: z.string().trim().min(1, '请填写另选人的姓名').max(20, '姓名最多20个字'), seat: Seat, votes: Count('得票数') }))
    .max(50, '另选人最多50人')
    .optional(),
});

/** POST /api/elections/:id/rounds */
export const NewRound = z.object({
  kind: z.enum(['further', 'tie', 'repeat'], '请选择：另行选举、票数相等再次投票或重新投票'),
  seat: Seat.optional(),
  candidateIds: z.array(z.uuid('候选人编号无效')).min(1, '请选择候选人').max(50).optional(),
});

/** POST /api/elections/:id/write-ins/:wid/match: a voter on the list, or nobody eligible. */
export const WriteInMatch = z.union([z.object({ residentId: ResidentId }).strict(), z.object({ notEligible: z.literal(true) }).strict()], {
  error: '请选择选民名单上的人，或记为不符合条件',
});

/** PUT /api/elections/:id/households/:householdId/voter */
export const HouseholdVoterIn = z.object({ residentId: ResidentId });
