import { and, eq, isNull } from 'drizzle-orm';
import { accounts, sessions } from '../../db/schema/index.js';
import { rolesOf, signSessionToken } from '../_platform/auth-context.js';
import type { ActorRole, Ctx } from '../_platform/context.js';
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

export const accountColumns = {
  id: accounts.id,
  username: accounts.username,
  name: accounts.name,
  phoneEnc: accounts.phoneEnc,
  phoneVerifiedAt: accounts.phoneVerifiedAt,
  communityId: accounts.communityId,
  roles: rolesOf(),
};
type AccountRow = {
  id: string;
  username: string | null;
  name: string;
  phoneEnc: string | null;
  phoneVerifiedAt: Date | null;
  communityId: string;
  roles: ActorRole[];
};

/**
 * The account as shown to others and in sign-in replies: the phone is masked. Only the owner's
 * own GET /api/me shows it whole (`revealPhone`).
 */
export function toAccountView(ctx: Ctx, account: AccountRow, opts: { revealPhone?: boolean } = {}) {
  const phone = account.phoneEnc ? ctx.services.cipher.decrypt(account.phoneEnc) : null;
  return {
    id: account.id,
    ...(account.username ? { username: account.username } : {}),
    ...(phone ? { phone: opts.revealPhone ? phone : maskPhone(phone), phoneVerified: account.phoneVerifiedAt !== null } : {}),
    name: account.name,
    communityId: account.communityId,
    roles: account.roles.map((r) => ({ role: r.role, communityId: r.communityId, ...(r.groupId ? { groupId: r.groupId } : {}) })),
  };
}

/** One account with its roles: one query. */
export async function accountView(ctx: Ctx, accountId: string, opts: { revealPhone?: boolean } = {}) {
  const [account] = await ctx.db.select(accountColumns).from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new Error(`account ${accountId} vanished`);
  return toAccountView(ctx, account, opts);
}
