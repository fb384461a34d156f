import * as z from 'zod';
import { serviceRequestStatuses } from '../../db/schema/index.js';

/**
 * The bodies the service window's routes take (routes.ts validates with them); the mini-program
 * types what it sends from them, as it types replies from ./replies.ts.
 */

/** At most this many photos on a request, and on each reply (what WeChat community apps allow). */
export const MAX_PHOTOS = 9;

const Text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多${max}个字`);
/** Photos sent with a request or a reply: the caller's own uploads, at most MAX_PHOTOS, each once. */
const PhotoIds = z
  .array(z.uuid('照片编号无效'))
  .max(MAX_PHOTOS, `最多附${MAX_PHOTOS}张照片`)
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能附一次');

/** POST /api/service-requests */
export const NewServiceRequest = z.object({
  categoryCode: z.string().trim().min(1, '请选择办事类别').max(40),
  title: z.string().trim().max(40, '标题最多40个字').optional(),
  description: Text('要办的事', 2000),
  onBehalfOfResidentId: z.uuid('居民编号无效').optional(),
  attachmentIds: PhotoIds.optional(),
});

/** POST /api/service-requests/:id/replies: words, photos, or both. */
export const ServiceReplyIn = z
  .object({ body: z.string().trim().max(2000, '回复内容最多2000个字').default(''), attachmentIds: PhotoIds.optional() })
  .refine((b) => b.body.length > 0 || (b.attachmentIds?.length ?? 0) > 0, { message: '请填写回复内容或附上照片', path: ['body'] });

/** POST /api/service-requests/:id/status */
export const StatusChange = z.object({
  status: z.enum(serviceRequestStatuses),
  note: z.string().trim().max(500, '说明最多500个字').optional(),
  referTo: z.string().trim().max(100, '最多100个字').optional(),
});

/** POST /api/service-requests/:id/reopen */
export const Reopening = z.object({ reason: Text('重新办理的原因', 500) });

/** POST /api/service-requests/:id/rating */
export const RatingIn = z.object({
  score: z.number().int().min(1, '请打1到5颗星').max(5, '请打1到5颗星'),
  comment: z.string().trim().max(200, '评价最多200个字').optional(),
});

/** POST /api/service-requests/:id/assignee: a staff member's account, or null to take it back. */
export const Assignment = z.object({ accountId: z.uuid('编号无效').nullable() });
