import { and, eq, inArray } from 'drizzle-orm';
import { electionCandidates, liveProxyStatuses, proxyApplications } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { registeredVoterIds } from '../elections/voters.js';
import { areNearRelatives } from '../residents/near-relatives.js';
import { relationFacts } from '../residents/relations.js';
import type { Election } from './queries.js';
import type { ProxyFacts } from './rules.js';

/** An application as the rules see it: its two people, and its id once it has one. */
export interface FactsOf {
  id?: string;
  applicantResidentId: string;
  proxyResidentId: string;
}

/**
 * The facts every approval rule (rules.ts) is checked against, read now, for one application (an
 * application, an approval) or a page of them (the committee's queue). One gatherer for both, so
 * what the queue shows and what an approval meets cannot drift: four statements whatever the number
 * of applications, two more where the rulebook limits entrustment to near relatives. Facts come
 * back in the order of `apps`.
 */
export async function gatherFacts(ctx: Ctx, election: Election, apps: readonly FactsOf[]): Promise<ProxyFacts[]> {
  if (apps.length === 0) return [];
  const proxies = [...new Set(apps.map((a) => a.proxyResidentId))];
  const people = [...new Set([...proxies, ...apps.map((a) => a.applicantResidentId)])];
  const inElection = (t: typeof proxyApplications | typeof electionCandidates) => and(eq(t.communityId, ctx.communityId), eq(t.electionId, election.id));
  // One after another: inside a transaction they share one connection anyway.
  const voters = await registeredVoterIds(ctx, election.id, people);
  const candidates = new Set(
    (
      await ctx.db
        .select({ id: electionCandidates.residentId })
        .from(electionCandidates)
        .where(and(inElection(electionCandidates), inArray(electionCandidates.residentId, proxies)))
    ).map((r) => r.id),
  );
  // Proxies with a live application of their own: they entrust someone themselves.
  const entrusting = new Set(
    (
      await ctx.db
        .select({ id: proxyApplications.applicantResidentId })
        .from(proxyApplications)
        .where(
          and(
            inElection(proxyApplications),
            inArray(proxyApplications.applicantResidentId, proxies),
            inArray(proxyApplications.status, [...liveProxyStatuses]),
          ),
        )
    ).map((r) => r.id),
  );
  // The approved entrustments each proxy holds, by id, so an application is never counted against itself.
  const approved = await ctx.db
    .select({ id: proxyApplications.id, proxy: proxyApplications.proxyResidentId })
    .from(proxyApplications)
    .where(and(inElection(proxyApplications), inArray(proxyApplications.proxyResidentId, proxies), eq(proxyApplications.status, 'approved')));
  const relatives = election.rulebook.proxyRelativesOnly ? await relationFacts(ctx, people) : null;
  return apps.map((app) => ({
    now: ctx.now,
    electionDay: election.electionDay,
    rules: election.rulebook,
    applicantResidentId: app.applicantResidentId,
    proxyResidentId: app.proxyResidentId,
    applicantIsVoter: voters.has(app.applicantResidentId),
    proxyIsVoter: voters.has(app.proxyResidentId),
    proxyIsCandidate: candidates.has(app.proxyResidentId),
    proxyHasEntrusted: entrusting.has(app.proxyResidentId),
    proxyApprovedCount: approved.filter((a) => a.proxy === app.proxyResidentId && a.id !== app.id).length,
    ...(relatives ? { proxyIsNearRelative: areNearRelatives(app.applicantResidentId, app.proxyResidentId, relatives) } : {}),
  }));
}
