import { and, eq } from 'drizzle-orm';
import { accounts, phoneReveals, residents } from '../../db/schema/index.js';
import { type AuthedCtx, hasRole } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { staffRoles } from '../_shared/roles.js';
import { isLeaderOf } from './residents.js';

export interface PhoneRevealInput {
  residentId: string;
  /**
   * Where the number was asked for, kept with the record: `service_request:<id>`, `group_page`,
   * `election_not_reached:<notice id>`… Short words of the caller's page, never free prose.
   */
  purpose: string;
}

/** Who may call a resident: the window's staff, and the leader of the resident's own group. */
export const maySeePhoneOf = (ctx: AuthedCtx, resident: { groupId: string }): boolean =>
  hasRole(ctx.actor, ctx.communityId, ...staffRoles) || isLeaderOf(ctx, resident.groupId);

/**
 * A resident's phone number, whole, for someone about to call them, and the record that they
 * saw it (who, when, which resident, from where) — in one statement with the read, so no number
 * is ever shown unrecorded. Numbers are kept encrypted and shown masked everywhere else. The
 * number is the one staff entered for the resident, else their account's. Anyone else: 404 for
 * the resident (a leader of another group), 403 for a role that never may.
 */
export async function revealPhone({ ctx, input }: { ctx: AuthedCtx; input: PhoneRevealInput }): Promise<{ phone: string }> {
  if (!hasRole(ctx.actor, ctx.communityId, 'group_leader', ...staffRoles)) throw forbidden();
  const [row] = await ctx.db
    .select({ id: residents.id, groupId: residents.groupId, phoneEnc: residents.phoneEnc, accountPhoneEnc: accounts.phoneEnc })
    .from(residents)
    .leftJoin(accounts, eq(accounts.id, residents.accountId))
    .where(and(eq(residents.id, input.residentId), eq(residents.communityId, ctx.communityId)));
  if (!row || !maySeePhoneOf(ctx, row)) throw notFound('居民');
  const sealed = row.phoneEnc ?? row.accountPhoneEnc;
  if (!sealed) throw new AppError('NO_PHONE_ON_RECORD', '这位居民没有登记手机号，请上门联系，或到窗口为其登记号码。');
  await ctx.db.insert(phoneReveals).values({
    communityId: ctx.communityId,
    residentId: row.id,
    actorAccountId: ctx.actor.accountId,
    purpose: input.purpose,
    at: ctx.now,
  });
  return { phone: ctx.services.cipher.decrypt(sealed) };
}
