import { and, eq, inArray, ne } from 'drizzle-orm';
import { electionCandidates, electionOfficials } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { candidatesOf, officialRelativeOf, requireSeat, strokeOrder } from '../election-day/candidates.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { lockElection, refuseIfLocked } from '../elections/locks.js';
import type { SeatKey } from '../elections/rules.js';
import { nominationCounts } from './list.js';
import { windowOf } from './records.js';
import { fixFromNominations, fixFromPreliminary, type PreliminaryVotes } from './rules.js';

const dayZh = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The committee fixes one seat's 正式候选人 from the accepted nominations (fixFromNominations): the
 * seat's candidates are replaced by those chosen, each with the nominations they had. Only after
 * the window has closed (the counts no longer move) and before the list is published (then it is
 * fixed, ELECTION_LOCKED). A person stands for one seat: a nominee already fixed for another seat
 * is passed over here and the next in the count takes the place.
 */
export async function fixCandidates({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; seat: SeatKey; preliminary?: { heldOn: string; votes: PreliminaryVotes[] } };
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    requireSeat(election.seats, input.seat);
    await lockElection(tx, election.id);
    await refuseIfLocked(tx, election.id, 'candidates');
    const { window, state } = await windowOf(tx, election);
    if (state !== 'closed') {
      throw new AppError('NOMINATIONS_STILL_OPEN', `候选人提名到${dayZh(window.lastDay)}24时才截止，截止后才能按提名票数确定正式候选人。`);
    }
    const elsewhere = await tx.db
      .select({ residentId: electionCandidates.residentId })
      .from(electionCandidates)
      .where(and(eq(electionCandidates.communityId, tx.communityId), eq(electionCandidates.electionId, election.id), ne(electionCandidates.seat, input.seat)));
    const taken = new Set(elsewhere.map((c) => c.residentId));
    const tallies = (await nominationCounts(tx, election.id)).filter((c) => c.seat === input.seat && !taken.has(c.residentId));
    const seatName = seatNamesZh[input.seat];
    const first = fixFromNominations(
      tallies,
      election.seats[input.seat],
      { surplus: election.rulebook.candidateSurplus[input.seat], preliminaryAbove: election.rulebook.preliminaryAbove },
      strokeOrder.compare,
    );
    const outcome = first.outcome === 'preliminary' && input.preliminary ? afterPreliminary(first, tallies, input.preliminary.votes, seatName) : first;
    if (input.preliminary && first.outcome !== 'preliminary') {
      throw new AppError('CONFLICT', `${seatName}的正式候选人按提名票数就能确定，不需要预选。请不填预选结果再确定。`);
    }
    if (outcome.outcome === 'too_few') {
      throw new AppError(
        'TOO_FEW_CANDIDATES',
        `${seatName}应选${election.seats[input.seat]}名，正式候选人需要至少${outcome.need}名（差额选举），接受提名的只有${outcome.have}名，不能确定。`,
      );
    }
    if (outcome.outcome === 'preliminary') {
      throw new AppError(
        'PRELIMINARY_VOTE_NEEDED',
        outcome.reason === 'tie'
          ? `${outcome.among.map((t) => t.name).join('、')}提名票数相同（各${outcome.among[0]!.nominations}票），按选举规则须由选民预选决定谁成为正式候选人。`
          : `${seatName}有${outcome.among.length}人被提名，超过选举规则定的预选人数，须由选民预选确定正式候选人。`,
      );
    }
    const chosenIds = outcome.chosen.map((t) => t.residentId);
    const officials = await tx.db
      .select({ residentId: electionOfficials.residentId })
      .from(electionOfficials)
      .where(
        and(eq(electionOfficials.communityId, tx.communityId), eq(electionOfficials.electionId, election.id), inArray(electionOfficials.residentId, chosenIds)),
      );
    if (officials.length > 0) {
      const names = outcome.chosen.filter((t) => officials.some((o) => o.residentId === t.residentId)).map((t) => t.name);
      throw new AppError('OFFICIAL_IS_CANDIDATE', `${names.join('、')}已被任命为本次选举的工作人员，不能同时是候选人。请先另行任命工作人员。`);
    }
    // An official who is a near relative of one of the chosen stands down (回避), as when a candidate is added by hand.
    for (const chosen of outcome.chosen) {
      const relative = await officialRelativeOf(tx, election.id, chosen.residentId);
      if (relative) {
        throw new AppError(
          'OFFICIAL_IS_RELATIVE',
          `${chosen.name}是本次选举工作人员${relative.name}的近亲属，工作人员应当回避：请先另行任命工作人员，再确定正式候选人。`,
        );
      }
    }
    const removed = await tx.db
      .delete(electionCandidates)
      .where(and(eq(electionCandidates.communityId, tx.communityId), eq(electionCandidates.electionId, election.id), eq(electionCandidates.seat, input.seat)))
      .returning({ residentId: electionCandidates.residentId });
    await tx.db.insert(electionCandidates).values(
      outcome.chosen.map((t) => ({
        communityId: tx.communityId,
        electionId: election.id,
        residentId: t.residentId,
        seat: input.seat,
        nominations: t.nominations,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })),
    );
    await appendAudit(tx, {
      action: 'candidates.fixed',
      subject: `election:${election.id}`,
      electionId: election.id,
      payload: {
        seat: input.seat,
        need: outcome.need,
        chosen: outcome.chosen.map((t) => ({ residentId: t.residentId, name: t.name, nominations: t.nominations })),
        tieAtCutOff: outcome.tieAtCutOff.map((t) => t.residentId),
        replaced: removed.map((r) => r.residentId),
        ...(input.preliminary ? { preliminary: input.preliminary } : {}),
      },
    });
    const byId = new Map(outcome.chosen.map((t) => [t.residentId, t.nominations]));
    const items = (await candidatesOf(tx, election.id))
      .filter((c) => c.seat === input.seat)
      .map((c) => ({ id: c.id, residentId: c.residentId, name: c.name, groupName: c.groupName, seat: c.seat, nominations: byId.get(c.residentId) ?? 0 }))
      .sort((a, b) => b.nominations - a.nominations || strokeOrder.compare(a.name, b.name));
    return {
      seat: input.seat,
      seatName,
      need: outcome.need,
      items,
      tieAtCutOff: outcome.tieAtCutOff.map((t) => ({ residentId: t.residentId, name: t.name, nominations: t.nominations })),
    };
  });
}

/**
 * The committee enters the count of the preliminary vote the seat was sent to: the places go by
 * its votes (fixFromPreliminary). Votes that leave out one of the field or name someone outside
 * it are refused; a tie at the new cut-off is voted on again among the tied.
 */
function afterPreliminary(
  sent: Extract<ReturnType<typeof fixFromNominations>, { outcome: 'preliminary' }>,
  tallies: Parameters<typeof fixFromPreliminary>[1],
  votes: PreliminaryVotes[],
  seatName: string,
) {
  const result = fixFromPreliminary(sent, tallies, votes);
  if (result.outcome === 'wrong_field') {
    const names = result.missing.map((t) => t.name).join('、');
    throw new AppError(
      'VALIDATION_FAILED',
      result.missing.length > 0
        ? `预选结果少了${names}的票数：参加预选的是${sent.among.map((t) => t.name).join('、')}，每人都要填写。`
        : `预选结果里有${result.extra.length}人不在这次预选的名单上，请只填写参加预选的${sent.among.map((t) => t.name).join('、')}。`,
      { errors: [{ path: 'body.preliminary.votes', message: '预选名单不符' }] },
    );
  }
  if (result.outcome === 'tie') {
    throw new AppError(
      'PRELIMINARY_VOTE_NEEDED',
      `${seatName}预选后${result.among.map((t) => t.name).join('、')}票数相同，须在他们之间再次预选，按得票多少确定正式候选人。`,
    );
  }
  return result;
}
