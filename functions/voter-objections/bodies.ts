import * as z from 'zod';
import { registrationBases } from '../../db/schema/index.js';

/**
 * The bodies the voter-list objection routes take (routes.ts validates with them); the
 * mini-program types what it sends from them, as it types replies from ./replies.ts.
 */

/** POST /api/elections/:id/objections: names the person concerned when someone is left out or wrongly on the list. */
export const NewObjection = z
  .object({
    kind: z.enum(['omitted', 'wrongly_included', 'wrong_details'], '请选择异议的类型：应登记而未登记、不应登记而登记、登记信息有误'),
    residentId: z.uuid('请选择这份异议说的是哪位居民').optional(),
    reason: z.string().trim().min(1, '请写明异议的理由').max(500, '理由最多500个字'),
  })
  .superRefine((b, issues) => {
    if ((b.kind === 'omitted' || b.kind === 'wrongly_included') && !b.residentId) {
      issues.addIssue({ code: 'custom', path: ['residentId'], message: '请选择这份异议说的是哪位居民' });
    }
  });

/** POST /api/elections/:id/voter-applications: the way onto the list the applicant claims. */
export const VoterApplication = z.object({
  basis: z.enum(registrationBases, '请选择登记的依据：户籍在本社区、在本社区居住满六个月或在本社区工作满六个月'),
});

/** POST /api/elections/:id/objections/:oid/decision */
export const ObjectionDecision = z.object({
  uphold: z.boolean('请选择支持或不支持'),
  reason: z.string().trim().min(1, '请写明作出决定的理由').max(500, '理由最多500个字'),
});
