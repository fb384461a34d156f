import { and, eq, inArray } from 'drizzle-orm';
import { liveProxyStatuses, proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { deadlines, proxyApplicationsOpen } from '../elections/rules.js';
import { gatherFacts } from './facts.js';
import { applicationView, callerResidentId, countAsProxy, findApplication, isRegisteredVoter, refuseIfProxiesFixed } from './queries.js';
import { approvalChecks } from './rules.js';

export interface ApplyInput {
  electionId: string;
  proxyResidentId: string;
  reason: string;
}

const duplicate = () => new AppError('DUPLICATE_APPLICATION', '您已经有一份委托投票申请在办理或已批准。如要改托别人，请先撤回原来的申请。');

/**
 * A registered voter entrusts another registered voter of the community (委托投票). Every rule is
 * checked before anything is written; the one-live-application rule is held by a partial unique
 * index as well, for two submissions racing each other.
 */
export async function applyForProxy({ ctx, input }: { ctx: AuthedCtx; input: ApplyInput }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfProxiesFixed(tx, election.id);
    if (!proxyApplicationsOpen(tx.now, election.electionDay, election.rulebook)) {
      const { proxyApplyBy } = deadlines(election.electionDay, election.rulebook);
      throw new AppError('PROXY_DEADLINE_PASSED', `委托投票申请已于${proxyApplyBy}截止（选举日${election.electionDay}），不能再申请。`);
    }
    const applicantId = await callerResidentId(tx);
    if (!applicantId || !(await isRegisteredVoter(tx, election.id, applicantId))) {
      throw new AppError('APPLICANT_NOT_VOTER', '您不在本次选举的选民名单上，不能委托投票。如有疑问请联系选举委员会。');
    }
    const [facts] = await gatherFacts(tx, election, [{ applicantResidentId: applicantId, proxyResidentId: input.proxyResidentId }]);
    const checks = approvalChecks(facts!);
    const failed = checks.find((c) => !c.ok);
    if (failed) throw new AppError(failed.code, failed.detail!);
    // Someone who holds others' entrustments must come to the polls for them.
    if ((await countAsProxy(tx, election.id, applicantId, ['awaiting_approval', 'approved'])) > 0) {
      throw new AppError('APPLICANT_IS_PROXY', '您已接受别人的委托，要到场替他们投票，不能再委托别人。如确实不能到场，请先告知委托您的人撤回申请。');
    }
    const [live] = await tx.db
      .select({ id: proxyApplications.id })
      .from(proxyApplications)
      .where(
        and(
          eq(proxyApplications.communityId, tx.communityId),
          eq(proxyApplications.electionId, election.id),
          eq(proxyApplications.applicantResidentId, applicantId),
          inArray(proxyApplications.status, [...liveProxyStatuses]),
        ),
      );
    if (live) throw duplicate();
    let id: string;
    try {
      const [row] = await tx.db
        .insert(proxyApplications)
        .values({
          communityId: tx.communityId,
          electionId: election.id,
          applicantResidentId: applicantId,
          proxyResidentId: input.proxyResidentId,
          reason: input.reason,
          status: 'awaiting_consent',
          createdByAccountId: tx.actor.accountId,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .returning({ id: proxyApplications.id });
      id = row!.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
    await appendAudit(tx, {
      action: 'proxy.applied',
      subject: `proxy_application:${id}`,
      electionId: election.id,
      payload: { applicantResidentId: applicantId, proxyResidentId: input.proxyResidentId, reason: input.reason },
    });
    return applicationView(await findApplication(tx, election.id, id), applicantId);
  });
}
