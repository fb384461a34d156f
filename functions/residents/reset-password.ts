import { randomInt } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, eq, isNull } from 'drizzle-orm';
import { accountRoles, accounts, residents, sessions } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';

/** Letters a person reads aloud without confusion (no I/l/1, O/0). */
const LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';

/** A temporary password a resident can type: two letters and six digits (meets the password rules). */
export function temporaryPassword(): string {
  const letters = Array.from({ length: 2 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
  const digits = String(randomInt(1_000_000)).padStart(6, '0');
  return `${letters}${digits}`;
}

/**
 * 忘记密码 at the window: staff check the resident's ID card, then give their account a
 * temporary password, shown once to the staff member to hand over. Every session of the
 * account ends (whoever knew the old password is out), and the act is recorded in the audit
 * chain, in the same transaction. Accounts holding a staff, committee or admin role are not
 * reset here: a colleague's account is the administrators' business.
 */
export async function resetResidentPassword({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  requireRole(ctx, 'staff', 'admin');
  const password = temporaryPassword();
  const passwordHash = await hash(password);
  return withTransaction(ctx, async (tx) => {
    const [resident] = await tx.db
      .select({ id: residents.id, name: residents.name, accountId: residents.accountId })
      .from(residents)
      .where(and(eq(residents.id, input.id), eq(residents.communityId, tx.communityId)));
    if (!resident) throw notFound('居民');
    if (!resident.accountId) throw new AppError('CONFLICT', '这位居民还没有账号，不用重设密码。可以请他先注册。');
    const privileged = await tx.db
      .select({ role: accountRoles.role })
      .from(accountRoles)
      .where(and(eq(accountRoles.accountId, resident.accountId), eq(accountRoles.communityId, tx.communityId)));
    if (privileged.some((r) => r.role === 'staff' || r.role === 'committee' || r.role === 'admin')) {
      throw new AppError('FORBIDDEN', '这是工作人员的账号，请管理员处理。');
    }
    await tx.db.update(accounts).set({ passwordHash }).where(eq(accounts.id, resident.accountId));
    await tx.db
      .update(sessions)
      .set({ revokedAt: tx.now })
      .where(and(eq(sessions.accountId, resident.accountId), isNull(sessions.revokedAt)));
    await appendAudit(tx, { action: 'account.password_reset', subject: `居民 ${resident.name} 的登录密码`, payload: { residentId: resident.id } });
    return { temporaryPassword: password, residentName: resident.name };
  });
}
