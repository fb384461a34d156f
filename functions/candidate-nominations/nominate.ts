import { candidateNominationSigners, candidateNominations } from '../../db/schema/index.js';
import { type AuthedCtx, isCommittee, withTransaction } from '../_platform/context.js';
import { AppError, forbidden } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { residentsByIds } from '../election-day/access.js';
import { requireSeat } from '../election-day/candidates.js';
import { requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import type { SeatKey } from '../elections/rules.js';
import { appearsFor, callerResidentId, findNomination, lockVoters, namesPutTo, nominationView, requireWindowOpen } from './records.js';
import { withinQuota } from './rules.js';

export interface NominateInput {
  electionId: string;
  seat: SeatKey;
  nomineeResidentId: string;
  coSignerResidentIds?: string[];
  /** A paper form entered by the committee: its first signer. */
  nominatorResidentId?: string;
  onPaper?: boolean;
}

const already = () => new AppError('ALREADY_NOMINATED_BY_YOU', '您已经提名（或联名提名）过这位选民了，每人对同一位被提名人只能提名一次。');

/**
 * A registered voter nominates a registered voter for a seat, alone or with co-signers (联名), who
 * then sign in their own app; or the committee enters a signed paper form (all signed at entry).
 * Everyone named is locked on the voter list first, so the quota of each is counted once.
 */
export async function nominateCandidate({ ctx, input }: { ctx: AuthedCtx; input: NominateInput }) {
  const paper = input.onPaper === true;
  if (paper && !isCommittee(ctx)) throw forbidden();
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    requireSeat(election.seats, input.seat);
    await refuseIfLocked(tx, election.id, 'candidates');
    await requireWindowOpen(tx, election);
    const nominatorId = paper ? input.nominatorResidentId : await callerResidentId(tx);
    if (!nominatorId) {
      throw new AppError('NOT_A_VOTER', '您还没有完成居民认证，不在选民名单上，不能提名候选人。');
    }
    const coSigners = [...new Set(input.coSignerResidentIds ?? [])];
    if (coSigners.includes(nominatorId)) {
      throw new AppError('VALIDATION_FAILED', '联名人里不能有提名人自己。', {
        errors: [{ path: 'body.coSignerResidentIds', message: '联名人不能是提名人自己' }],
      });
    }
    if (input.nomineeResidentId === nominatorId || coSigners.includes(input.nomineeResidentId)) {
      // 选民提名 names another voter; self-nomination (自荐) is a different procedure the law we could read does not give.
      throw new AppError('VALIDATION_FAILED', '不能提名自己，也不能为提名自己联名。', {
        errors: [{ path: 'body.nomineeResidentId', message: '请提名别的选民' }],
      });
    }
    const everyone = [nominatorId, input.nomineeResidentId, ...coSigners];
    const registered = await lockVoters(tx, election.id, everyone);
    const people = await residentsByIds(tx, everyone);
    const nameOf = (id: string) => people.get(id)?.name ?? '';
    if (!registered.has(nominatorId)) {
      throw new AppError(
        'NOT_A_VOTER',
        paper
          ? `提名人${nameOf(nominatorId)}不在本次选举的选民名单上，不能提名候选人。`
          : '您不在本次选举的选民名单上，不能提名候选人。如有疑问请联系选举委员会。',
      );
    }
    if (!registered.has(input.nomineeResidentId)) {
      throw new AppError('NOMINEE_NOT_VOTER', `${nameOf(input.nomineeResidentId) || '被提名人'}不在本次选举的选民名单上，只能提名登记的选民。`);
    }
    const notVoters = coSigners.filter((id) => !registered.has(id));
    if (notVoters.length > 0) {
      throw new AppError(
        'NOT_A_VOTER',
        `联名人${notVoters.map((id) => nameOf(id) || '（未知）').join('、')}不在本次选举的选民名单上，只有登记的选民才能联名提名。`,
      );
    }
    const appeared = await appearsFor(tx, election.id, input.nomineeResidentId, [nominatorId, ...coSigners]);
    if (appeared.has(nominatorId)) throw already();
    const twice = coSigners.filter((id) => appeared.has(id));
    if (twice.length > 0) {
      throw new AppError(
        'ALREADY_NOMINATED_BY_YOU',
        `${twice.map(nameOf).join('、')}已经提名或联名提名过${nameOf(input.nomineeResidentId)}，同一人不能重复提名。`,
      );
    }
    const places = election.seats[input.seat];
    // The nominator's own quota now; co-signers' when they sign (on paper: now, as all have signed).
    for (const id of paper ? [nominatorId, ...coSigners] : [nominatorId]) {
      if (!withinQuota((await namesPutTo(tx, election.id, id, input.seat)).length, places)) {
        const who = id === nominatorId && !paper ? '您' : nameOf(id);
        throw new AppError(
          'NOMINATION_LIMIT_REACHED',
          `${who}已经提名了${places}位${seatNamesZh[input.seat]}候选人，每人提名的人数不能超过应选名额（${places}名）。被提名人不接受的，可以另提一位。`,
        );
      }
    }
    let id: string;
    try {
      const [row] = await tx.db
        .insert(candidateNominations)
        .values({
          communityId: tx.communityId,
          electionId: election.id,
          seat: input.seat,
          nomineeResidentId: input.nomineeResidentId,
          nominatorResidentId: nominatorId,
          status: coSigners.length > 0 && !paper ? 'awaiting_signatures' : 'awaiting_acceptance',
          onPaper: paper,
          enteredByAccountId: tx.actor.accountId,
          createdAt: tx.now,
        })
        .returning({ id: candidateNominations.id });
      id = row!.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw already();
      throw error;
    }
    if (coSigners.length > 0) {
      await tx.db
        .insert(candidateNominationSigners)
        .values(coSigners.map((residentId) => ({ communityId: tx.communityId, nominationId: id, residentId, signedAt: paper ? tx.now : null })));
    }
    await appendAudit(tx, {
      action: 'candidate_nomination.made',
      subject: `candidate_nomination:${id}`,
      electionId: election.id,
      payload: {
        seat: input.seat,
        nomineeResidentId: input.nomineeResidentId,
        nominatorResidentId: nominatorId,
        coSignerResidentIds: coSigners,
        onPaper: paper,
      },
    });
    return nominationView(tx, await findNomination(tx, election.id, id), paper ? null : nominatorId);
  });
}
