import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { seatKeys } from '../elections/rules.js';
import { answerNomination } from './answer.js';
import { fixCandidates } from './fix.js';
import { listNominations } from './list.js';
import { nominateCandidate } from './nominate.js';
import { CandidateNomination, CandidateNominationList, FixedCandidates } from './replies.js';
import { signNomination } from './sign.js';

const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const NominationId = z.object({ id: z.uuid('选举编号无效'), nid: z.uuid('提名编号无效') });
const Seat = z.enum(seatKeys, '请选择职位：主任、副主任或委员');
const tag = 'elections';

/** Candidates nominated by the voters (API.md "Election lifecycle and the law"). */
export const candidateNominationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations',
    summary: 'Nominate a registered voter for a seat, alone or with co-signers (a voter; the committee enters paper forms)',
    tag,
    access: 'account',
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: z
      .object({
        nomineeResidentId: z.uuid('请选择被提名人'),
        seat: Seat,
        coSignerResidentIds: z.array(z.uuid('联名人编号无效')).max(20, '联名人最多20位').optional(),
        nominatorResidentId: z.uuid('请选择提名人').optional(),
        onPaper: z.boolean('请说明是否为纸质提名表').optional(),
      })
      .refine((b) => !b.onPaper || !!b.nominatorResidentId, { message: '纸质提名表请选择提名人', path: ['nominatorResidentId'] })
      .refine((b) => b.onPaper || !b.nominatorResidentId, { message: '只有录入纸质提名表时才能另选提名人', path: ['nominatorResidentId'] }),
    response: CandidateNomination,
    handle: ({ ctx, input }) => nominateCandidate({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/candidate-nominations',
    summary: 'Nomination counts per nominee and seat, with the nominations I am named on (committee: all)',
    tag,
    access: 'account',
    params: ElectionId,
    response: CandidateNominationList,
    handle: ({ ctx, input }) => listNominations({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations/:nid/sign',
    summary: 'A named co-signer signs the joint nomination',
    tag,
    access: 'account',
    params: NominationId,
    response: CandidateNomination,
    handle: ({ ctx, input }) => signNomination({ ctx, input: { electionId: input.params.id, nominationId: input.params.nid } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidate-nominations/:nid/answer',
    summary: 'The nominee accepts or declines the nomination',
    tag,
    access: 'account',
    params: NominationId,
    body: z.object({ accept: z.boolean('请选择接受或不接受') }),
    response: CandidateNomination,
    handle: ({ ctx, input }) => answerNomination({ ctx, input: { electionId: input.params.id, nominationId: input.params.nid, accept: input.body.accept } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/candidates/fix',
    summary: "Fix one seat's 正式候选人 from the nomination counts, after nominations close (committee)",
    tag,
    access: committeeRoles,
    params: ElectionId,
    body: z.object({
      seat: Seat,
      /** The count of the preliminary vote (预选) the seat was sent to, when it was. */
      preliminary: z
        .object({
          heldOn: z.iso.date('预选日期的格式应为 2026-03-01'),
          votes: z
            .array(z.object({ residentId: z.uuid('居民编号无效'), votes: z.int('票数应为整数').min(0, '票数不能为负').max(100000) }))
            .min(2, '预选至少有两人')
            .max(200),
        })
        .optional(),
    }),
    response: FixedCandidates,
    handle: ({ ctx, input }) => fixCandidates({ ctx, input: { electionId: input.params.id, seat: input.body.seat, preliminary: input.body.preliminary } }),
  }),
];
