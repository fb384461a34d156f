import * as z from 'zod';
import { partyBranchTypes, partyDuties, partyOfficialRoles } from '../../db/schema/index.js';

/**
 * The bodies the party branch's routes take (routes.ts validates with them); the mini-program
 * types what it sends from them, as it types replies from ./replies.ts.
 */

const Day = (what: string) => z.iso.date(`请填写${what}，格式如 2026-12-20`);
export const MemberId = z.uuid('党员编号无效');
const Count = (what: string) => z.number(`请填写${what}`).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(100_000, `${what}太大`);
const Post = z.enum(['committee', 'secretary', 'deputy_secretary'], '请选择职务：支部委员、书记或副书记');
const Round = z.number('轮次须为数字').int('轮次须为整数').min(1, '轮次从1开始').max(50, '轮次太大');

/** POST /api/party/members: an entry of the roster, of a resident or by name alone. */
export const PartyMemberIn = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多20个字').optional(),
  residentId: z.uuid('居民编号无效').optional(),
  status: z.enum(['full', 'probationary'], '请选择：正式党员或预备党员'),
  admittedOn: Day('入党日期'),
  fullOn: Day('转正日期').nullish(),
  suspended: z.boolean('留党察看须为是或否').optional(),
  transferredInOn: Day('转入日期').nullish(),
  transferredOutOn: Day('转出日期').nullish(),
});

/** PUT /api/party/members/:id: what changes. */
export const PartyMemberChange = PartyMemberIn.partial().refine((b) => Object.keys(b).length > 0, '请至少修改一项：身份、转正日期、留党察看或转出日期');

/** POST /api/party/requests: the founding request or the results report. */
export const PartyRequestIn = z.object({
  kind: z.enum(['founding', 'results_report'], '请选择：成立请示或选举结果的报告'),
  branchType: z.enum(partyBranchTypes, '请选择党支部的性质').optional(),
  body: z.string().trim().min(1, '请填写正文').max(5000, '正文最多5000字'),
  submittedOn: Day('报送日期').optional(),
  proposedSeats: z.number('委员人数须为数字').int('委员人数须为整数').min(3, '支部委员会一般3至7人').max(7, '支部委员会一般3至7人').optional(),
});

/** POST /api/party/requests/:rid/approval: the township's 批复. */
export const PartyApproval = z.object({ approvedOn: Day('批复日期'), documentNo: z.string().trim().min(1, '请填写批复文号').max(40, '文号最多40个字') });

/** POST /api/party/meetings */
export const PartyMeetingIn = z.object({
  kind: z.enum(['members', 'committee'], '请选择：党员大会或支部委员会会议'),
  date: Day('会议日期'),
  seats: z.number('应选人数须为数字').int('应选人数须为整数').min(1, '应选人数至少1名').max(15, '应选人数太多'),
  electsFromMeetingId: z.uuid('会议编号无效').optional(),
});

/** POST /api/party/meetings/:mid/attendance: a member at the door. */
export const PartyAttendanceIn = z.object({ memberId: MemberId, present: z.boolean('请选择是否到会'), leave: z.boolean('请假须为是或否').optional() });

/** POST /api/party/meetings/:mid/candidates */
export const PartyCandidateIn = z.object({ memberId: MemberId, post: Post.optional(), recommendations: Count('推荐人数').optional() });

/** POST /api/party/meetings/:mid/officials */
export const PartyOfficialIn = z.object({ memberId: MemberId, role: z.enum(partyOfficialRoles, '请选择：计票人或监票人') });

/** POST /api/party/meetings/:mid/assignments: the committee's division of work. */
export const PartyAssignmentIn = z.object({
  memberId: MemberId,
  duty: z.enum(partyDuties, '请选择分工：组织委员、宣传委员、纪检委员或其他'),
  label: z.string().trim().max(20, '分工名称最多20个字').optional(),
});

/** POST /api/party/meetings/:mid/ballots */
export const PartyBallotIn = z.object({ memberId: MemberId, round: Round.optional() });

/** POST /api/party/meetings/:mid/tally: a round's whole count, yes, no and abstain per candidate. */
export const PartyTallyIn = z.object({
  round: Round.optional(),
  ballotsCast: Count('收回选票数'),
  invalidBallots: Count('无效票数'),
  votes: z.record(
    z.string().min(1, '候选人编号无效').max(60, '候选人编号无效'),
    z.object({ yes: Count('赞成票'), no: Count('不赞成票'), abstain: Count('弃权票') }),
    '请填写每位候选人的票数',
  ),
  writeIns: z
    .array(z.object({ name: z.string().trim().min(1, '请填写另选人的姓名').max(20, '姓名最多20个字'), post: Post, yes: Count('另选人的票数') }))
    .max(50, '另选人太多')
    .optional(),
});

/** POST /api/party/meetings/:mid/rounds */
export const PartyRoundIn = z.object({
  kind: z.enum(['tie', 'further', 'repeat'], '请选择：再次投票、另行选举或重新投票'),
  post: Post.optional(),
  candidateIds: z.array(z.uuid('候选人编号无效')).max(30).optional(),
});
