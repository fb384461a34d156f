import { eq, sql } from 'drizzle-orm';
import { communities, electionVoters, residentGroups } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { missingElectionNotices } from './election-notices.js';
import { electionView, findCurrentElection } from './elections.js';
import { deadlines, phaseOn, phases, readRules, todoFor } from './rules.js';

// Registered voters and resident groups, in one statement (its row is the community's), prepared.
// The sub-selects name the community by parameter: in a one-table select drizzle writes columns
// unqualified, and `id` would be read as the inner table's own.
const countsOf = perDatabase((db) => {
  const communityId = sql.placeholder('communityId');
  return db
    .select({
      voters: sql<number>`(select count(*) from ${electionVoters} where ${electionVoters.communityId} = ${communityId}
        and ${electionVoters.electionId} = ${sql.placeholder('electionId')} and ${electionVoters.status} = 'registered')`.mapWith(Number),
      groups: sql<number>`(select count(*) from ${residentGroups} where ${residentGroups.communityId} = ${communityId})`.mapWith(Number),
    })
    .from(communities)
    .where(eq(communities.id, communityId))
    .prepare('election_calendar_counts');
});

/**
 * The current election with its calendar (GET /api/elections/current): its deadlines, the
 * founding plan's phase it is in and what that phase still asks for — voters registered,
 * representatives, the required notices not yet published or scheduled.
 */
export async function getCurrentElection({ ctx }: { ctx: Ctx }) {
  const election = await findCurrentElection(ctx);
  if (!election) return { election: null };
  const rules = readRules(election.rules);
  // One row, the signed-in community's own.
  const [counts] = await countsOf(ctx.db).execute({ communityId: ctx.communityId, electionId: election.id });
  const { voters, groups } = counts!;
  const missingNotices = await missingElectionNotices(ctx, election);
  const today = chinaDate(ctx.now);
  const phase = phaseOn(today, election.electionDay, rules);
  return {
    election: electionView(election),
    rules,
    deadlines: deadlines(election.electionDay, rules),
    today,
    phase: { code: phase, name: phases[phase], todo: todoFor(phase, { voters, groups, missingNotices }) },
    registeredVoters: voters,
  };
}
