import { electionTallies, type TallyWriteIn } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, forbidden } from '../_platform/errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { lockElection, officialRoleOf } from './access.js';
import { candidatesOf } from './candidates.js';
import { doubleEntry, voidReasonOf } from './majority.js';
import { findPublication } from './publish.js';
import { requireOpenRound } from './round-verbs.js';
import { ballotsIssuedIn, recordWriteIns, roundEntries, roundsOf } from './rounds.js';

export interface TallyInput {
  ballotsCast: number;
  invalidBallots: number;
  votes: Record<string, number>;
  writeIns?: TallyWriteIn[];
}

export type TallyRow = typeof electionTallies.$inferSelect;

/** Write-ins compared by name and seat, whatever order or spacing they were typed in; zero rows dropped. */
export function normaliseWriteIns(writeIns: TallyWriteIn[] = []): TallyWriteIn[] {
  const merged = new Map<string, TallyWriteIn>();
  for (const w of writeIns) {
    const name = w.name.replace(/\s+/g, '');
    if (!name || w.votes === 0) continue;
    const key = `${w.seat}\u001f${name}`;
    const prev = merged.get(key);
    merged.set(key, { name, seat: w.seat, votes: (prev?.votes ?? 0) + w.votes });
  }
  return [...merged.values()].sort((a, b) => (a.seat + a.name < b.seat + b.name ? -1 : 1));
}

/** The counts as one canonical string: two entries agree when their fingerprints are equal. */
export function fingerprint(t: { ballotsCast: number; invalidBallots: number; votes: Record<string, number>; writeIns: TallyWriteIn[] }) {
  const votes = Object.keys(t.votes)
    .sort()
    .map((k) => `${k}=${t.votes[k]}`);
  return JSON.stringify([t.ballotsCast, t.invalidBallots, votes, t.writeIns.map((w) => [w.seat, w.name, w.votes])]);
}

/**
 * Plausibility (API.md): no more invalid than cast, and per seat no more votes than valid
 * ballots × that seat's number; and no candidate above the valid ballots (a ballot marks a name
 * once). More ballots returned than handed out is not refused: the round is void and held again
 * (majority.ts voidReasonOf), so counters never have to bend the numbers. Returns the reasons,
 * in words the counter can check.
 */
export function implausibilities(
  t: { ballotsCast: number; invalidBallots: number; votes: Record<string, number>; writeIns: TallyWriteIn[] },
  ctx: { seats: Partial<Record<SeatKey, number>>; seatOf: Map<string, SeatKey>; nameOf: Map<string, string> },
): string[] {
  const reasons: string[] = [];
  if (t.invalidBallots > t.ballotsCast) reasons.push(`废票${t.invalidBallots}张，多于收回的${t.ballotsCast}张`);
  const valid = Math.max(0, t.ballotsCast - t.invalidBallots);
  for (const seat of seatKeys) {
    if (!ctx.seats[seat]) continue;
    const sum =
      Object.entries(t.votes)
        .filter(([id]) => ctx.seatOf.get(id) === seat)
        .reduce((s, [, n]) => s + n, 0) + t.writeIns.filter((w) => w.seat === seat).reduce((s, w) => s + w.votes, 0);
    const max = valid * ctx.seats[seat]!;
    if (sum > max) reasons.push(`${seatNamesZh[seat]}栏共${sum}票，超过有效票${valid}张×应选${ctx.seats[seat]}名=${max}票`);
  }
  for (const [id, n] of Object.entries(t.votes)) {
    if (n > valid) reasons.push(`${ctx.nameOf.get(id) ?? ''}得${n}票，多于有效票${valid}张`);
  }
  for (const w of t.writeIns) if (w.votes > valid) reasons.push(`另选${w.name}得${w.votes}票，多于有效票${valid}张`);
  return reasons;
}

export type TallyStatus = 'counting' | 'mismatch' | 'final';

/**
 * The count's state from its entries: each counter's latest entry stands; two different
 * counters whose entries agree make it final; differing entries are a mismatch.
 */
export function tallyState(entries: TallyRow[]): { status: TallyStatus; agreed: TallyRow | null; latest: TallyRow[] } {
  return doubleEntry(entries, (e) => e.counterResidentId);
}

/**
 * A counter enters the whole count of a round (the open one by default) from the paper. The
 * entry is kept even when it disagrees with another counter's (the committee sees both side by
 * side); the reply is then TALLY_MISMATCH. Once two counters agree the round's count is closed:
 * void when more ballots came back than were handed out, awaiting the committee's matching
 * while it has write-ins, else final.
 */
export async function enterTally({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; round?: number } & TallyInput }) {
  const election = await requireElection(ctx, input.electionId);
  const official = await officialRoleOf(ctx, election.id);
  if (official?.role !== 'counter') throw forbidden();
  if (chinaDate(ctx.now) < election.electionDay) throw new AppError('NOT_ELECTION_DAY', `计票在选举日（${election.electionDay}）投票结束后进行。`);
  const outcome = await withTransaction(ctx, async (tx) => {
    await lockElection(tx, election.id);
    if (!(await findPublication(tx, election.id, 'candidates'))) throw new AppError('CONFLICT', '候选人名单还没有公布，不能计票。');
    const round = await requireOpenRound(tx, election.id, input.round, '录入计票');
    const def = (await roundsOf(tx, election)).find((d) => d.n === round)!;
    const listed = def.contenders
      ? def.contenders.map((c) => ({ id: c.id, name: c.name, seat: def.seat! }))
      : (await candidatesOf(tx, election.id)).map((c) => ({ id: c.id, name: c.name, seat: c.seat }));
    const ids = new Set(listed.map((c) => c.id));
    const missing = listed.filter((c) => !(c.id in input.votes));
    const unknown = Object.keys(input.votes).filter((id) => !ids.has(id));
    if (missing.length || unknown.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        missing.length
          ? `请填写每位候选人的得票数（缺：${missing.map((c) => c.name).join('、')}）。`
          : round > 1
            ? `票数里有不是第${round}轮候选人的编号。`
            : '票数里有不是本次选举候选人的编号。',
        {
          errors: [
            ...missing.map((c) => ({ path: `body.votes.${c.id}`, message: `请填写${c.name}的得票数` })),
            ...unknown.map((id) => ({ path: `body.votes.${id}`, message: '不是本次选举的候选人' })),
          ],
        },
      );
    }
    const writeIns = normaliseWriteIns(input.writeIns);
    const badSeat = writeIns.find((w) => !def.seatsToFill[w.seat]);
    if (badSeat)
      throw new AppError('VALIDATION_FAILED', round > 1 ? `第${round}轮不选${seatNamesZh[badSeat.seat]}。` : `本次选举不设${seatNamesZh[badSeat.seat]}。`, {
        errors: [{ path: 'body.writeIns', message: round > 1 ? '本轮没有这个职位' : '本次选举没有这个职位' }],
      });
    const entry = { ballotsCast: input.ballotsCast, invalidBallots: input.invalidBallots, votes: input.votes, writeIns };
    const reasons = implausibilities(entry, {
      seats: def.seatsToFill,
      seatOf: new Map(listed.map((c) => [c.id, c.seat])),
      nameOf: new Map(listed.map((c) => [c.id, c.name])),
    });
    if (reasons.length) throw new AppError('TALLY_IMPLAUSIBLE', `计票数字不合理：${reasons.join('；')}。请核对后重新录入。`);
    const [row] = await tx.db
      .insert(electionTallies)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        round,
        counterResidentId: official.residentId,
        enteredByAccountId: tx.actor.accountId,
        ...entry,
        fingerprint: fingerprint(entry),
        createdAt: tx.now,
      })
      .returning();
    await appendAudit(tx, {
      action: 'tally.entered',
      subject: `election:${election.id}`,
      electionId: election.id,
      payload: { tallyId: row!.id, round, ...entry },
    });
    const after = tallyState(await roundEntries(tx, election.id, round));
    if (!after.agreed) return { row: row!, status: after.status };
    await recordWriteIns(tx, election.id, round, after.agreed.writeIns);
    const issued = await ballotsIssuedIn(tx, election.id, round);
    const status = voidReasonOf(issued, after.agreed.ballotsCast) ? 'void' : after.agreed.writeIns.length ? 'matching' : 'final';
    return { row: row!, status: status as 'void' | 'matching' | 'final' };
  });
  if (outcome.status === 'mismatch') {
    // Recorded, and refused: the counters recount and enter again.
    throw new AppError('TALLY_MISMATCH', '您录入的计票结果与另一位计票员的不一致，已记录并交选举委员会核对。请一起重新清点后再录入。');
  }
  return {
    id: outcome.row.id,
    round: outcome.row.round,
    status: outcome.status,
    ballotsCast: outcome.row.ballotsCast,
    invalidBallots: outcome.row.invalidBallots,
    votes: outcome.row.votes,
    writeIns: outcome.row.writeIns,
    at: outcome.row.createdAt.toISOString(),
  };
}
