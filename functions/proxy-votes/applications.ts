import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { electionCandidates, electionVoters, type ProxyApplicationStatus, proxyApplications, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import type { requireElection } from '../elections/elections.js';
import { holdElection, refuseIfLocked } from '../elections/locks.js';
import { registeredVoterIds } from '../elections/voters.js';
import { areNearRelatives } from '../residents/near-relatives.js';
import { relationFacts } from '../residents/relations.js';
import { findResidentOfAccount } from '../residents/residents.js';
import { approvalChecks, type ProxyFacts } from './rules.js';

export type Election = Awaited<ReturnType<typeof requireElection>>;
export type ApplicationRow = typeof proxyApplications.$inferSelect;

const applicant = alias(residents, 'applicant');
const proxy = alias(residents, 'proxy');
const applicantGroup = alias(residentGroups, 'applicant_group');
const proxyGroup = alias(residentGroups, 'proxy_group');

/** Applications with both people's names and groups: nothing else about them is shown. */
export const selectApplications = (ctx: Ctx) =>
  ctx.db
    .select({
      app: proxyApplications,
      applicantName: applicant.name,
      applicantGroupName: applicantGroup.name,
      proxyName: proxy.name,
      proxyGroupName: proxyGroup.name,
    })
    .from(proxyApplications)
    .innerJoin(applicant, and(eq(applicant.id, proxyApplications.applicantResidentId), eq(applicant.communityId, proxyApplications.communityId)))
    .innerJoin(applicantGroup, eq(applicantGroup.id, applicant.groupId))
    .innerJoin(proxy, and(eq(proxy.id, proxyApplications.proxyResidentId), eq(proxy.communityId, proxyApplications.communityId)))
    .innerJoin(proxyGroup, eq(proxyGroup.id, proxy.groupId));

export type ApplicationWithNames = Awaited<ReturnType<ReturnType<typeof selectApplications>['execute']>>[number];

export function applicationView(r: ApplicationWithNames, viewerResidentId?: string | null) {
  const a = r.app;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: a.id,
    electionId: a.electionId,
    status: a.status,
    reason: a.reason,
    applicant: { residentId: a.applicantResidentId, name: r.applicantName, groupName: r.applicantGroupName },
    proxy: { residentId: a.proxyResidentId, name: r.proxyName, groupName: r.proxyGroupName },
    createdAt: a.createdAt.toISOString(),
    consentedAt: iso(a.consentedAt),
    decidedAt: iso(a.decidedAt),
    decisionNote: a.decisionNote,
    withdrawnAt: iso(a.withdrawnAt),
    updatedAt: a.updatedAt.toISOString(),
    ...(viewerResidentId
      ? { role: viewerResidentId === a.applicantResidentId ? ('applicant' as const) : viewerResidentId === a.proxyResidentId ? ('proxy' as const) : null }
      : {}),
  };
}
export type ApplicationView = ReturnType<typeof applicationView>;

/** One application of the election, with names; 404 when it is not this community's and election's. */
/**
 * Entrustments are settled with the rest of the election once its results are published (API.md,
 * Locks). Held first in every proxy write, so results published meanwhile wait for it or refuse it.
 */
export async function refuseIfProxiesFixed(ctx: Ctx, electionId: string) {
  await holdElection(ctx, electionId);
  await refuseIfLocked(ctx, electionId, 'proxies');
}

export async function findApplication(ctx: Ctx, electionId: string, applicationId: string, opts: { lock?: boolean } = {}) {
  if (opts.lock) {
    // The row lock makes the status check and the change one step against a racing withdraw or decision.
    await ctx.db
      .select({ id: proxyApplications.id })
      .from(proxyApplications)
      .where(and(eq(proxyApplications.id, applicationId), eq(proxyApplications.communityId, ctx.communityId)))
      .for('update');
  }
  const [row] = await selectApplications(ctx).where(
    and(eq(proxyApplications.id, applicationId), eq(proxyApplications.communityId, ctx.communityId), eq(proxyApplications.electionId, electionId)),
  );
  if (!row) throw notFound('委托申请');
  return row;
}

/** The signed-in account's resident record, or null. */
export async function callerResidentId(ctx: AuthedCtx): Promise<string | null> {
  const resident = await findResidentOfAccount(ctx, ctx.actor.accountId);
  return resident?.id ?? null;
}

export async function isRegisteredVoter(ctx: Ctx, electionId: string, residentId: string) {
  const [row] = await ctx.db
    .select({ id: electionVoters.id })
    .from(electionVoters)
    .where(
      and(
        eq(electionVoters.communityId, ctx.communityId),
        eq(electionVoters.electionId, electionId),
        eq(electionVoters.residentId, residentId),
        eq(electionVoters.status, 'registered'),
      ),
    );
  return !!row;
}

/**
 * Locks the proxy's row on the voter list for the rest of the transaction and says whether they
 * are registered. Every approval naming this proxy queues here, so counting their approved
 * entrustments afterwards (a new statement, hence a fresh snapshot under READ COMMITTED) sees
 * every approval committed before: the limit holds under any number of parallel approvals.
 */
export async function lockProxyVoter(ctx: Ctx, electionId: string, proxyResidentId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ status: electionVoters.status })
    .from(electionVoters)
    .where(and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, electionId), eq(electionVoters.residentId, proxyResidentId)))
    .for('update');
  return row?.status === 'registered';
}

const countWhere = async (ctx: Ctx, where: ReturnType<typeof and>) => {
  const [row] = await ctx.db.select({ n: count() }).from(proxyApplications).where(where);
  return row!.n;
};

export async function isCandidate(ctx: Ctx, electionId: string, residentId: string) {
  const [row] = await ctx.db
    .select({ id: electionCandidates.id })
    .from(electionCandidates)
    .where(
      and(eq(electionCandidates.communityId, ctx.communityId), eq(electionCandidates.electionId, electionId), eq(electionCandidates.residentId, residentId)),
    );
  return !!row;
}

/** Applications in which `residentId` is the proxy, in the given statuses (this application excepted). */
export const countAsProxy = (ctx: Ctx, electionId: string, residentId: string, statuses: readonly ProxyApplicationStatus[], except?: string) =>
  countWhere(
    ctx,
    and(
      eq(proxyApplications.communityId, ctx.communityId),
      eq(proxyApplications.electionId, electionId),
      eq(proxyApplications.proxyResidentId, residentId),
      inArray(proxyApplications.status, [...statuses]),
      except ? ne(proxyApplications.id, except) : undefined,
    ),
  );

/** Whether `residentId` has a live application of their own (they entrust someone). */
export const hasLiveApplication = async (ctx: Ctx, electionId: string, residentId: string) =>
  (await countWhere(
    ctx,
    and(
      eq(proxyApplications.communityId, ctx.communityId),
      eq(proxyApplications.electionId, electionId),
      eq(proxyApplications.applicantResidentId, residentId),
      inArray(proxyApplications.status, ['awaiting_consent', 'awaiting_approval', 'approved']),
    ),
  )) > 0;

/**
 * The facts every rule is checked against, read now. `proxyIsVoter` may come from the locked
 * row (approval) instead of a plain read.
 */
export async function gatherFacts(
  ctx: Ctx,
  election: Election,
  app: { id?: string; applicantResidentId: string; proxyResidentId: string },
  known: { proxyIsVoter?: boolean } = {},
): Promise<ProxyFacts> {
  // One after another: inside a transaction they share one connection anyway.
  const applicantIsVoter = await isRegisteredVoter(ctx, election.id, app.applicantResidentId);
  const proxyIsVoter = known.proxyIsVoter ?? (await isRegisteredVoter(ctx, election.id, app.proxyResidentId));
  const proxyIsCandidate = await isCandidate(ctx, election.id, app.proxyResidentId);
  const proxyHasEntrusted = await hasLiveApplication(ctx, election.id, app.proxyResidentId);
  const proxyApprovedCount = await countAsProxy(ctx, election.id, app.proxyResidentId, ['approved'], app.id);
  const relatives = election.rulebook.proxyRelativesOnly ? await relationFacts(ctx, [app.applicantResidentId, app.proxyResidentId]) : null;
  return {
    now: ctx.now,
    electionDay: election.electionDay,
    rules: election.rulebook,
    applicantResidentId: app.applicantResidentId,
    proxyResidentId: app.proxyResidentId,
    applicantIsVoter,
    proxyIsVoter,
    proxyIsCandidate,
    proxyHasEntrusted,
    proxyApprovedCount,
    ...(relatives ? { proxyIsNearRelative: areNearRelatives(app.applicantResidentId, app.proxyResidentId, relatives) } : {}),
  };
}

/**
 * The rule checks of many open applications at once (the committee's queue): the same facts as
 * gatherFacts, read in five statements whatever the page size.
 */
export async function checksForMany(ctx: Ctx, election: Election, apps: ApplicationRow[]): Promise<Map<string, ReturnType<typeof approvalChecks>>> {
  const result = new Map<string, ReturnType<typeof approvalChecks>>();
  if (apps.length === 0) return result;
  const proxies = [...new Set(apps.map((a) => a.proxyResidentId))];
  const people = [...new Set([...proxies, ...apps.map((a) => a.applicantResidentId)])];
  const inElection = (t: typeof proxyApplications | typeof electionCandidates) => and(eq(t.communityId, ctx.communityId), eq(t.electionId, election.id));
  const voters = await registeredVoterIds(ctx, election.id, people);
  const candidates = new Set(
    (
      await ctx.db
        .select({ id: electionCandidates.residentId })
        .from(electionCandidates)
        .where(and(inElection(electionCandidates), inArray(electionCandidates.residentId, proxies)))
    ).map((r) => r.id),
  );
  const entrusting = new Set(
    (
      await ctx.db
        .select({ id: proxyApplications.applicantResidentId })
        .from(proxyApplications)
        .where(
          and(
            inElection(proxyApplications),
            inArray(proxyApplications.applicantResidentId, proxies),
            inArray(proxyApplications.status, ['awaiting_consent', 'awaiting_approval', 'approved']),
          ),
        )
    ).map((r) => r.id),
  );
  const approved = new Map(
    (
      await ctx.db
        .select({ id: proxyApplications.proxyResidentId, n: count() })
        .from(proxyApplications)
        .where(and(inElection(proxyApplications), inArray(proxyApplications.proxyResidentId, proxies), eq(proxyApplications.status, 'approved')))
        .groupBy(proxyApplications.proxyResidentId)
    ).map((r) => [r.id, r.n]),
  );
  // Two statements more, only where the rulebook limits entrustment to near relatives.
  const relatives = election.rulebook.proxyRelativesOnly ? await relationFacts(ctx, people) : null;
  for (const app of apps) {
    result.set(
      app.id,
      approvalChecks({
        now: ctx.now,
        electionDay: election.electionDay,
        rules: election.rulebook,
        applicantResidentId: app.applicantResidentId,
        proxyResidentId: app.proxyResidentId,
        applicantIsVoter: voters.has(app.applicantResidentId),
        proxyIsVoter: voters.has(app.proxyResidentId),
        proxyIsCandidate: candidates.has(app.proxyResidentId),
        proxyHasEntrusted: entrusting.has(app.proxyResidentId),
        // Only open applications are checked here, so none of them is among those counted.
        proxyApprovedCount: approved.get(app.proxyResidentId) ?? 0,
        ...(relatives ? { proxyIsNearRelative: areNearRelatives(app.applicantResidentId, app.proxyResidentId, relatives) } : {}),
      }),
    );
  }
  return result;
}

/** Refuses a move the application's status does not allow; closed applications say why. */
export function wrongStatus(status: ProxyApplicationStatus): AppError {
  const why: Record<ProxyApplicationStatus, string> = {
    awaiting_consent: '这份委托还在等受托人确认。',
    awaiting_approval: '受托人已经确认，这份委托正在等选举委员会审批。',
    approved: '这份委托已经批准。',
    rejected: '这份委托已被选举委员会驳回。',
    declined: '受托人已经拒绝了这份委托。',
    withdrawn: '这份委托已经撤回。',
  };
  return new AppError('CONFLICT', `${why[status]}不能再办理这一步。`);
}
