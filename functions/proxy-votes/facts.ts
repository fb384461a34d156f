import { eq, sql } from 'drizzle-orm';
import type { OfficialRole } from '../../db/schema/index.js';
import { communities, electionCandidates, electionOfficials, electionVoters, liveProxyStatuses, proxyApplications } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { perDatabase } from '../_platform/prepared.js';
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

const $ = sql.placeholder;
const inElection = (t: typeof electionVoters | typeof electionCandidates | typeof electionOfficials | typeof proxyApplications) =>
  sql`${t.communityId} = ${$('communityId')} and ${t.electionId} = ${$('electionId')}`;
const live = sql.raw(`array[${liveProxyStatuses.map((s) => `'${s}'`).join(', ')}]::text[]`);

/**
 * The facts about a set of people, in one statement (its one row comes from the community's row):
 * who of them is a registered voter, which proxies are candidates, which proxies have a live
 * application of their own (they entrust someone themselves), and the approved entrustments each
 * proxy holds, by id, so an application is never counted against itself, and which of them is an
 * official of the day (she works at the polling station, so cannot be away). Built once per database
 * and prepared.
 */
const factsQuery = perDatabase((db) =>
  db
    .select({
      voters: sql<string[]>`coalesce((select json_agg(${electionVoters.residentId}) from ${electionVoters}
        where ${inElection(electionVoters)} and ${electionVoters.status} = 'registered' and ${electionVoters.residentId} = any(${$('people')}::uuid[])), '[]'::json)`,
      candidates: sql<string[]>`coalesce((select json_agg(${electionCandidates.residentId}) from ${electionCandidates}
        where ${inElection(electionCandidates)} and ${electionCandidates.residentId} = any(${$('proxies')}::uuid[])), '[]'::json)`,
      entrusting: sql<string[]>`coalesce((select json_agg(${proxyApplications.applicantResidentId}) from ${proxyApplications}
        where ${inElection(proxyApplications)} and ${proxyApplications.applicantResidentId} = any(${$('proxies')}::uuid[])
          and ${proxyApplications.status}::text = any(${live})), '[]'::json)`,
      approved: sql<
        { id: string; proxy: string }[]
      >`coalesce((select json_agg(json_build_object('id', ${proxyApplications.id}, 'proxy', ${proxyApplications.proxyResidentId}))
        from ${proxyApplications}
        where ${inElection(proxyApplications)} and ${proxyApplications.proxyResidentId} = any(${$('proxies')}::uuid[]) and ${proxyApplications.status} = 'approved'), '[]'::json)`,
      officials: sql<
        { resident: string; role: OfficialRole }[]
      >`coalesce((select json_agg(json_build_object('resident', ${electionOfficials.residentId}, 'role', ${electionOfficials.role}))
        from ${electionOfficials}
        where ${inElection(electionOfficials)} and ${electionOfficials.residentId} = any(${$('people')}::uuid[])), '[]'::json)`,
    })
    .from(communities)
    .where(eq(communities.id, $('communityId')))
    .prepare('proxy_facts'),
);

/**
 * The facts every approval rule (rules.ts) is checked against, read now, for one application (an
 * application, an approval) or a page of them (the committee's queue). One gatherer for both, so
 * what the queue shows and what an approval meets cannot drift: one statement whatever the number
 * of applications, two more where the rulebook limits entrustment to near relatives. Facts come
 * back in the order of `apps`.
 */
export async function gatherFacts(ctx: Ctx, election: Election, apps: readonly FactsOf[]): Promise<ProxyFacts[]> {
  if (apps.length === 0) return [];
  const proxies = [...new Set(apps.map((a) => a.proxyResidentId))];
  const people = [...new Set([...proxies, ...apps.map((a) => a.applicantResidentId)])];
  // One statement, after any lock the caller took: under READ COMMITTED it sees every approval committed before it.
  const [found] = await factsQuery(ctx.db).execute({ communityId: ctx.communityId, electionId: election.id, people, proxies });
  const voters = new Set(found?.voters ?? []);
  const candidates = new Set(found?.candidates ?? []);
  const entrusting = new Set(found?.entrusting ?? []);
  const approved = found?.approved ?? [];
  const officials = new Map((found?.officials ?? []).map((o) => [o.resident, o.role]));
  const relatives = election.rulebook.proxyRelativesOnly ? await relationFacts(ctx, people) : null;
  return apps.map((app) => ({
    now: ctx.now,
    electionDay: election.electionDay,
    rules: election.rulebook,
    applicantResidentId: app.applicantResidentId,
    proxyResidentId: app.proxyResidentId,
    applicantIsVoter: voters.has(app.applicantResidentId),
    applicantOfficialRole: officials.get(app.applicantResidentId) ?? null,
    proxyIsVoter: voters.has(app.proxyResidentId),
    proxyIsCandidate: candidates.has(app.proxyResidentId),
    proxyHasEntrusted: entrusting.has(app.proxyResidentId),
    proxyApprovedCount: approved.filter((a) => a.proxy === app.proxyResidentId && a.id !== app.id).length,
    ...(relatives ? { proxyIsNearRelative: areNearRelatives(app.applicantResidentId, app.proxyResidentId, relatives) } : {}),
  }));
}
