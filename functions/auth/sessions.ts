import { and, eq, isNull } from 'drizzle-orm';
import { accountRoles, accounts, sessions } from '../../db/schema/index.js';
import { signSessionToken } from '../_platform/auth-context.js';
import type { Ctx } from '../_platform/context.js';
import { maskPhone } from '../_platform/crypto.js';

/** Opens a session for an account and returns its bearer token. */
export async function openSession(ctx: Ctx, accountId: string): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const expiresAt = new Date(ctx.now.getTime() + ctx.services.settings.SESSION_HOURS * 3600_000);
  const [session] = await ctx.db.insert(sessions).values({ accountId, createdAt: ctx.now, expiresAt }).returning({ id: sessions.id });
  return { token: await signSessionToken(ctx.services, session!.id, expiresAt), sessionId: session!.id, expiresAt };
}

export async function revokeSession(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * The account as shown to others and in sign-in replies: the phone is masked. Only the owner's
 * own GET /api/me shows it whole (`revealPhone`).
 */
export async function accountView(ctx: Ctx, accountId: string, opts: { revealPhone?: boolean } = {}) {
  const [account] = await ctx.db
    .select({ id: accounts.id, username: accounts.username, name: accounts.name, phoneEnc: accounts.phoneEnc, communityId: accounts.communityId })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) throw new Error(`account ${accountId} vanished`);
  const roles = await ctx.db
    .select({ role: accountRoles.role, communityId: accountRoles.communityId, groupId: accountRoles.groupId })
    .from(accountRoles)
    .where(eq(accountRoles.accountId, accountId));
  const phone = account.phoneEnc ? ctx.services.cipher.decrypt(account.phoneEnc) : null;
  return {
    id: account.id,
    ...(account.username ? { username: account.username } : {}),
    ...(phone ? { phone: opts.revealPhone ? phone : maskPhone(phone) } : {}),
    name: account.name,
    communityId: account.communityId,
    roles: roles.map((r) => ({ role: r.role, communityId: r.communityId, ...(r.groupId ? { groupId: r.groupId } : {}) })),
  };
}
