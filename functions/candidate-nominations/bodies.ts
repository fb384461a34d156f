import * as z from 'zod';
import { seatKeys } from '../elections/rules.js';

/**
 * The bodies the candidate-nomination routes take (routes.ts validates with them); the
 * mini-program types what it sends from them, as it types replies from ./replies.ts.
 */

const Seat = z.enum(seatKeys, '请选择职位：主任、副主任或委员');

/** POST /api/elections/:id/candidate-nominations: a voter's own, or a paper form the committee enters. */
export const NewCandidateNomination = z
  .object({
    nomineeResidentId: z.uuid('请选择被提名人'),
    seat: Seat,
    coSignerResidentIds: z.array(z.uuid('联名人编号无效')).max(20, '联名人最多20位').optional(),
    nominatorResidentId: z.uuid('请选择提名人').optional(),
    onPaper: z.boolean('请说明是否为纸质提名表').optional(),
  })
  .refine((b) => !b.onPaper || !!b.nominatorResidentId, { message: '纸质提名表请选择提名人', path: ['nominatorResidentId'] })
  .refine((b) => b.onPaper || !b.nominatorResidentId, { message: '只有录入纸质提名表时才能另选提名人', path: ['nominatorResidentId'] });

/** POST …/candidate-nominations/:nid/answer: the nominee's. */
export const NominationAnswer = z.object({ accept: z.boolean('请选择接受或不接受') });

/** POST /api/elections/:id/candidates/fix */
export const CandidateFixing = z.object({
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
});
