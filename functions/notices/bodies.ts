import * as z from 'zod';
import { noticeCategories, noticeKinds } from '../../db/schema/index.js';

/**
 * The bodies the notice routes take (routes.ts validates with them); the mini-program types what
 * it sends from them, as it types replies from ./replies.ts.
 */

export const Category = z.enum(noticeCategories, { error: '请选择公告类别' });

/** POST /api/notices: now, or at `publishAt`; an election notice names its election and kind. */
export const NewNotice = z.object({
  category: Category,
  title: z.string().trim().min(1, '请填写标题').max(60, '标题最多60个字'),
  body: z.string().trim().min(1, '请填写公告内容').max(5000, '内容最多5000个字'),
  publishAt: z.iso.datetime({ offset: true, error: '发布时间格式不对' }).optional(),
  electionId: z.uuid('选举编号无效').optional(),
  kind: z.enum(noticeKinds, { error: '公告类型不对' }).optional(),
});

/** PUT /api/subscriptions: the categories to follow. */
export const SubscriptionChoice = z.object({ categories: z.array(Category).max(3) });

/** POST /api/subscriptions/grants: what wx.requestSubscribeMessage answered, template id → accept/reject/ban. */
export const GrantReport = z.object({ results: z.record(z.string().max(128), z.string().max(100)) });
