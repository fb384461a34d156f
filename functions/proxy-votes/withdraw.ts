import { and, eq } from 'drizzle-orm';
import { proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { applicationView, callerResidentId, findApplication, refuseIfProxiesFixed } from './queries.js';
import { beforeElectionDay, canWithdraw, wrongStatus } from './rules.js';

/** The applicant takes the entrustment back, at any stage, until election day (then they vote in person). */
export async function withdrawProxy({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; applicationId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfProxiesFixed(tx, election.id);
    const me = await callerResidentId(tx);
    const current = await findApplication(tx, election.id, input.applicationId, { lock: true });
    if (!me || current.app.applicantResidentId !== me) throw notFound('委托申请');
    if (!canWithdraw(current.app.status)) throw wrongStatus(current.app.status);
    if (!beforeElectionDay(tx.now, election.electionDay)) {
      throw new AppError('PROXY_DEADLINE_PASSED', `选举日（${election.electionDay}）已到，委托不能再撤回。`);
    }
    await tx.db
      .update(proxyApplications)
      .set({ status: 'withdrawn', withdrawnAt: tx.now, updatedAt: tx.now })
      .where(and(eq(proxyApplications.id, current.app.id), eq(proxyApplications.communityId, tx.communityId)));
    await appendAudit(tx, {
      action: 'proxy.withdrawn',
      subject: `proxy_application:${current.app.id}`,
      electionId: election.id,
      payload: { previousStatus: current.app.status, applicantResidentId: me, proxyResidentId: current.app.proxyResidentId },
    });
    return applicationView(await findApplication(tx, election.id, current.app.id), me);
  });
}
