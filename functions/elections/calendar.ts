import { and, count, eq } from 'drizzle-orm';
import { electionVoters, residentGroups } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { chinaDate } from '../_shared/china-time.js';
import { missingElectionNotices } from './election-notices.js';
import { electionView, findCurrentElection } from './elections.js';
import { deadlines, phaseOn, phases, readRules, todoFor } from './rules.js';

/**
 * The current election with its calendar (GET /api/elections/current): its deadlines, the
 * founding plan's phase it is in and what that phase still asks for — voters registered,
 * representatives, the required notices not yet published or scheduled.
 */
export async function getCurrentElection({ ctx }: { ctx: Ctx }) {
  const election = await findCurrentElection(ctx);
  if (!election) return { election: null };
  const rules = readRules(election.rules);
  const [[voters], [groups]] = await Promise.all([
    ctx.db
      .select({ n: count() })
      .from(electionVoters)
      .where(and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, election.id), eq(electionVoters.status, 'registered'))),
    ctx.db.select({ n: count() }).from(residentGroups).where(eq(residentGroups.communityId, ctx.communityId)),
  ]);
  const missingNotices = await missingElectionNotices(ctx, election);
  const today = chinaDate(ctx.now);
  const phase = phaseOn(today, election.electionDay, rules);
  return {
    election: electionView(election),
    rules,
    deadlines: deadlines(election.electionDay, rules),
    today,
    phase: { code: phase, name: phases[phase], todo: todoFor(phase, { voters: voters!.n, groups: groups!.n, missingNotices }) },
    registeredVoters: voters!.n,
  };
}
