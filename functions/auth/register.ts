import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { accounts } from '../../db/schema/index.js';
import { type Ctx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { passwordProblem } from './password.js';
import { accountView, openSession } from './sessions.js';

export async function register({ ctx, input }: { ctx: Ctx; input: { phone: string; password: string; name: string } }) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, { errors: [{ path: 'body.password', message: problem }] });
  const { cipher } = ctx.services;
  const phoneHash = cipher.hash(input.phone);
  const passwordHash = await hash(input.password);
  const phoneTaken = () => new AppError('PHONE_TAKEN', '这个手机号已经注册过了，请直接登录，或用“忘记密码”找回。');
  const [existing] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phoneHash, phoneHash));
  if (existing) throw phoneTaken();
  try {
    const accountId = await withTransaction(ctx, async (tx) => {
      const [account] = await tx.db
        .insert(accounts)
        .values({ phoneHash, phoneEnc: cipher.encrypt(input.phone), name: input.name, passwordHash, communityId: ctx.communityId })
        .returning({ id: accounts.id });
      return account!.id;
    });
    const session = await openSession(ctx, accountId);
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: await accountView(ctx, accountId) };
  } catch (error) {
    if (isUniqueViolation(error)) throw phoneTaken();
    throw error;
  }
}
