import { and, asc, eq, ilike, ne } from 'drizzle-orm';
import { electionVoters, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, isCommittee } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { containing } from '../_platform/like.js';
import { requireElection } from '../elections/elections.js';
import { callerResidentId, isRegisteredVoter } from './queries.js';

/** `%` and `_` in a typed name are letters, not wildcards. */

/**
 * Registered voters of the election whose name contains the text, to pick a proxy from. Only the
 * name and the group are shown (and the id to apply with): the voter list is public, nothing else is.
 */
export async function searchProxyCandidates({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; name: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const me = await callerResidentId(ctx);
  const committee = isCommittee(ctx);
  if (!committee && (!me || !(await isRegisteredVoter(ctx, election.id, me)))) {
    throw new AppError('APPLICANT_NOT_VOTER', '您不在本次选举的选民名单上，不能委托投票。如有疑问请联系选举委员会。');
  }
  const rows = await ctx.db
    .select({ residentId: residents.id, name: residents.name, groupName: residentGroups.name })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .where(
      and(
        eq(electionVoters.communityId, ctx.communityId),
        eq(electionVoters.electionId, election.id),
        eq(electionVoters.status, 'registered'),
        ilike(residents.name, containing(input.name)),
        me ? ne(residents.id, me) : undefined,
      ),
    )
    .orderBy(asc(residents.name), asc(residents.id))
    .limit(20);
  return { items: rows };
}
