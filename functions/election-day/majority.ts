/**
 * The count's majorities, as API.md "Election day" states them (after 《城市居民委员会组织法》
 * and the provincial election rules). Pure: no database, no clock, so every case is a unit test.
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
 * How many of the rest stand in the runoff: one more than the seats left (差额), and everyone
 * tied with the last of them, since votes alone cannot separate them.
 */
export function runoffField(rest: Contender[], seatsLeft: number): Contender[] {
  if (seatsLeft <= 0) return [];
  const sorted = [...rest].filter((c) => c.votes > 0 || c.candidateId !== null).sort(byVotes);
  const size = seatsLeft + 1;
  if (sorted.length <= size) return sorted;
  const cutoff = sorted[size - 1]!.votes;
  return sorted.filter((c) => c.votes >= cutoff);
}

/** One seat's first-round outcome. An invalid turnout elects nobody (the whole vote is repeated). */
export function firstRound(input: { registered: number; ballotsCast: number; seats: number; contenders: Contender[] }): SeatOutcome {
  const empty: SeatOutcome = { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 };
  if (input.seats <= 0 || !isTurnoutValid(input.registered, input.ballotsCast)) return empty;
  const qualified = input.contenders.filter((c) => hasMajority(c.votes, input.ballotsCast));
  const { elected, tie, tieSeats } = fillByMostVotes(qualified, input.seats);
  if (tie.length > 0) return { elected, tie, tieSeats, runoff: [], runoffSeats: 0 };
  const runoffSeats = input.seats - elected.length;
  const rest = input.contenders.filter((c) => !qualified.includes(c));
  return { elected, tie: [], tieSeats: 0, runoff: runoffField(rest, runoffSeats), runoffSeats };
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
  if (rule === 'main') return firstRound(input);
  const empty: SeatOutcome = { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 };
  if (input.seats <= 0 || !isTurnoutValid(input.registered, input.ballotsCast)) return empty;
  if (rule === 'further') {
    const r = runoffRound(input);
    const rest = input.contenders.filter((c) => !r.elected.includes(c) && !r.tie.includes(c));
    return { elected: r.elected, tie: r.tie, tieSeats: r.tieSeats, runoff: runoffField(rest, r.unfilled), runoffSeats: r.unfilled };
  }
  const { elected, tie, tieSeats } = fillByMostVotes(
    input.contenders.filter((c) => c.votes > 0),
    input.seats,
  );
  const unfilled = input.seats - elected.length - tieSeats;
  const rest = input.contenders.filter((c) => !elected.includes(c) && !tie.includes(c));
  return { elected, tie, tieSeats, runoff: runoffField(rest, unfilled), runoffSeats: unfilled };
}
