import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { accountRoles, accounts, type RoleName, residentGroups } from '../../db/schema/index.js';
import { rolesOf } from '../_platform/auth-context.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isPhone } from '../_shared/phone.js';
import type { GrantableRole } from '../_shared/roles.js';
import { appendAudit } from '../audit/chain.js';
import { accountColumns, accountView, toAccountView } from './sessions.js';

/** Roles an administrator hands out in their community. `resident` comes with verification. */
export { grantableRoles } from '../_shared/roles.js';

async function accountOfCommunity(ctx: AuthedCtx, accountId: string) {
  const [account] = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.communityId, ctx.communityId)));
  if (!account) throw notFound('账号');
  return account;
}

/**
 * Grants a role. A group has one leader (founding plan: each group elects its leader): naming a
 * new one moves the role from the previous leader in the same transaction. The role row is the
 * only record of who leads a group (the database holds one per group).
 */
export async function grantRole({ ctx, input }: { ctx: AuthedCtx; input: { accountId: string; role: GrantableRole; groupId?: string } }) {
  requireRole(ctx, 'admin');
  await accountOfCommunity(ctx, input.accountId);
  if (input.role === 'group_leader' && !input.groupId) {
    throw new AppError('VALIDATION_FAILED', '任命居民小组长时请选择小组。', { errors: [{ path: 'body.groupId', message: '请选择居民小组' }] });
  }
  await withTransaction(ctx, async (tx) => {
    if (input.role === 'group_leader') {
      const [group] = await tx.db
        .select({ id: residentGroups.id })
        .from(residentGroups)
        .where(and(eq(residentGroups.id, input.groupId!), eq(residentGroups.communityId, tx.communityId)))
        .for('update');
      if (!group) throw new AppError('VALIDATION_FAILED', '请选择本社区的居民小组。', { errors: [{ path: 'body.groupId', message: '没有这个居民小组' }] });
      await tx.db
        .delete(accountRoles)
        .where(and(eq(accountRoles.communityId, tx.communityId), eq(accountRoles.role, 'group_leader'), eq(accountRoles.groupId, group.id)));
      // Group leaders are part of the election's paper trail (API.md, Audit: group leader recorded).
      await appendAudit(tx, { action: 'group_leader.recorded', subject: `group:${group.id}`, payload: { accountId: input.accountId } });
    }
    await tx.db
      .insert(accountRoles)
      .values({ accountId: input.accountId, communityId: tx.communityId, role: input.role, groupId: input.role === 'group_leader' ? input.groupId! : null })
      .onConflictDoNothing();
  });
  return { account: await accountView(ctx, input.accountId) };
}

export async function revokeRole({ ctx, input }: { ctx: AuthedCtx; input: { accountId: string; role: GrantableRole; groupId?: string } }) {
  requireRole(ctx, 'admin');
  await accountOfCommunity(ctx, input.accountId);
  if (input.role === 'admin' && input.accountId === ctx.actor.accountId) {
    throw new AppError('CONFLICT', '不能取消自己的管理员权限，请由另一位管理员操作。');
  }
  await withTransaction(ctx, async (tx) => {
    const removed = await tx.db
      .delete(accountRoles)
      .where(
        and(
          eq(accountRoles.accountId, input.accountId),
          eq(accountRoles.communityId, tx.communityId),
          eq(accountRoles.role, input.role),
          input.groupId ? eq(accountRoles.groupId, input.groupId) : input.role === 'group_leader' ? undefined : isNull(accountRoles.groupId),
        ),
      )
      .returning({ groupId: accountRoles.groupId });
    for (const r of removed) {
      if (r.groupId) {
        await appendAudit(tx, { action: 'group_leader.removed', subject: `group:${r.groupId}`, payload: { accountId: input.accountId } });
      }
    }
  });
  return { account: await accountView(ctx, input.accountId) };
}

/**
 * Accounts of the community, found by exact username or phone, or by part of the name, and/or
 * by role (e.g. every staff member, to hand a request over): one query.
 */
export async function findAccounts({ ctx, input }: { ctx: AuthedCtx; input: { q?: string; role?: RoleName } }) {
  const q = input.q?.trim() ?? '';
  const phoneHash = isPhone(q) ? ctx.services.cipher.hash(q) : null;
  const byText = !q ? undefined : phoneHash ? eq(accounts.phoneHash, phoneHash) : sql`(${accounts.username} = ${q} or position(${q} in ${accounts.name}) > 0)`;
  const byRole = input.role
    ? sql`exists (select 1 from ${accountRoles} r where r.account_id = ${accounts.id} and r.community_id = ${ctx.communityId} and r.role = ${input.role})`
    : undefined;
  const rows = await ctx.db
    .select({ ...accountColumns, roles: rolesOf({ homeOnly: true }) })
    .from(accounts)
    .where(and(eq(accounts.communityId, ctx.communityId), byText, byRole))
    .orderBy(accounts.name)
    .limit(50);
  return { items: rows.map((a) => toAccountView(ctx, a)) };
}

/**
 * Staff at the window saw the person and their phone: the account's number is proven, and no
 * WeChat claim can take it over any more.
 */
export async function verifyAccountPhone({ ctx, input }: { ctx: AuthedCtx; input: { accountId: string } }) {
  requireRole(ctx, 'staff', 'admin');
  await accountOfCommunity(ctx, input.accountId);
  const [row] = await ctx.db
    .update(accounts)
    .set({ phoneVerifiedAt: sql`coalesce(${accounts.phoneVerifiedAt}, ${ctx.now.toISOString()}::timestamptz)` })
    .where(and(eq(accounts.id, input.accountId), isNotNull(accounts.phoneHash)))
    .returning({ id: accounts.id });
  if (!row) throw new AppError('CONFLICT', '这个账号还没有手机号，无需核验。');
  return { account: await accountView(ctx, input.accountId) };
}
