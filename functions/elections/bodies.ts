import * as z from 'zod';
import { registrationBases } from '../../db/schema/index.js';
import { lawIds } from './law.js';
import { ElectionRulesChange, ElectionSeats } from './rules.js';

/**
 * The bodies the elections' routes take (routes.ts validates with them); the mini-program types
 * what it sends from them, as it types replies from ./replies.ts.
 */

const Mode = z.enum(['voters', 'households', 'representatives'], '选举方式：全体选民、每户派代表或居民代表');
const Basis = z.string().trim().max(500, '依据最多500个字');
const Day = z.iso.date('请填写选举日，格式如 2026-12-20');
const Title = z.string().trim().min(1, '请填写选举名称').max(60, '选举名称最多60个字');

/** POST /api/elections: the day, the seats and, where they depart from the law's defaults, the rules with their basis. */
export const NewElection = z.object({
  title: Title,
  electionDay: Day,
  seats: ElectionSeats,
  rules: ElectionRulesChange.optional(),
  law: z.enum(lawIds, '请选择选举依据的法律').optional(),
  mode: Mode.optional(),
  basis: Basis.optional(),
});

/** PUT /api/elections/:id: what changes (the locks say what still may). */
export const ElectionChange = z.object({
  title: Title.optional(),
  electionDay: Day.optional(),
  seats: ElectionSeats.optional(),
  rules: ElectionRulesChange.optional(),
  mode: Mode.optional(),
  basis: Basis.optional(),
});

/** POST /api/elections/:id/voters: one resident, or every verified resident of voting age (of a group). */
export const VoterRegistrationIn = z.union([
  z.object({ residentId: z.uuid('居民编号无效'), basis: z.enum(registrationBases, '登记依据：户籍、居住或工作').optional() }),
  z.object({ all: z.literal(true), groupId: z.uuid('小组编号无效').optional() }),
]);

/** POST /api/elections/:id/nominations: a representative, with the group meeting that elected them where it is recorded. */
export const NominationIn = z
  .object({
    residentId: z.uuid('居民编号无效'),
    meetingOn: z.iso.date('小组会议日期的格式应为 2026-03-01').optional(),
    present: z.int('到会人数应为整数').min(1, '到会人数至少为 1').max(10000).optional(),
    votesFor: z.int('赞成票数应为整数').min(0, '赞成票数不能为负').max(10000).optional(),
  })
  .refine((b) => [b.meetingOn, b.present, b.votesFor].every((v) => v === undefined) || [b.meetingOn, b.present, b.votesFor].every((v) => v !== undefined), {
    message: '小组会议的日期、到会人数和赞成票数要一起填写',
    path: ['meetingOn'],
  })
  .refine((b) => b.votesFor === undefined || b.present === undefined || b.votesFor <= b.present, {
    message: '赞成票数不能多于到会人数',
    path: ['votesFor'],
  });
