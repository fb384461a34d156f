import { and, eq, inArray } from 'drizzle-orm';
import type { OfficialRole } from '../../db/schema/index.js';
import { electionOfficials, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee } from '../_platform/context.js';
import { forbidden } from '../_platform/errors.js';
import { findResidentOfAccount } from '../residents/residents.js';

export { isCommittee };

/**
 * The caller's standing on election day: the committee, or an official of this election (a
 * resident appointed as counter, monitor or clerk). Officials are people of the day, not account
 * roles: the route lets any account in and this check, in the verb, decides.
 */
export async function officialRoleOf(ctx: AuthedCtx, electionId: string): Promise<{ residentId: string; role: OfficialRole } | null> {
  const resident = await findResidentOfAccount(ctx, ctx.actor.accountId);
  if (!resident) return null;
  const [row] = await ctx.db
    .select({ role: electionOfficials.role })
    .from(electionOfficials)
    .where(
      and(eq(electionOfficials.communityId, ctx.communityId), eq(electionOfficials.electionId, electionId), eq(electionOfficials.residentId, resident.id)),
    );
  return row ? { residentId: resident.id, role: row.role } : null;
}

/** Committee or an official in one of `roles`; anyone else is FORBIDDEN. */
export async function requireCommitteeOrOfficial(ctx: AuthedCtx, electionId: string, roles: OfficialRole[]) {
  const official = await officialRoleOf(ctx, electionId);
  if (official && roles.includes(official.role)) return { committee: isCommittee(ctx), official };
  if (isCommittee(ctx)) return { committee: true, official: null };
  throw forbidden();
}

// The election's row lock lives with the election's stage, which it guards.
export { lockElection } from '../elections/locks.js';

/** Name and group of residents of the caller's community, by id. */
export async function residentsByIds(ctx: Ctx, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { id: string; name: string; groupId: string; groupName: string; accountId: string | null; sex: 'male' | 'female' | null }>();
  const rows = await ctx.db
    .select({
      id: residents.id,
      name: residents.name,
      groupId: residents.groupId,
      groupName: residentGroups.name,
      accountId: residents.accountId,
      sex: residents.sex,
    })
    .from(residents)
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .where(and(eq(residents.communityId, ctx.communityId), inArray(residents.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}
