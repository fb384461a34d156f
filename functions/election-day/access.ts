import { and, eq, sql } from 'drizzle-orm';
import type { OfficialRole } from '../../db/schema/index.js';
import { electionOfficials, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee } from '../_platform/context.js';
import { forbidden } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';

export { isCommittee };

/**
 * The caller's standing on election day: the committee, or an official of this election (a
 * resident appointed as counter, monitor or clerk). Officials are people of the day, not account
 * roles: the route lets any account in and this check, in the verb, decides.
 */
export async function officialRoleOf(ctx: AuthedCtx, electionId: string): Promise<{ residentId: string; role: OfficialRole } | null> {
  const [row] = await officialOfAccount(ctx.db).execute({ communityId: ctx.communityId, electionId, accountId: ctx.actor.accountId });
  return row ? { residentId: row.residentId, role: row.role } : null;
}

// The caller's resident record and their appointment in one statement, built once per database, prepared.
const officialOfAccount = perDatabase((db) =>
  db
    .select({ residentId: residents.id, role: electionOfficials.role })
    .from(residents)
    .innerJoin(
      electionOfficials,
      and(
        eq(electionOfficials.communityId, residents.communityId),
        eq(electionOfficials.electionId, sql.placeholder('electionId')),
        eq(electionOfficials.residentId, residents.id),
      ),
    )
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('official_of_account'),
);

/**
 * Committee or an official in one of `roles`; anyone else is FORBIDDEN. 建社方案④: the election
 * meeting is 由社区选举委员会主持, and its 计票、监票及工作人员 are those the committee puts forward
 * and the meeting approves.
 */
export async function requireCommitteeOrOfficial(ctx: AuthedCtx, electionId: string, roles: OfficialRole[]) {
  // The committee's roles are in the token: no statement for them.
  if (isCommittee(ctx)) return;
  const official = await officialRoleOf(ctx, electionId);
  if (!official || !roles.includes(official.role)) throw forbidden();
}

// The election's row lock lives with the election's stage, which it guards.
export { lockElection } from '../elections/locks.js';

/** Name and group of residents of the caller's community, by id. */
export async function residentsByIds(ctx: Ctx, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { id: string; name: string; groupId: string; groupName: string; accountId: string | null; sex: 'male' | 'female' | null }>();
  const rows = await residentsAmong(ctx.db).execute({ communityId: ctx.communityId, ids: [...new Set(ids)] });
  return new Map(rows.map((r) => [r.id, r]));
}

const residentsAmong = perDatabase((db) =>
  db
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
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), sql`${residents.id} = any(${sql.placeholder('ids')}::uuid[])`))
    .prepare('residents_among'),
);
