import { and, asc, count, eq } from 'drizzle-orm';
import {
  electionBallots,
  electionRounds,
  electionTallies,
  electionWriteIns,
  type RoundContender,
  type RoundKind,
  type TallyWriteIn,
} from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import type { ElectionRow } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { residentsByIds } from './access.js';
import { type Contender, isTurnoutValid, type RoundRule, type SeatOutcome, seatOutcome, type VoidReason, voidReasonOf } from './majority.js';
import { type TallyRow, tallyState } from './tally.js';

/** What a round is: who stands for which seats, and by which majority it decides. */
export interface RoundDef {
  n: number;
  kind: RoundKind;
  rule: RoundRule;
  /** The one seat voted for, or null when every seat is (the main round and its repeats). */
  seat: SeatKey | null;
  seatsToFill: Partial<Record<SeatKey, number>>;
  /** Who stands in a later round; null: the published candidate list. */
  contenders: RoundContender[] | null;
  repeatOf: number | null;
}

/** The main vote (round 1, which has no row) and every later round, in order. */
export async function roundsOf(ctx: Ctx, election: Pick<ElectionRow, 'id' | 'seats'>): Promise<RoundDef[]> {
  const rows = await ctx.db
    .select()
    .from(electionRounds)
    .where(and(eq(electionRounds.communityId, ctx.communityId), eq(electionRounds.electionId, election.id)))
    .orderBy(asc(electionRounds.n));
  const allSeats = Object.fromEntries(seatKeys.filter((s) => election.seats[s] > 0).map((s) => [s, election.seats[s]]));
  const defs: RoundDef[] = [{ n: 1, kind: 'main', rule: 'main', seat: null, seatsToFill: allSeats, contenders: null, repeatOf: null }];
  for (const r of rows) {
    const repeated = r.repeatOf ? defs.find((d) => d.n === r.repeatOf) : undefined;
    defs.push({
      n: r.n,
      kind: r.kind,
      rule: repeated ? repeated.rule : r.kind === 'tie' ? 'tie' : r.kind === 'further' ? 'further' : 'main',
      seat: r.seat,
      seatsToFill: r.seat ? { [r.seat]: r.seatsToFill } : allSeats,
      contenders: r.seat ? r.contenders : null,
      repeatOf: r.repeatOf,
    });
  }
  return defs;
}

export type RoundStatus = 'counting' | 'mismatch' | 'matching' | 'final' | 'void';

export interface ListedCandidate {
  id: string;
  residentId: string;
  name: string;
  seat: SeatKey;
}

export interface WriteInView {
  id: string;
  name: string;
  seat: SeatKey;
  votes: number;
  residentId: string | null;
  notEligible: boolean;
}

/** One round as counted: its figures, its outcome per seat, and its write-ins. */
export interface RoundResult {
  n: number;
  kind: RoundKind;
  seat: SeatKey | null;
  seats: Partial<Record<SeatKey, number>>;
  status: RoundStatus;
  void: VoidReason | null;
  /** More than half of the registered voters cast a ballot in this round. */
  valid: boolean | null;
  ballotsIssued: number;
  ballotsCast: number | null;
  invalidBallots: number | null;
  contenders: Partial<Record<SeatKey, Contender[]>>;
  outcome: Partial<Record<SeatKey, SeatOutcome>>;
  writeIns: WriteInView[];
  /** Who is on this round's ballot, in ballot order: what the counters enter votes for. */
  ballot: { id: string; name: string; seat: SeatKey }[];
  /** The fingerprint of the agreed count (what a certificate's number is made from). */
  fingerprint: string | null;
}

export async function ballotsIssuedIn(ctx: Ctx, electionId: string, round: number) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(electionBallots)
    .where(and(eq(electionBallots.communityId, ctx.communityId), eq(electionBallots.electionId, electionId), eq(electionBallots.round, round)));
  return row!.n;
}

export async function roundEntries(ctx: Ctx, electionId: string, round: number): Promise<TallyRow[]> {
  return ctx.db
    .select()
    .from(electionTallies)
    .where(and(eq(electionTallies.communityId, ctx.communityId), eq(electionTallies.electionId, electionId), eq(electionTallies.round, round)))
    .orderBy(asc(electionTallies.createdAt), asc(electionTallies.id));
}

export async function writeInsOf(ctx: Ctx, electionId: string, round: number): Promise<WriteInView[]> {
  const rows = await ctx.db
    .select()
    .from(electionWriteIns)
    .where(and(eq(electionWriteIns.communityId, ctx.communityId), eq(electionWriteIns.electionId, electionId), eq(electionWriteIns.round, round)))
    .orderBy(asc(electionWriteIns.seat), asc(electionWriteIns.name));
  return rows.map((w) => ({ id: w.id, name: w.name, seat: w.seat, votes: w.votes, residentId: w.residentId, notEligible: w.notEligible }));
}

/** Keeps the write-ins of an agreed count, for the committee to match (once per round, seat and name). */
export async function recordWriteIns(ctx: Ctx, electionId: string, round: number, writeIns: TallyWriteIn[]) {
  if (writeIns.length === 0) return;
  await ctx.db
    .insert(electionWriteIns)
    .values(
      writeIns.map((w) => ({
        communityId: ctx.communityId,
        electionId,
        round,
        seat: w.seat,
        name: w.name,
        votes: w.votes,
        createdAt: ctx.now,
      })),
    )
    .onConflictDoNothing();
}

/**
 * Counts one round from its agreed entry. A write-in matched to a voter stands as a contender
 * (added to a listed candidate's votes when it names that candidate); one recorded as not
 * eligible counts for nobody; while any is unmatched the round is `matching`, not final.
 */
export async function countRound(
  ctx: Ctx,
  electionId: string,
  def: RoundDef,
  input: { registered: number; candidates: ListedCandidate[] },
): Promise<RoundResult> {
  const [ballotsIssued, entries, writeIns] = await Promise.all([
    ballotsIssuedIn(ctx, electionId, def.n),
    roundEntries(ctx, electionId, def.n),
    writeInsOf(ctx, electionId, def.n),
  ]);
  const state = tallyState(entries);
  const agreed = state.agreed;
  const base: RoundResult = {
    n: def.n,
    kind: def.kind,
    seat: def.seat,
    seats: def.seatsToFill,
    status: state.status,
    void: null,
    valid: null,
    ballotsIssued,
    ballotsCast: agreed?.ballotsCast ?? null,
    invalidBallots: agreed?.invalidBallots ?? null,
    contenders: {},
    outcome: {},
    writeIns,
    ballot: def.contenders
      ? def.contenders.map((c) => ({ id: c.id, name: c.name, seat: def.seat! }))
      : input.candidates.filter((c) => def.seatsToFill[c.seat]).map((c) => ({ id: c.id, name: c.name, seat: c.seat })),
    fingerprint: agreed?.fingerprint ?? null,
  };
  if (!agreed) return base;
  const voided = voidReasonOf(ballotsIssued, agreed.ballotsCast);
  if (voided) return { ...base, status: 'void', void: voided };
  const people = await residentsByIds(
    ctx,
    writeIns.flatMap((w) => (w.residentId ? [w.residentId] : [])),
  );
  const result: RoundResult = {
    ...base,
    status: writeIns.some((w) => !w.residentId && !w.notEligible) ? 'matching' : 'final',
    valid: isTurnoutValid(input.registered, agreed.ballotsCast),
  };
  if (result.status !== 'final') return result;
  for (const seat of seatKeys) {
    const seats = def.seatsToFill[seat];
    if (!seats) continue;
    const listed = (def.contenders ?? input.candidates.filter((c) => c.seat === seat)).map((c) => ({
      candidateId: c.id,
      residentId: c.residentId,
      name: c.name,
      votes: agreed.votes[c.id] ?? 0,
    }));
    for (const w of writeIns.filter((x) => x.seat === seat && x.residentId)) {
      const same = listed.find((c) => c.residentId === w.residentId);
      if (same) same.votes += w.votes;
      else listed.push({ candidateId: w.id, residentId: w.residentId!, name: people.get(w.residentId!)?.name ?? w.name, votes: w.votes });
    }
    const contenders: Contender[] = listed.map(({ candidateId, name, votes }) => ({ candidateId, name, votes }));
    result.contenders[seat] = contenders;
    result.outcome[seat] = seatOutcome(def.rule, { registered: input.registered, ballotsCast: agreed.ballotsCast, seats, contenders });
  }
  return result;
}

/** Whether a round takes no more ballots or entries: its count is agreed (final, void, or awaiting write-in matches). */
export const isRoundClosed = (r: Pick<RoundResult, 'status'>) => r.status === 'final' || r.status === 'void' || r.status === 'matching';

/** The resident behind a contender of a round (a listed candidate or a matched write-in). */
export function residentOfContender(candidateId: string, candidates: ListedCandidate[], rounds: RoundDef[], writeIns: WriteInView[]) {
  return (
    candidates.find((c) => c.id === candidateId)?.residentId ??
    rounds.flatMap((r) => r.contenders ?? []).find((c) => c.id === candidateId)?.residentId ??
    writeIns.find((w) => w.id === candidateId)?.residentId ??
    null
  );
}
