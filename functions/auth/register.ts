import { hash } from '@node-rs/argon2';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { accounts, loginFailures } from '../../db/schema/index.js';
import { type Ctx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { passwordProblem } from './password.js';
import { accountView, openSession } from './sessions.js';

const HOUR_MS = 3600_000;

/**
 * Registration with phone, password and name. Limited per address (REGISTER_LIMIT_PER_HOUR),
 * every attempt counted, so nobody mass-registers or probes which numbers are taken. The phone
 * is not proven by typing it: it stays unverified until WeChat's getPhoneNumber or staff at the
 * window prove it, and a verified claim of the same number takes it over (wechat-login.ts).
 * No role yet: `resident` comes when staff verify the person's resident record.
 */
export async function register({ ctx, input }: { ctx: Ctx; input: { phone: string; password: string; name: string } }) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, { errors: [{ path: 'body.password', message: problem }] });
  const subject = `register:${ctx.ip}`;
  const limit = ctx.services.settings.REGISTER_LIMIT_PER_HOUR;
  const allowed = await withTransaction(ctx, async (tx) => {
    // One count-and-record per address at a time, so a parallel burst cannot slip past the count.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${subject}))`);
    const [recent] = await tx.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.subject, subject), gt(loginFailures.at, new Date(tx.now.getTime() - HOUR_MS))));
    if ((recent?.n ?? 0) >= limit) return false;
    await tx.db.insert(loginFailures).values({ subject, at: tx.now });
    return true;
  });
  if (!allowed) {
    throw new AppError('RATE_LIMITED', '这个网络注册的账号太多了，请一小时后再试，或到社区便民服务窗口办理。', {
      headers: { 'Retry-After': String(HOUR_MS / 1000) },
    });
  }
  const { cipher } = ctx.services;
  const phoneHash = cipher.hash(input.phone);
  const passwordHash = await hash(input.password);
  const phoneTaken = () => new AppError('PHONE_TAKEN', '这个手机号已经注册过了，请直接登录，或用“忘记密码”找回。');
  const [existing] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phoneHash, phoneHash));
  if (existing) throw phoneTaken();
  try {
    const [account] = await ctx.db
      .insert(accounts)
      .values({ phoneHash, phoneEnc: cipher.encrypt(input.phone), name: input.name, passwordHash, communityId: ctx.communityId })
      .returning({ id: accounts.id });
    const session = await openSession(ctx, account!.id);
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: await accountView(ctx, account!.id) };
  } catch (error) {
    if (isUniqueViolation(error)) throw phoneTaken();
    throw error;
  }
}
