/**
 * The count's majorities, one pure module for every body that elects by secret ballot here: the
 * residents' election (API.md "Election day", after 《城市居民委员会组织法》 and the provincial
 * election rules) and the party branch's meetings (API.md "Party branch", after 《中国共产党基层组织
 * 选举工作条例》). What differs between them is data (`BodyRules`): what the turnout and a
 * candidate's majority are counted against, and how a further round decides. Pure: no database,
 * no clock, so every case is a unit test.
 */

export interface Contender {
  /** A listed candidate's id, or a matched write-in's id (另选他人); null for an unmatched write-in. */
  candidateId: string | null;
  name: string;
  votes: number;
}

export interface SeatOutcome {
  elected: Contender[];
  /** Tied at the last seat(s): a re-vote among them decides `tieSeats` seats. */
  tie: Contender[];
  tieSeats: number;
  /** Seats left over go to a runoff (另行选举) among these, the best-placed of the rest. */
  runoff: Contender[];
  runoffSeats: number;
}

/**
 * One electing body's rules as data. `entitled` is the body's roll: the registered voters, or the
 * party members entitled to attend (应到会有选举权的党员).
 */
export interface BodyRules {
  /** The vote may stand only when more than `turnout.above` of `entitled` are counted by `turnout.counts`. */
  turnout: { counts: 'ballotsCast' | 'present'; above: readonly [number, number] };
  /** A candidate's majority in the main round: more than half of this. */
  majorityOf: 'ballotsCast' | 'entitled';
  /** A further round (另行选举): most votes with at least a third of the ballots cast, or the main round's majority again. */
  further: 'thirdOfCast' | 'majority';
  /** How many stand in a further round beyond the seats left: at least `atLeast` more, and at least `fraction` of the seats more (rounded up). */
  fieldSurplus: { atLeast: number; fraction: number };
}

/** Residents: more than half of the registered voters cast a ballot; more than half of the ballots cast elects; a further round needs a third. */
export const RESIDENTS: BodyRules = {
  turnout: { counts: 'ballotsCast', above: [1, 2] },
  majorityOf: 'ballotsCast',
  further: 'thirdOfCast',
  fieldSurplus: { atLeast: 1, fraction: 0 },
};

/** What a round's count is measured against. */
export interface CountBase {
  /** The roll: registered voters, or members entitled to attend. */
  entitled: number;
  ballotsCast: number;
  /** Members present at the meeting (the party's quorum); the residents' rules do not read it. */
  present?: number;
}

/** More than `num/den` of `of`, in integers: 4/5 of 10 is 8, and 8 is not more than it. */
export const moreThanFraction = (count: number, of: number, [num, den]: readonly [number, number]) => of > 0 && count * den > of * num;

/** The body's turnout (or quorum) holds for this count. */
export const turnoutHolds = (body: BodyRules, base: CountBase) =>
  moreThanFraction(body.turnout.counts === 'present' ? (base.present ?? 0) : base.ballotsCast, base.entitled, body.turnout.above);

/** A candidate's main-round majority under the body's rules. */
export const majorityUnder = (body: BodyRules, votes: number, base: CountBase) =>
  votes * 2 > (body.majorityOf === 'entitled' ? base.entitled : base.ballotsCast);

/** The election is valid when more than half of the registered voters cast a ballot. */
export const isTurnoutValid = (registered: number, ballotsCast: number) => registered > 0 && ballotsCast * 2 > registered;

/** First round: more than half of the ballots cast (not of the valid ones). */
export const hasMajority = (votes: number, ballotsCast: number) => votes * 2 > ballotsCast;

/** Runoff: the most votes, but no fewer than a third of the ballots cast. */
export const hasRunoffMinimum = (votes: number, ballotsCast: number) => votes * 3 >= ballotsCast;

const byVotes = (a: Contender, b: Contender) => b.votes - a.votes;

/**
 * Fills `seats` from `qualified` by most votes. When the last seat(s) fall on a tie, those tied
 * go to `tie` (with the number of seats they compete for) and nobody below is elected.
 */
function fillByMostVotes(qualified: Contender[], seats: number): { elected: Contender[]; tie: Contender[]; tieSeats: number } {
  const sorted = [...qualified].sort(byVotes);
  if (sorted.length <= seats) return { elected: sorted, tie: [], tieSeats: 0 };
  const boundary = sorted[seats - 1]!.votes;
  // The seat is contested only when someone outside the seats has the last seat's votes.
  if (sorted[seats]!.votes < boundary) return { elected: sorted.slice(0, seats), tie: [], tieSeats: 0 };
  const elected = sorted.filter((c) => c.votes > boundary);
  const tie = sorted.filter((c) => c.votes === boundary);
  return { elected, tie, tieSeats: seats - elected.length };
}

/**
 * How many of the rest stand in the runoff: the seats left plus the body's surplus (差额), and
 * everyone tied with the last of them, since votes alone cannot separate them.
 */
export function runoffFieldUnder(body: BodyRules, rest: Contender[], seatsLeft: number): Contender[] {
  if (seatsLeft <= 0) return [];
  const sorted = [...rest].filter((c) => c.votes > 0 || c.candidateId !== null).sort(byVotes);
  const size = seatsLeft + Math.max(body.fieldSurplus.atLeast, Math.ceil(seatsLeft * body.fieldSurplus.fraction));
  if (sorted.length <= size) return sorted;
  const cutoff = sorted[size - 1]!.votes;
  return sorted.filter((c) => c.votes >= cutoff);
}

/** The residents' runoff field: one more than the seats left, and everyone tied with the last. */
export const runoffField = (rest: Contender[], seatsLeft: number): Contender[] => runoffFieldUnder(RESIDENTS, rest, seatsLeft);

/** One seat's first-round outcome. An invalid turnout elects nobody (the whole vote is repeated). */
export function firstRound(input: { registered: number; ballotsCast: number; seats: number; contenders: Contender[] }): SeatOutcome {
  return seatOutcome('main', input);
}

/**
 * The runoff for seats left over: elected by most votes, but no fewer than a third of the
 * ballots cast; a tie at the last seat goes to another vote; seats still empty stay empty.
 */
export function runoffRound(input: { registered: number; ballotsCast: number; seats: number; contenders: Contender[] }): {
  elected: Contender[];
  tie: Contender[];
  tieSeats: number;
  unfilled: number;
} {
  if (input.seats <= 0 || !isTurnoutValid(input.registered, input.ballotsCast))
    return { elected: [], tie: [], tieSeats: 0, unfilled: Math.max(0, input.seats) };
  const qualified = input.contenders.filter((c) => c.votes > 0 && hasRunoffMinimum(c.votes, input.ballotsCast));
  const { elected, tie, tieSeats } = fillByMostVotes(qualified, input.seats);
  return { elected, tie, tieSeats, unfilled: input.seats - elected.length - tieSeats };
}

/** How a round decides: the main vote's majority, a further round's third, or most votes among the tied. */
export type RoundRule = 'main' | 'further' | 'tie';

/** Why a round's count was set aside and the round is held again. */
export type VoidReason = 'more_returned_than_issued';

/**
 * A round whose ballot box returned more ballots than the desk handed out cannot stand: it is
 * void and held again. Every provincial election rulebook read for this says it in the same
 * words (收回的选票等于或者少于发出的选票，选举有效；多于的，选举无效); the 2025 Gansu rules
 * put it in their chapter 5 (投票选举), whose article text was not readable here. Equal or
 * fewer is an ordinary count.
 */
export const voidReasonOf = (ballotsIssued: number, ballotsCast: number): VoidReason | null =>
  ballotsCast > ballotsIssued ? 'more_returned_than_issued' : null;

/**
 * One seat's outcome in one round, by the round's rule:
 * - main: more than half of the ballots cast (firstRound);
 * - further (另行选举, 《村民委员会组织法》第十五条, which residents' rules mirror): most
 *   votes, but at least a third of the ballots cast (runoffRound);
 *   seats still empty are left for another further round;
 * - tie: a re-vote among the tied only, most votes win; a new tie is voted again.
 * The turnout rule holds in every round: at most half of the registered voting elects nobody.
 */
export function seatOutcome(rule: RoundRule, input: { registered: number; ballotsCast: number; seats: number; contenders: Contender[] }): SeatOutcome {
  return outcomeUnder(RESIDENTS, rule, { entitled: input.registered, ballotsCast: input.ballotsCast, seats: input.seats, contenders: input.contenders });
}

const EMPTY: SeatOutcome = { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 };

/**
 * One post's outcome in one round under a body's rules:
 * - main: a majority under `majorityOf`; more such than seats → most votes; a tie at the last
 *   seat → the tied vote again; seats left → a further round among `runoff`;
 * - further: the body's `further` rule (a third of the ballots cast, or the main majority again);
 * - tie: among the tied only, most votes win; a new tie is voted again.
 * Without the body's turnout (or quorum) nobody is elected.
 */
export function outcomeUnder(body: BodyRules, rule: RoundRule, input: CountBase & { seats: number; contenders: Contender[] }): SeatOutcome {
  if (input.seats <= 0 || !turnoutHolds(body, input)) return EMPTY;
  const qualified =
    rule === 'tie'
      ? input.contenders.filter((c) => c.votes > 0)
      : rule === 'further' && body.further === 'thirdOfCast'
        ? input.contenders.filter((c) => c.votes > 0 && hasRunoffMinimum(c.votes, input.ballotsCast))
        : input.contenders.filter((c) => majorityUnder(body, c.votes, input));
  const { elected, tie, tieSeats } = fillByMostVotes(qualified, input.seats);
  if (rule === 'main' && tie.length > 0) return { elected, tie, tieSeats, runoff: [], runoffSeats: 0 };
  const unfilled = input.seats - elected.length - tieSeats;
  const rest = input.contenders.filter((c) => !elected.includes(c) && !tie.includes(c) && (rule !== 'main' || !qualified.includes(c)));
  return { elected, tie, tieSeats, runoff: runoffFieldUnder(body, rest, unfilled), runoffSeats: unfilled };
}

/** Where a double-entry count stands: entries go in until two counters' latest agree. */
export type CountStatus = 'counting' | 'mismatch' | 'final';

/**
 * The double-entry count shared by every body: each counter's latest entry stands; two different
 * counters whose entries agree (equal fingerprints) make it final; differing entries are a mismatch.
 */
export function doubleEntry<T extends { fingerprint: string }>(
  entries: T[],
  counterOf: (e: T) => string,
): { status: CountStatus; agreed: T | null; latest: T[] } {
  const latestBy = new Map<string, T>();
  for (const e of entries) latestBy.set(counterOf(e), e);
  const latest = [...latestBy.values()];
  for (const [i, a] of latest.entries()) {
    if (latest.slice(i + 1).some((b) => b.fingerprint === a.fingerprint)) return { status: 'final', agreed: a, latest };
  }
  return { status: latest.length >= 2 ? 'mismatch' : 'counting', agreed: null, latest };
}
