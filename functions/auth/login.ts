import { hash, verify } from '@node-rs/argon2';
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import { accounts, loginFailures } from '../../db/schema/index.js';
import { type Ctx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { accountView, openSession } from './sessions.js';

/**
 * 5 failures for one account within 15 minutes lock it for 15 minutes (API.md), whether they were
 * made with its username or its phone: the two are one account and share its five guesses. A
 * username or phone nobody has is counted by itself, so a miss looks the same either way.
 */
export const LOCK_AFTER = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;
/** Per source address the bar is far higher: many residents share one carrier address. */
export const IP_LIMIT = 100;

export type LoginInput = { username: string; password: string } | { phone: string; password: string };

// A real hash to verify against when the account does not exist, so timing does not reveal which
// usernames and phones are registered.
const dummyHash = hash('not-a-real-password-0');

export async function login({ ctx, input }: { ctx: Ctx; input: LoginInput }) {
  const ipSubject = `ip:${ctx.ip}`;
  const since = new Date(ctx.now.getTime() - LOCK_WINDOW_MS);

  const outcome = await withTransaction(ctx, async (tx) => {
    const where = 'username' in input ? eq(accounts.username, input.username) : eq(accounts.phoneHash, ctx.services.cipher.hash(input.phone));
    const [account] = await tx.db.select({ id: accounts.id, passwordHash: accounts.passwordHash }).from(accounts).where(where);
    const identifier = account ? `a:${account.id}` : 'username' in input ? `u:${input.username.toLowerCase()}` : `p:${ctx.services.cipher.hash(input.phone)}`;
    // The lock is a row of its own, written by the failure that sets it: it lasts 15 minutes from
    // then. Inferring it from the failures alone would end it as soon as the oldest of the five
    // left the window — after a minute, when they were spread over 14.
    const lockSubject = `lock:${identifier}`;
    // One sign-in per identifier at a time: parallel guesses queue here instead of all slipping
    // past the count before any failure is written.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${identifier}))`);
    const [lock] = await tx.db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.subject, lockSubject), gt(loginFailures.at, since)))
      .orderBy(desc(loginFailures.at))
      .limit(1);
    if (lock) {
      const until = lock.at.getTime() + LOCK_WINDOW_MS;
      return { kind: 'locked', seconds: Math.max(1, Math.ceil((until - ctx.now.getTime()) / 1000)) } as const;
    }
    const recent = await tx.db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.subject, identifier), gt(loginFailures.at, since)))
      .orderBy(desc(loginFailures.at))
      .limit(LOCK_AFTER);
    const [ipFailures] = await tx.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.subject, ipSubject), gt(loginFailures.at, since)));
    if ((ipFailures?.n ?? 0) >= IP_LIMIT) return { kind: 'rateLimited', seconds: Math.ceil(LOCK_WINDOW_MS / 1000) } as const;

    const ok = await verify(account?.passwordHash ?? (await dummyHash), input.password).catch(() => false);
    if (!account?.passwordHash || !ok) {
      const remaining = LOCK_AFTER - recent.length - 1;
      await tx.db
        .insert(loginFailures)
        .values([
          { subject: identifier, at: ctx.now },
          { subject: ipSubject, at: ctx.now },
          ...(remaining <= 0 ? [{ subject: lockSubject, at: ctx.now }] : []),
        ]);
      return { kind: 'failed', remaining } as const;
    }
    await tx.db.delete(loginFailures).where(eq(loginFailures.subject, identifier));
    return { kind: 'ok', accountId: account.id } as const;
  });

  if (outcome.kind === 'locked') {
    const minutes = Math.ceil(outcome.seconds / 60);
    throw new AppError('ACCOUNT_LOCKED', `密码错误次数太多，账号已暂时锁定，请${minutes}分钟后再试。`, { headers: { 'Retry-After': String(outcome.seconds) } });
  }
  if (outcome.kind === 'rateLimited') {
    throw new AppError('RATE_LIMITED', '登录尝试太频繁，请稍后再试。', { headers: { 'Retry-After': String(outcome.seconds) } });
  }
  if (outcome.kind === 'failed') {
    const hint = outcome.remaining > 0 ? `再错${outcome.remaining}次账号将被锁定15分钟。` : '账号已被锁定15分钟。';
    throw new AppError('INVALID_CREDENTIALS', `账号或密码不对。${hint}`);
  }
  const session = await openSession(ctx, outcome.accountId);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: await accountView(ctx, outcome.accountId) };
}
