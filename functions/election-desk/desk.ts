import { and, eq, sql } from 'drizzle-orm';
import {
  candidateNominations,
  electionBallots,
  electionCandidates,
  electionNominations,
  electionOfficials,
  elections,
  electionTallies,
  electionVoters,
  proxyApplications,
  residentGroups,
  residents,
  voterObjections,
} from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { nominationWindow } from '../candidate-nominations/rules.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { lawDefaults } from '../elections/law.js';
import { electionStage } from '../elections/locks.js';
import { deadlines, readRules } from '../elections/rules.js';
import { type DeskFacts, deskSteps, missedOnCreation } from './steps.js';

type Election = Awaited<ReturnType<typeof requireElection>>;

/**
 * The counts the desk's steps need, in one statement of indexed sub-selects (each over one
 * election of one community). The tables are read here rather than through each domain's
 * verbs: the desk is a view over all of them, and nineteen round trips per look would be slow.
 * Built once per database and prepared: drizzle building its seventeen sub-selects cost more than
 * Postgres running them.
 */
const countsQuery = perDatabase((db) => {
  const communityId = sql.placeholder('communityId');
  const electionId = sql.placeholder('electionId');
  const today = sql.placeholder('today');
  const n = (query: ReturnType<typeof sql>) => sql<number>`(${query})`.mapWith(Number);
  return db
    .select({
      voters: n(sql`select count(*) from ${electionVoters} where ${electionVoters.communityId} = ${communityId}
        and ${electionVoters.electionId} = ${electionId} and ${electionVoters.status} = 'registered'`),
      householdsWithVoters: n(sql`select count(distinct ${residents.householdId}) from ${electionVoters}
        join ${residents} on ${residents.id} = ${electionVoters.residentId} and ${residents.communityId} = ${electionVoters.communityId}
        where ${electionVoters.communityId} = ${communityId} and ${electionVoters.electionId} = ${electionId}
          and ${electionVoters.status} = 'registered' and ${residents.householdId} is not null`),
      householdsNamed: n(sql`select count(*) from ${electionVoters} where ${electionVoters.communityId} = ${communityId}
        and ${electionVoters.electionId} = ${electionId} and ${electionVoters.status} = 'registered' and ${electionVoters.votesForHousehold}`),
      repsConfirmed: n(sql`select count(*) from ${electionNominations} where ${electionNominations.communityId} = ${communityId}
        and ${electionNominations.electionId} = ${electionId} and ${electionNominations.status} = 'confirmed'`),
      repsPending: n(sql`select count(*) from ${electionNominations} where ${electionNominations.communityId} = ${communityId}
        and ${electionNominations.electionId} = ${electionId} and ${electionNominations.status} = 'nominated'`),
      groups: n(sql`select count(*) from ${residentGroups} where ${residentGroups.communityId} = ${communityId}`),
      objectionsOpen: n(sql`select count(*) from ${voterObjections} where ${voterObjections.communityId} = ${communityId}
        and ${voterObjections.electionId} = ${electionId} and ${voterObjections.status} = 'open'`),
      objectionsOverdue: n(sql`select count(*) from ${voterObjections} where ${voterObjections.communityId} = ${communityId}
        and ${voterObjections.electionId} = ${electionId} and ${voterObjections.status} = 'open' and ${voterObjections.dueBy} < ${today}::date`),
      nominationsAccepted: n(sql`select count(*) from ${candidateNominations} where ${candidateNominations.communityId} = ${communityId}
        and ${candidateNominations.electionId} = ${electionId} and ${candidateNominations.status} = 'accepted'`),
      candidates: n(sql`select count(*) from ${electionCandidates} where ${electionCandidates.communityId} = ${communityId}
        and ${electionCandidates.electionId} = ${electionId}`),
      proxiesAwaiting: n(sql`select count(*) from ${proxyApplications} where ${proxyApplications.communityId} = ${communityId}
        and ${proxyApplications.electionId} = ${electionId} and ${proxyApplications.status} = 'awaiting_approval'`),
      proxiesApproved: n(sql`select count(*) from ${proxyApplications} where ${proxyApplications.communityId} = ${communityId}
        and ${proxyApplications.electionId} = ${electionId} and ${proxyApplications.status} = 'approved'`),
      counters: n(sql`select count(*) from ${electionOfficials} where ${electionOfficials.communityId} = ${communityId}
        and ${electionOfficials.electionId} = ${electionId} and ${electionOfficials.role} = 'counter'`),
      clerks: n(sql`select count(*) from ${electionOfficials} where ${electionOfficials.communityId} = ${communityId}
        and ${electionOfficials.electionId} = ${electionId} and ${electionOfficials.role} = 'clerk'`),
      monitors: n(sql`select count(*) from ${electionOfficials} where ${electionOfficials.communityId} = ${communityId}
        and ${electionOfficials.electionId} = ${electionId} and ${electionOfficials.role} = 'monitor'`),
      ballots: n(sql`select count(*) from ${electionBallots} where ${electionBallots.communityId} = ${communityId}
        and ${electionBallots.electionId} = ${electionId}`),
      tallies: n(sql`select count(*) from ${electionTallies} where ${electionTallies.communityId} = ${communityId}
        and ${electionTallies.electionId} = ${electionId}`),
    })
    .from(elections)
    .where(and(eq(elections.id, electionId), eq(elections.communityId, communityId)))
    .prepare('election_desk_counts');
});

async function countsOf(ctx: Ctx, electionId: string) {
  const [row] = await countsQuery(ctx.db).execute({ communityId: ctx.communityId, electionId, today: chinaDate(ctx.now) });
  return row!;
}

/** The desk's facts for one election. */
export async function deskFacts(ctx: Ctx, election: Election): Promise<DeskFacts> {
  // One after the other: both on one pooled connection in turn, not two at once.
  const stage = await electionStage(ctx, election.id);
  const c = await countsOf(ctx, election.id);
  const rules = election.rulebook;
  const d = deadlines(election.electionDay, rules);
  const seats = election.seats;
  const need =
    seats.director +
    rules.candidateSurplus.director +
    (seats.deputyDirector > 0 ? seats.deputyDirector + rules.candidateSurplus.deputyDirector : 0) +
    seats.members +
    rules.candidateSurplus.members;
  return {
    today: chinaDate(ctx.now),
    electionDay: election.electionDay,
    mode: election.mode,
    deadlines: { voterListNoticeBy: d.voterListNoticeBy, candidateListBy: d.candidateListBy, proxyApplyBy: d.proxyApplyBy },
    objectionDays: rules.objectionDays,
    nominationsLastDay: nominationWindow(stage.voterListNoticeAt, election.electionDay, rules).lastDay,
    ...stage,
    voters: c.voters,
    households: { withVoters: c.householdsWithVoters, named: c.householdsNamed },
    representatives: { confirmed: c.repsConfirmed, pending: c.repsPending, groups: c.groups, perGroup: rules.repsPerGroup },
    objections: { open: c.objectionsOpen, overdue: c.objectionsOverdue },
    nominations: { accepted: c.nominationsAccepted },
    candidates: { have: c.candidates, need },
    proxies: { awaiting: c.proxiesAwaiting, approved: c.proxiesApproved },
    officials: { counters: c.counters, clerks: c.clerks, monitors: c.monitors },
    ballots: c.ballots,
    tallies: c.tallies,
  };
}

/** GET /api/elections/{id}/steps: the committee's desk. */
export async function electionSteps({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const facts = await deskFacts(ctx, election);
  return { electionId: election.id, today: facts.today, mode: election.mode, steps: deskSteps(facts) };
}

/** What creating an election on `electionDay` today would already have missed (the page asks before creating). */
export async function previewNewElection({ ctx, input }: { ctx: AuthedCtx; input: { electionDay: string } }) {
  requireCommittee(ctx);
  const rules = readRules(lawDefaults('gansu-2026'));
  const d = deadlines(input.electionDay, rules);
  const lastDay = nominationWindow(null, input.electionDay, rules).lastDay;
  return {
    electionDay: input.electionDay,
    today: chinaDate(ctx.now),
    deadlines: d,
    missed: missedOnCreation(chinaDate(ctx.now), input.electionDay, d, lastDay),
  };
}
