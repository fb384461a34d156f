import { and, eq } from 'drizzle-orm';
import { proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { gatherFacts } from './facts.js';
import { applicationView, findApplication, lockProxyVoter, refuseIfProxiesFixed } from './queries.js';
import { approvalChecks, canDecide, wrongStatus } from './rules.js';

export interface DecisionInput {
  electionId: string;
  applicationId: string;
  approve: boolean;
  note?: string;
}

/**
 * The committee approves or rejects a consented entrustment. Approval re-checks every rule at this
 * moment — the voter list, candidacy and the calendar may have changed since the application — and
 * counts the proxy's approved entrustments only after locking the proxy's row on the voter list,
 * so parallel approvals naming one proxy queue there and never exceed `maxProxiesPerVoter`.
 */
export async function decideProxy({ ctx, input }: { ctx: AuthedCtx; input: DecisionInput }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfProxiesFixed(tx, election.id);
    const first = await findApplication(tx, election.id, input.applicationId);
    if (!canDecide(first.app.status)) throw wrongStatus(first.app.status);
    let proxyIsVoter: boolean | undefined;
    if (input.approve) proxyIsVoter = await lockProxyVoter(tx, election.id, first.app.proxyResidentId);
    // Locked after the proxy's row (always in that order): a withdrawal racing this decision waits or wins.
    const current = await findApplication(tx, election.id, input.applicationId, { lock: true });
    if (!canDecide(current.app.status)) throw wrongStatus(current.app.status);
    if (input.approve) {
      // The proxy's standing on the voter list as the lock read it.
      const [facts] = await gatherFacts(tx, election, [current.app]);
      const checks = approvalChecks({ ...facts!, proxyIsVoter: proxyIsVoter! });
      const failed = checks.find((c) => !c.ok);
      if (failed) throw new AppError(failed.code, failed.detail!);
    }
    const status = input.approve ? ('approved' as const) : ('rejected' as const);
    await tx.db
      .update(proxyApplications)
      .set({ status, decidedAt: tx.now, decidedByAccountId: tx.actor.accountId, decisionNote: input.note ?? null, updatedAt: tx.now })
      .where(and(eq(proxyApplications.id, current.app.id), eq(proxyApplications.communityId, tx.communityId)));
    await appendAudit(tx, {
      action: input.approve ? 'proxy.approved' : 'proxy.rejected',
      subject: `proxy_application:${current.app.id}`,
      electionId: election.id,
      payload: {
        applicantResidentId: current.app.applicantResidentId,
        proxyResidentId: current.app.proxyResidentId,
        note: input.note ?? null,
      },
    });
    return applicationView(await findApplication(tx, election.id, current.app.id));
  });
}
