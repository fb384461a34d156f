import type { AuthedCtx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';

/**
 * WeChat's content check (msgSecCheck v2) on what residents write. It needs the writer's openid
 * from the mini-program; text typed in the H5 console by a password-signed-in account has none
 * and is not checked. When WeChat cannot be reached the text is kept and flagged for staff,
 * so a resident is never turned away by an outage.
 */
export async function checkContent(ctx: AuthedCtx, text: string): Promise<'pass' | 'review'> {
  const openid = ctx.actor.openid;
  if (!openid) return 'pass';
  try {
    const { suggest } = await ctx.services.wechat.msgSecCheck({ openid, content: text, scene: 2 });
    if (suggest === 'risky') throw new AppError('CONTENT_REJECTED', '内容未通过安全检查，请修改后再提交。如有急事请直接到社区便民服务窗口。');
    return suggest;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONTENT_REJECTED') throw error;
    ctx.services.log.warn('content check unavailable; flagged for review', { requestId: ctx.requestId, error: String(error) });
    return 'review';
  }
}
