import { and, eq, isNull } from 'drizzle-orm';
import { candidateNominationSigners, candidateNominations } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { callerResidentId, findNomination, lockVoters, namesPutTo, nominationView, requireWindowOpen, signersOf } from './records.js';
import { canSign, withinQuota } from './rules.js';

/**
 * A co-signer named on a joint nomination signs it in their own app. Nobody else learns the
 * nomination exists (404). The last signature sends it to the nominee (awaiting_acceptance).
 */
export async function signNomination({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; nominationId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    const me = await callerResidentId(tx);
    const first = await findNomination(tx, election.id, input.nominationId);
    const named = me ? (await signersOf(tx, [first.id])).find((s) => s.residentId === me) : undefined;
    if (!me || !named) throw notFound('提名');
    await refuseIfLocked(tx, election.id, 'candidates');
    await requireWindowOpen(tx, election);
    // The signer's voter row first (the quota's lock, as in nominating), then the nomination's.
    const registered = await lockVoters(tx, election.id, [me]);
    const nomination = await findNomination(tx, election.id, first.id, { lock: true });
    if (!registered.has(me)) throw new AppError('NOT_A_VOTER', '您已不在本次选举的选民名单上，不能联名提名。');
    if (named.signedAt) throw new AppError('CONFLICT', '您已经签过名了。');
    if (!canSign(nomination.status)) throw new AppError('CONFLICT', '这份提名已经不需要签名了。');
    const places = election.seats[nomination.seat];
    if (!withinQuota((await namesPutTo(tx, election.id, me, nomination.seat)).length, places)) {
      throw new AppError(
        'NOMINATION_LIMIT_REACHED',
        `您已经提名或联名提名了${places}位${seatNamesZh[nomination.seat]}候选人，每人提名的人数不能超过应选名额（${places}名）。`,
      );
    }
    await tx.db
      .update(candidateNominationSigners)
      .set({ signedAt: tx.now })
      .where(
        and(
          eq(candidateNominationSigners.communityId, tx.communityId),
          eq(candidateNominationSigners.nominationId, nomination.id),
          eq(candidateNominationSigners.residentId, me),
        ),
      );
    const unsigned = await tx.db
      .select({ residentId: candidateNominationSigners.residentId })
      .from(candidateNominationSigners)
      .where(
        and(
          eq(candidateNominationSigners.communityId, tx.communityId),
          eq(candidateNominationSigners.nominationId, nomination.id),
          isNull(candidateNominationSigners.signedAt),
        ),
      );
    if (unsigned.length === 0) {
      await tx.db
        .update(candidateNominations)
        .set({ status: 'awaiting_acceptance' })
        .where(and(eq(candidateNominations.communityId, tx.communityId), eq(candidateNominations.id, nomination.id)));
    }
    await appendAudit(tx, {
      action: 'candidate_nomination.signed',
      subject: `candidate_nomination:${nomination.id}`,
      electionId: election.id,
      payload: { signerResidentId: me, complete: unsigned.length === 0 },
    });
    return nominationView(tx, await findNomination(tx, election.id, nomination.id), me);
  });
}
