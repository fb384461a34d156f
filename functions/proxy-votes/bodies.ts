import * as z from 'zod';

/**
 * The bodies the proxy-vote routes take (routes.ts validates with them); the mini-program types
 * what it sends from them, as it types replies from ./replies.ts.
 */

/** POST /api/elections/:id/proxy-applications */
export const ProxyApplicationIn = z.object({
  proxyResidentId: z.uuid('请选择受托人'),
  reason: z.string().trim().min(1, '请填写不能到场投票的原因').max(200, '原因最多200个字'),
});

/** POST …/proxy-applications/:pid/consent: the proxy's answer. */
export const ProxyConsent = z.object({ accept: z.boolean('请选择同意或拒绝') });

/** POST …/proxy-applications/:pid/decision: the committee's; a rejection says why. */
export const ProxyDecision = z
  .object({ approve: z.boolean('请选择批准或驳回'), note: z.string().trim().max(200, '说明最多200个字').optional() })
  .refine((b) => b.approve || !!b.note, { message: '驳回时请写明原因', path: ['note'] });
