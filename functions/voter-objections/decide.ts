import { and, eq } from 'drizzle-orm';
import { type ObjectionKind, voterObjections } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { lockElection } from '../elections/locks.js';
import { registerVoter, removeVoter } from '../elections/voters.js';
import { kickDeliveries, queueMessages } from '../notices/outbox.js';
import { chinaMinute, thing } from '../notices/rules.js';
import { findObjection, objectionView } from './objections.js';
import { effectOfUpholding, kindNames, monthDay } from './rules.js';

export interface ObjectionDecisionInput {
  electionId: string;
  objectionId: string;
  uphold: boolean;
  reason: string;
}

/** The page the objector's message opens: their objections, with the decision. */
export const objectionsPage = (electionId: string) => `objections/index/index?electionId=${electionId}`;

/**
 * The 选举提醒 subscribe message telling the objector the outcome (the 办事进度 template's shape:
 * what, the outcome in a phrase of at most 5 characters, the reason, when).
 */
export function decisionMessage(d: { kind: ObjectionKind; uphold: boolean; reason: string; at: Date }) {
  const application = d.kind === 'application';
  return {
    thing1: { value: thing(application ? '申请登记参加选举' : `选民名单异议：${kindNames[d.kind]}`) },
    phrase2: { value: application ? (d.uphold ? '准予登记' : '不予登记') : d.uphold ? '异议成立' : '异议不成立' },
    thing3: { value: thing(d.reason) },
    time4: { value: chinaMinute(d.at) },
  };
}

/**
 * The committee decides an objection or voter application with its reason — the only way the
 * voter list changes after its notice (API.md, Locks). Upheld, the list changes in the same
 * transaction through the voter verbs, which record the decision (lifting the notice's lock; the
 * first ballot's still holds). The objector is told in the app (their list shows the decision) and
 * by a subscribe message through the outbox, once the change is committed
 * (《村民委员会组织法》第十四条: 作出处理决定，并公布处理结果).
 */
export async function decideObjection({ ctx, input }: { ctx: AuthedCtx; input: ObjectionDecisionInput }) {
  requireCommittee(ctx);
  const view = await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    const { o } = await findObjection(tx, election.id, input.objectionId, { lock: true });
    if (o.status !== 'open') {
      const when = o.decidedAt ? monthDay(o.decidedAt.toISOString().slice(0, 10)) : '';
      throw new AppError(
        'CONFLICT',
        `这份${o.kind === 'application' ? '申请' : '异议'}已于${when}作出决定（${o.status === 'upheld' ? '成立' : '不成立'}），不能再改。`,
      );
    }
    const decision = { reason: input.reason };
    const effect = input.uphold ? effectOfUpholding(o.kind, o.basis) : ({ act: 'none' } as const);
    if (effect.act === 'register') {
      await registerVoter({ ctx: tx, input: { electionId: election.id, residentId: o.residentId!, basis: effect.basis }, decision });
    } else if (effect.act === 'remove') {
      await removeVoter({ ctx: tx, input: { electionId: election.id, residentId: o.residentId!, reason: input.reason }, decision });
    }
    const status = input.uphold ? ('upheld' as const) : ('dismissed' as const);
    await tx.db
      .update(voterObjections)
      .set({ status, decisionReason: input.reason, decidedByAccountId: tx.actor.accountId, decidedAt: tx.now })
      .where(and(eq(voterObjections.id, o.id), eq(voterObjections.communityId, tx.communityId)));
    await appendAudit(tx, {
      action: 'objection.decided',
      subject: `voter_objection:${o.id}`,
      electionId: election.id,
      payload: { kind: o.kind, residentId: o.residentId, status, reason: input.reason, listChange: effect.act },
    });
    if (o.objectorAccountId !== tx.actor.accountId) {
      await queueMessages(tx, {
        source: 'voter_objection',
        subjectId: o.id,
        accountIds: [o.objectorAccountId],
        templateKey: 'election',
        page: objectionsPage(election.id),
        data: decisionMessage({ kind: o.kind, uphold: input.uphold, reason: input.reason, at: tx.now }),
      });
    }
    return objectionView(tx, await findObjection(tx, election.id, o.id), true);
  });
  kickDeliveries(ctx.services);
  return view;
}
