import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { electionVoters, type ProxyApplicationStatus, proxyApplications, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import type { requireElection } from '../elections/elections.js';
import { holdElection, refuseIfLocked } from '../elections/locks.js';
import { residentIdOfAccount } from '../residents/residents.js';

/**
 * The proxy-vote domain's reads: applications with their people's names, one application, the
 * caller's resident record, who is on the voter list, counts of applications. The facts the
 * approval rules weigh are read in facts.ts; the rules themselves are in rules.ts.
 */

export type Election = Awaited<ReturnType<typeof requireElection>>;
export type ApplicationRow = typeof proxyApplications.$inferSelect;

const applicant = alias(residents, 'applicant');
const proxy = alias(residents, 'proxy');
const applicantGroup = alias(residentGroups, 'applicant_group');
const proxyGroup = alias(residentGroups, 'proxy_group');

/** Applications with both people's names and groups: nothing else about them is shown. */
export const selectApplications = (ctx: Pick<Ctx, 'db'>) =>
  ctx.db
    .select({
      app: proxyApplications,
      applicantName: applicant.name,
      applicantSex: applicant.sex,
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
    applicant: { residentId: a.applicantResidentId, name: r.applicantName, groupName: r.applicantGroupName, sex: r.applicantSex },
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

/**
 * Entrustments are settled with the rest of the election once its results are published (API.md,
 * Locks). Held first in every proxy write, so results published meanwhile wait for it or refuse it.
 * The same shared hold queues an approval behind an appointment of the day's officials (which takes
 * the row lock), and the other way round: a voter is never both entrusting and an official
 * (APPLICANT_IS_OFFICIAL, OFFICIAL_HAS_ENTRUSTED; raced in proxy-votes-concurrency.test.ts).
 */
export async function refuseIfProxiesFixed(ctx: Ctx, electionId: string) {
  await holdElection(ctx, electionId);
  await refuseIfLocked(ctx, electionId, 'proxies');
}

/** One application of the election, with names; 404 when it is not this community's and election's. */
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
  return residentIdOfAccount(ctx, ctx.actor.accountId);
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
