import { and, eq } from 'drizzle-orm';
import { proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { applicationView, callerResidentId, findApplication, hasLiveApplication, refuseIfProxiesFixed } from './queries.js';
import { beforeElectionDay, canConsent, wrongStatus } from './rules.js';

/** The proxy accepts (→ awaiting the committee) or declines (closed) an entrustment naming them. */
export async function consentToProxy({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; applicationId: string; accept: boolean } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfProxiesFixed(tx, election.id);
    const me = await callerResidentId(tx);
    const current = await findApplication(tx, election.id, input.applicationId, { lock: true });
    // Only the named proxy answers; to anyone else the request is not theirs to see or act on.
    if (!me || current.app.proxyResidentId !== me) throw notFound('委托申请');
    if (!canConsent(current.app.status)) throw wrongStatus(current.app.status);
    if (!beforeElectionDay(tx.now, election.electionDay)) {
      throw new AppError('PROXY_DEADLINE_PASSED', `选举日（${election.electionDay}）已到，委托投票不能再确认。`);
    }
    if (input.accept && (await hasLiveApplication(tx, election.id, me))) {
      throw new AppError('PROXY_HAS_ENTRUSTED', '您自己已委托别人投票，选举日不能到场替别人投票。如要接受委托，请先撤回您自己的委托申请。');
    }
    const status = input.accept ? ('awaiting_approval' as const) : ('declined' as const);
    await tx.db
      .update(proxyApplications)
      .set({ status, consentedAt: tx.now, updatedAt: tx.now })
      .where(and(eq(proxyApplications.id, current.app.id), eq(proxyApplications.communityId, tx.communityId)));
    await appendAudit(tx, {
      action: input.accept ? 'proxy.consented' : 'proxy.declined',
      subject: `proxy_application:${current.app.id}`,
      electionId: election.id,
      payload: { applicantResidentId: current.app.applicantResidentId, proxyResidentId: me },
    });
    return applicationView(await findApplication(tx, election.id, current.app.id), me);
  });
}
