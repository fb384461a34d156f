import { and, eq } from 'drizzle-orm';
import { candidateNominations } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { callerResidentId, findNomination, nominationView, requireWindowOpen } from './records.js';
import { canAnswer } from './rules.js';

/**
 * The nominee accepts or declines (nobody stands against their will). Only an accepted
 * nomination counts when the committee fixes the candidates; a declined one frees the places of
 * the nominator and co-signers for another nominee.
 */
export async function answerNomination({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; nominationId: string; accept: boolean } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    const me = await callerResidentId(tx);
    const nomination = await findNomination(tx, election.id, input.nominationId, { lock: true });
    if (!me || nomination.nomineeResidentId !== me) throw notFound('提名');
    await refuseIfLocked(tx, election.id, 'candidates');
    await requireWindowOpen(tx, election);
    if (nomination.status === 'awaiting_signatures') throw new AppError('CONFLICT', '联名人还没有全部签名，签完名后您才能答复。');
    if (!canAnswer(nomination.status)) {
      throw new AppError('CONFLICT', nomination.status === 'accepted' ? '您已经接受了这份提名。' : '您已经答复过这份提名了。');
    }
    const status = input.accept ? ('accepted' as const) : ('declined' as const);
    await tx.db
      .update(candidateNominations)
      .set({ status, answeredAt: tx.now })
      .where(and(eq(candidateNominations.communityId, tx.communityId), eq(candidateNominations.id, nomination.id)));
    await appendAudit(tx, {
      action: input.accept ? 'candidate_nomination.accepted' : 'candidate_nomination.declined',
      subject: `candidate_nomination:${nomination.id}`,
      electionId: election.id,
      payload: { nomineeResidentId: me, seat: nomination.seat },
    });
    return nominationView(tx, await findNomination(tx, election.id, nomination.id), me);
  });
}
