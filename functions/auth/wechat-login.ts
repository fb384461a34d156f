import { and, eq, ne } from 'drizzle-orm';
import { accounts } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { WechatError } from '../_platform/wechat/client.js';
import { accountView, openSession } from './sessions.js';

/** Errcodes of a bad, used or expired code (code2Session / getPhoneNumber). */
const BAD_CODE = new Set([40029, 40163, 40226]);

function wechatFailure(error: unknown, badCode: AppError): never {
  if (error instanceof WechatError) {
    if (BAD_CODE.has(error.errcode)) throw badCode;
    throw new AppError('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试。');
  }
  throw error;
}

/** wx.login → code → code2Session → openid. A new openid gets a new account. */
export async function wechatLogin({ ctx, input }: { ctx: Ctx; input: { code: string } }) {
  const { openid } = await ctx.services.wechat
    .code2Session(input.code)
    .catch((e) => wechatFailure(e, new AppError('WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新点击“微信登录”。')));
  const find = () => ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.openid, openid));
  let [account] = await find();
  let isNew = false;
  if (!account) {
    try {
      // No role yet: `resident` comes when staff verify the person's resident record.
      [account] = await ctx.db.insert(accounts).values({ openid, name: '微信用户', communityId: ctx.communityId }).returning({ id: accounts.id });
      isNew = true;
    } catch (error) {
      // Two taps at once: the other request created it.
      if (!isUniqueViolation(error)) throw error;
      [account] = await find();
    }
  }
  const session = await openSession(ctx, account!.id);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: await accountView(ctx, account!.id), isNew };
}

/** The getPhoneNumber button's code → phone number, bound to the caller's account. */
export async function bindWechatPhone({ ctx, input }: { ctx: AuthedCtx; input: { code: string } }) {
  const info = await ctx.services.wechat
    .getPhoneNumber(input.code)
    .catch((e) => wechatFailure(e, new AppError('PHONE_CODE_INVALID', '获取手机号的凭证无效或已过期，请再点一次按钮。')));
  const phone = info.purePhoneNumber;
  const { cipher } = ctx.services;
  const phoneHash = cipher.hash(phone);
  const taken = new AppError('PHONE_TAKEN', '这个手机号已经绑定了其他账号，请用该手机号登录，或联系社区工作人员。');
  const [other] = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.phoneHash, phoneHash), ne(accounts.id, ctx.actor.accountId)));
  if (other) throw taken;
  try {
    await ctx.db
      .update(accounts)
      .set({ phoneHash, phoneEnc: cipher.encrypt(phone) })
      .where(eq(accounts.id, ctx.actor.accountId));
  } catch (error) {
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
  // Masked like every reply but GET /api/me (API.md); the mini-program reloads /api/me to show it whole.
  return { account: await accountView(ctx, ctx.actor.accountId) };
}
