import { and, eq, max } from 'drizzle-orm';
import { electionRounds, electionWriteIns, type RoundContender } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { chinaMomentZh } from '../elections/locks.js';
import type { SeatKey } from '../elections/rules.js';
import { registeredVoterIds } from '../elections/voters.js';
import { lockElection, residentsByIds } from './access.js';
import { turnout } from './ballots.js';
import { candidatesOf } from './candidates.js';
import type { SeatOutcome } from './majority.js';
import { findPublication } from './publish.js';
import { countRound, isRoundClosed, type RoundDef, type RoundResult, residentOfContender, roundEntries, roundsOf, writeInsOf } from './rounds.js';
import { tallyState } from './tally.js';

/** The round now taking ballots and entries: the latest opened (1 until a later one is). */
export async function currentRound(ctx: Ctx, electionId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: max(electionRounds.n) })
    .from(electionRounds)
    .where(and(eq(electionRounds.communityId, ctx.communityId), eq(electionRounds.electionId, electionId)));
  return row?.n ?? 1;
}

/** Refuses every change to the count once the results are published (the record stands as announced). */
export async function refuseAfterResults(ctx: Ctx, electionId: string) {
  const published = await findPublication(ctx, electionId, 'results');
  if (published) {
    throw new AppError('ELECTION_LOCKED', `选举结果已于${chinaMomentZh(published.publishedAt)}公布，计票和选票都已固定，不能再改动。`);
  }
}

/**
 * The round an act of the day is for (`round`, or the current one): it must be the current
 * round and its count not yet agreed. Called under the election's row lock.
 */
export async function requireOpenRound(ctx: Ctx, electionId: string, round: number | undefined, act: string): Promise<number> {
  await refuseAfterResults(ctx, electionId);
  const current = await currentRound(ctx, electionId);
  const n = round ?? current;
  if (n > current)
    throw new AppError('VALIDATION_FAILED', `还没有第${n}轮投票，现在是第${current}轮。`, { errors: [{ path: 'body.round', message: '没有这一轮' }] });
  // A round is closed (final, void or awaiting write-in matches) exactly when two entries agree:
  // one query on the desk's hot path, not the whole count.
  if (n < current || tallyState(await roundEntries(ctx, electionId, n)).agreed) {
    throw new AppError('ELECTION_LOCKED', `第${n}轮的计票已经确认，这一轮不能再${act}。`);
  }
  return n;
}

/** Everything counted so far, round by round, with the listed candidates. */
async function countedRounds(ctx: Ctx, election: Awaited<ReturnType<typeof requireElection>>) {
  const [t, candidates, defs] = await Promise.all([turnout(ctx, election.id, 1), candidatesOf(ctx, election.id), roundsOf(ctx, election)]);
  const rounds: RoundResult[] = [];
  for (const def of defs) rounds.push(await countRound(ctx, election.id, def, { registered: t.registered, candidates }));
  return { candidates, defs, rounds };
}

/** What is left of a seat after every final round: the tie to re-vote, or the seats to fill and their field. */
function pendingOf(rounds: RoundResult[], seat: SeatKey): SeatOutcome | null {
  let last: SeatOutcome | null = null;
  for (const r of rounds) if (r.status === 'final' && r.valid && r.outcome[seat]) last = r.outcome[seat]!;
  return last;
}

/**
 * Opens the next round (API.md "Rounds"):
 * - `further` (另行选举): for a seat with seats left after the last round, among the best-placed
 *   of the rest (`candidateIds` picks from that field; all of it by default);
 * - `tie`: a re-vote among those tied at the last seat, for the seats they tie for;
 * - `repeat`: the last round again, when it was void (more ballots returned than handed out)
 *   or at most half of the voters took part.
 * Only after the last round's count is agreed and its write-ins matched; never after the
 * results are published.
 */
export async function openRound({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; kind: 'further' | 'tie' | 'repeat'; seat?: SeatKey; candidateIds?: string[] };
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    await refuseAfterResults(tx, election.id);
    const { candidates, defs, rounds } = await countedRounds(tx, election);
    const latest = rounds.at(-1)!;
    const latestDef = defs.at(-1)!;
    if (!isRoundClosed(latest)) throw new AppError('ROUND_NOT_CLOSED', `第${latest.n}轮还在计票，计票确认后才能开始下一轮。`);
    if (latest.status === 'matching') throw new AppError('ROUND_NOT_CLOSED', `第${latest.n}轮有另选人还没有核对，核对后才能开始下一轮。`);
    let next: Omit<RoundDef, 'n' | 'rule'> & { seatsToFillOne: number };
    if (input.kind === 'repeat') {
      if (latest.status !== 'void' && latest.valid !== false) {
        throw new AppError('ROUND_NOT_NEEDED', `第${latest.n}轮投票有效，不需要重新投票。`);
      }
      next = {
        kind: 'repeat',
        seat: latestDef.seat,
        seatsToFill: latestDef.seatsToFill,
        seatsToFillOne: latestDef.seat ? (latestDef.seatsToFill[latestDef.seat] ?? 0) : 0,
        contenders: latestDef.contenders,
        repeatOf: latestDef.repeatOf ?? latestDef.n,
      };
    } else {
      if (!input.seat) throw new AppError('VALIDATION_FAILED', '请选择这一轮选哪个职位。', { errors: [{ path: 'body.seat', message: '请选择职位' }] });
      if (latest.status === 'void' || latest.valid === false) {
        throw new AppError('ROUND_NOT_NEEDED', `第${latest.n}轮投票无效，须先重新投票。`);
      }
      const o = pendingOf(rounds, input.seat);
      const seatName = seatNamesZh[input.seat];
      const field = input.kind === 'tie' ? (o?.tie ?? []) : (o?.runoff ?? []);
      const seats = input.kind === 'tie' ? (o?.tieSeats ?? 0) : (o?.runoffSeats ?? 0);
      if (input.kind === 'further' && o && o.tieSeats > 0) {
        throw new AppError('ROUND_NOT_NEEDED', `${seatName}有票数相等的人，须先就他们再次投票。`);
      }
      if (!o || seats === 0 || field.length === 0) {
        throw new AppError('ROUND_NOT_NEEDED', input.kind === 'tie' ? `${seatName}没有票数相等需要再次投票的人。` : `${seatName}没有空缺的名额需要另行选举。`);
      }
      const chosen = input.candidateIds ? field.filter((c) => input.candidateIds!.includes(c.candidateId ?? '')) : field;
      if (input.candidateIds && (chosen.length !== new Set(input.candidateIds).size || chosen.length === 0)) {
        throw new AppError(
          'VALIDATION_FAILED',
          input.kind === 'tie'
            ? `再次投票只在票数相等的人中进行：${field.map((c) => c.name).join('、')}。`
            : `另行选举的候选人须从上一轮未当选、得票较多的人中确定：${field.map((c) => c.name).join('、')}。`,
          { errors: [{ path: 'body.candidateIds', message: '不在可选的人中' }] },
        );
      }
      if (input.kind === 'further' && chosen.length <= seats) {
        throw new AppError('VALIDATION_FAILED', `另行选举的候选人须多于应选的${seats}名（差额）。`, {
          errors: [{ path: 'body.candidateIds', message: `至少${seats + 1}人` }],
        });
      }
      const writeIns = rounds.flatMap((r) => r.writeIns);
      const contenders: RoundContender[] = chosen.map((c) => ({
        id: c.candidateId!,
        residentId: residentOfContender(c.candidateId!, candidates, defs, writeIns)!,
        name: c.name,
      }));
      next = {
        kind: input.kind,
        seat: input.seat,
        seatsToFill: { [input.seat]: seats },
        seatsToFillOne: seats,
        contenders,
        repeatOf: null,
      };
    }
    const n = latest.n + 1;
    const [row] = await tx.db
      .insert(electionRounds)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        n,
        kind: next.kind,
        seat: next.seat,
        seatsToFill: next.seatsToFillOne,
        contenders: next.contenders ?? [],
        repeatOf: next.repeatOf,
        openedByAccountId: tx.actor.accountId,
        openedAt: tx.now,
      })
      .returning();
    await appendAudit(tx, {
      action: 'round.opened',
      subject: `election:${election.id}`,
      electionId: election.id,
      payload: { n, kind: next.kind, seat: next.seat, seatsToFill: next.seatsToFillOne, contenders: next.contenders ?? [], repeatOf: next.repeatOf },
    });
    return {
      n: row!.n,
      kind: row!.kind,
      seat: row!.seat,
      seatsToFill: row!.seatsToFill,
      contenders: row!.contenders,
      repeatOf: row!.repeatOf,
      openedAt: row!.openedAt.toISOString(),
    };
  });
}

/**
 * The committee matches a written-in name to a registered voter, or records that nobody
 * eligible bears it (its votes then count for nobody). Only in the latest round, before the
 * results are published; a round with an unmatched write-in cannot become final.
 */
export async function matchWriteIn({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; writeInId: string; residentId?: string; notEligible?: true };
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    await refuseAfterResults(tx, election.id);
    const [row] = await tx.db
      .select()
      .from(electionWriteIns)
      .where(and(eq(electionWriteIns.communityId, tx.communityId), eq(electionWriteIns.electionId, election.id), eq(electionWriteIns.id, input.writeInId)));
    if (!row) throw notFound('另选人');
    if (row.round !== (await currentRound(tx, election.id))) {
      throw new AppError('ELECTION_LOCKED', `第${row.round}轮之后已经开始了新一轮投票，这一轮的另选人不能再改。`);
    }
    if (input.residentId) {
      const person = (await residentsByIds(tx, [input.residentId])).get(input.residentId);
      if (!person) throw notFound('居民');
      if (!(await registeredVoterIds(tx, election.id, [person.id])).has(person.id)) {
        throw new AppError('NOT_A_VOTER', `${person.name}不在本次选举的选民名单上，另选的票不能算给他。`);
      }
    }
    const [updated] = await tx.db
      .update(electionWriteIns)
      .set({ residentId: input.residentId ?? null, notEligible: !input.residentId, matchedByAccountId: tx.actor.accountId, matchedAt: tx.now })
      .where(and(eq(electionWriteIns.communityId, tx.communityId), eq(electionWriteIns.id, row.id)))
      .returning();
    await appendAudit(tx, {
      action: 'write_in.matched',
      subject: `election:${election.id}`,
      electionId: election.id,
      payload: {
        writeInId: row.id,
        round: row.round,
        seat: row.seat,
        name: row.name,
        votes: row.votes,
        residentId: input.residentId ?? null,
        notEligible: !input.residentId,
      },
    });
    return (await writeInsOf(tx, election.id, row.round)).find((w) => w.id === updated!.id)!;
  });
}
