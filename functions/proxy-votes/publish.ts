import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { publishNotice } from '../notices/notices.js';
import { kickDeliveries } from '../notices/outbox.js';
import { approvedProxies } from './export.js';
import { refuseIfProxiesFixed } from './queries.js';

/**
 * Publishes the approved entrustments as a `proxy_list` election notice (the list of voters and
 * their proxies is made public). The list is read and the notice written in one transaction, so
 * the notice shows exactly the approvals committed when it was published.
 */
export async function publishProxyList({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const notice = await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfProxiesFixed(tx, election.id);
    const rows = await approvedProxies(tx, election.id);
    if (rows.length === 0) throw new AppError('PROXY_LIST_EMPTY', '还没有批准的委托投票，暂时不用公布名单。');
    const lines = rows.map((r, i) => `${i + 1}. 委托人 ${r.applicantName}（${r.applicantGroupName}），受托人 ${r.proxyName}（${r.proxyGroupName}）`);
    return publishNotice(tx, {
      category: 'election',
      kind: 'proxy_list',
      electionId: election.id,
      title: `${election.title}委托投票名单`,
      body: [
        `经选举委员会批准，以下${rows.length}位选民委托他人在选举日（${election.electionDay}）代为投票：`,
        ...lines,
        '受托人请于选举日带上委托书到投票站。如有异议，请向选举委员会反映。',
      ].join('\n'),
    });
  });
  kickDeliveries(ctx.services);
  return notice;
}
