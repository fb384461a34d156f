/**
 * The count's majorities, as API.md "Election day" states them (after 《城市居民委员会组织法》
 * and the provincial election rules). Pure: no database, no clock, so every case is a unit test.
 */

export interface Contender {
  /** A listed candidate's id; null for a write-in (另选他人). */
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
