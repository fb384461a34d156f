import { describe, expect, it } from 'vitest';
import {
  type Contender,
  firstRound,
  hasMajority,
  isTurnoutValid,
  runoffField,
  runoffRound,
  seatOutcome,
  voidReasonOf,
} from '../../functions/election-day/majority.js';

/** Contenders named by a letter with their votes: `c('A', 51)`. */
const c = (name: string, votes: number, writeIn = false): Contender => ({ candidateId: writeIn ? null : `id-${name}`, name, votes });
const names = (list: Contender[]) => list.map((x) => x.name);

describe('turnout', () => {
  it.each([
    [100, 50, false, 'exactly half of the registered voters is not enough'],
    [100, 51, true, 'one more than half is'],
    [101, 51, true, 'an odd list: 51 of 101 is more than half'],
    [101, 50, false, '50 of 101 is not'],
    [0, 0, false, 'an empty voter list elects nobody'],
    [0, 1, false, 'nor does a ballot cast against an empty list'],
  ])('%i registered, %i cast → valid %s (%s)', (registered, cast, valid) => {
    expect(isTurnoutValid(registered, cast)).toBe(valid);
  });
});

describe('a candidate’s majority', () => {
  it.each([
    [50, 100, false, 'exactly half of the ballots cast is not a majority'],
    [51, 100, true, 'one more than half is'],
    [50, 99, true, '50 of 99'],
    [49, 99, false, '49 of 99'],
  ])('%i votes of %i ballots cast → %s (%s)', (votes, cast, ok) => {
    expect(hasMajority(votes, cast)).toBe(ok);
  });
});

describe('first round, one seat’s outcome', () => {
  const registered = 100;
  it.each([
    {
      why: 'turnout exactly half: nobody is elected, whatever the votes',
      cast: 50,
      seats: 1,
      contenders: [c('A', 50)],
      elected: [],
      tie: [],
      runoff: [],
    },
    {
      why: 'a candidate with exactly half of the ballots cast is not elected; the seat goes to a runoff',
      cast: 80,
      seats: 1,
      contenders: [c('A', 40), c('B', 30), c('C', 10)],
      elected: [],
      tie: [],
      runoff: ['A', 'B'],
    },
    {
      why: 'one more than half is elected',
      cast: 80,
      seats: 1,
      contenders: [c('A', 41), c('B', 39)],
      elected: ['A'],
      tie: [],
      runoff: [],
    },
    {
      why: 'more qualified than seats: the most votes win',
      cast: 60,
      seats: 2,
      contenders: [c('A', 31), c('B', 50), c('C', 40), c('D', 20)],
      elected: ['B', 'C'],
      tie: [],
      runoff: [],
    },
    {
      why: 'a tie at the last seat: the tied go to a re-vote, the ones above are elected',
      cast: 60,
      seats: 2,
      contenders: [c('A', 50), c('B', 40), c('C', 40), c('D', 10)],
      elected: ['A'],
      tie: ['B', 'C'],
      runoff: [],
    },
    {
      why: 'a tie below the last seat changes nothing',
      cast: 60,
      seats: 2,
      contenders: [c('A', 50), c('B', 45), c('C', 40), c('D', 40)],
      elected: ['A', 'B'],
      tie: [],
      runoff: [],
    },
    {
      why: 'a tie among every qualified for fewer seats',
      cast: 60,
      seats: 1,
      contenders: [c('A', 31), c('B', 31)],
      elected: [],
      tie: ['A', 'B'],
      runoff: [],
    },
    {
      why: 'a tie between one qualified and one not is no tie: only majorities count',
      cast: 60,
      seats: 2,
      contenders: [c('A', 40), c('B', 31), c('C', 29)],
      elected: ['A', 'B'],
      tie: [],
      runoff: [],
    },
    {
      why: 'fewer qualified than seats: the rest go to a runoff, one more than the seats left',
      cast: 60,
      seats: 3,
      contenders: [c('A', 40), c('B', 29), c('C', 25), c('D', 20), c('E', 5), c('F', 2)],
      elected: ['A'],
      tie: [],
      runoff: ['B', 'C', 'D'],
    },
    {
      why: 'the runoff field takes everyone tied with its last place',
      cast: 60,
      seats: 1,
      contenders: [c('A', 25), c('B', 20), c('C', 20), c('D', 5)],
      elected: [],
      tie: [],
      runoff: ['A', 'B', 'C'],
    },
    {
      why: 'a write-in (另选他人) with a majority is elected like a listed candidate',
      cast: 60,
      seats: 1,
      contenders: [c('A', 20), c('王五', 35, true)],
      elected: ['王五'],
      tie: [],
      runoff: [],
    },
  ])('$why', ({ cast, seats, contenders, elected, tie, runoff }) => {
    const outcome = firstRound({ registered, ballotsCast: cast, seats, contenders });
    expect({ elected: names(outcome.elected), tie: names(outcome.tie), runoff: names(outcome.runoff) }).toEqual({ elected, tie, runoff });
    if (tie.length) expect(outcome.tieSeats).toBe(seats - elected.length);
    // An invalid turnout repeats the whole vote: no runoff either.
    expect(outcome.runoffSeats).toBe(tie.length || !isTurnoutValid(registered, cast) ? 0 : seats - elected.length);
  });

  it('elects nobody for a seat the election does not have', () => {
    expect(firstRound({ registered, ballotsCast: 80, seats: 0, contenders: [c('A', 70)] }).elected).toEqual([]);
  });

  it('sends nobody to a runoff when the turnout is invalid', () => {
    expect(firstRound({ registered, ballotsCast: 40, seats: 2, contenders: [c('A', 30), c('B', 10)] })).toEqual({
      elected: [],
      tie: [],
      tieSeats: 0,
      runoff: [],
      runoffSeats: 0,
    });
  });
});

describe('the runoff field', () => {
  it('keeps a listed candidate with no votes but drops a write-in with none', () => {
    const field = runoffField([c('A', 10), c('B', 0), c('王五', 0, true)], 2);
    expect(names(field)).toEqual(['A', 'B']);
  });

  it('is empty when no seat is left', () => {
    expect(runoffField([c('A', 10), c('B', 5)], 0)).toEqual([]);
  });

  it('takes one more than the seats left, best placed first', () => {
    expect(names(runoffField([c('C', 3), c('A', 10), c('D', 1), c('B', 5)], 2))).toEqual(['A', 'B', 'C']);
  });
});

describe('runoff round', () => {
  const registered = 100;
  it.each([
    {
      why: 'most votes win with at least a third of the ballots cast',
      cast: 60,
      seats: 1,
      contenders: [c('A', 25), c('B', 20), c('C', 15)],
      elected: ['A'],
      tie: [],
      unfilled: 0,
    },
    { why: 'exactly a third is enough', cast: 60, seats: 1, contenders: [c('A', 20), c('B', 19)], elected: ['A'], tie: [], unfilled: 0 },
    { why: 'below a third the seat stays empty', cast: 60, seats: 1, contenders: [c('A', 19), c('B', 18), c('C', 17)], elected: [], tie: [], unfilled: 1 },
    {
      why: 'two seats, one candidate above a third',
      cast: 60,
      seats: 2,
      contenders: [c('A', 30), c('B', 19), c('C', 11)],
      elected: ['A'],
      tie: [],
      unfilled: 1,
    },
    {
      why: 'a tie at the last seat goes to another vote',
      cast: 60,
      seats: 1,
      contenders: [c('A', 25), c('B', 25), c('C', 10)],
      elected: [],
      tie: ['A', 'B'],
      unfilled: 0,
    },
    { why: 'a runoff with half the voters absent elects nobody', cast: 50, seats: 1, contenders: [c('A', 40)], elected: [], tie: [], unfilled: 1 },
    { why: 'no seat left: nobody elected, nothing unfilled', cast: 60, seats: 0, contenders: [c('A', 40)], elected: [], tie: [], unfilled: 0 },
    {
      why: 'a tie for the last of two seats: one elected, the tied compete for one',
      cast: 60,
      seats: 2,
      contenders: [c('A', 30), c('B', 25), c('C', 25)],
      elected: ['A'],
      tie: ['B', 'C'],
      unfilled: 0,
    },
  ])('$why', ({ cast, seats, contenders, elected, tie, unfilled }) => {
    const outcome = runoffRound({ registered, ballotsCast: cast, seats, contenders });
    expect({ elected: names(outcome.elected), tie: names(outcome.tie), unfilled: outcome.unfilled }).toEqual({ elected, tie, unfilled });
    expect(outcome.tieSeats).toBe(tie.length ? seats - elected.length : 0);
  });

  it('never leaves a negative number of seats unfilled', () => {
    expect(runoffRound({ registered, ballotsCast: 40, seats: -1, contenders: [] }).unfilled).toBe(0);
  });
});

describe('a void round', () => {
  it.each<[number, number, string | null, string]>([
    [15, 16, 'more_returned_than_issued', 'one ballot more back than handed out voids the round'],
    [16, 16, null, 'as many back as out is an ordinary count'],
    [16, 15, null, 'fewer back (a voter kept theirs) is an ordinary count'],
    [0, 0, null, 'an empty box is an ordinary count, and turnout decides'],
  ])('%i handed out, %i returned → %s (%s)', (issued, returned, reason) => {
    expect(voidReasonOf(issued, returned)).toBe(reason);
  });
});

describe('one seat in a round, by the round’s rule', () => {
  const registered = 20;
  it.each([
    {
      why: 'main: more than half of the ballots cast, 8 of 16 is not',
      rule: 'main' as const,
      cast: 16,
      seats: 1,
      contenders: [c('A', 8), c('B', 8)],
      elected: [],
      tie: [],
      runoff: ['A', 'B'],
      runoffSeats: 1,
    },
    {
      why: 'further: the most votes with at least a third (6 of 16 is more than 5⅓)',
      rule: 'further' as const,
      cast: 16,
      seats: 1,
      contenders: [c('A', 6), c('B', 5), c('W', 5, true)],
      elected: ['A'],
      tie: [],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'further: a third exactly is enough (6 of 18)',
      rule: 'further' as const,
      cast: 18,
      seats: 1,
      contenders: [c('A', 6), c('B', 5)],
      elected: ['A'],
      tie: [],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'further: below a third nobody is elected and the seat stays for another round',
      rule: 'further' as const,
      cast: 18,
      seats: 1,
      contenders: [c('A', 5), c('B', 4), c('C', 4)],
      elected: [],
      tie: [],
      runoff: ['A', 'B', 'C'],
      runoffSeats: 1,
    },
    {
      why: 'further: a tie at the seat goes to a re-vote',
      rule: 'further' as const,
      cast: 16,
      seats: 1,
      contenders: [c('A', 7), c('B', 7)],
      elected: [],
      tie: ['A', 'B'],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'tie re-vote: most votes win, no threshold beyond a vote',
      rule: 'tie' as const,
      cast: 15,
      seats: 1,
      contenders: [c('A', 4), c('B', 3)],
      elected: ['A'],
      tie: [],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'tie re-vote: tied again, voted again',
      rule: 'tie' as const,
      cast: 14,
      seats: 1,
      contenders: [c('A', 7), c('B', 7)],
      elected: [],
      tie: ['A', 'B'],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'tie re-vote for two seats among three: the two best',
      rule: 'tie' as const,
      cast: 15,
      seats: 2,
      contenders: [c('A', 9), c('B', 8), c('C', 4)],
      elected: ['A', 'B'],
      tie: [],
      runoff: [],
      runoffSeats: 0,
    },
    {
      why: 'any rule: at most half of the voters taking part elects nobody',
      rule: 'further' as const,
      cast: 10,
      seats: 1,
      contenders: [c('A', 10)],
      elected: [],
      tie: [],
      runoff: [],
      runoffSeats: 0,
    },
  ])('$why', ({ rule, cast, seats, contenders, elected, tie, runoff, runoffSeats }) => {
    const o = seatOutcome(rule, { registered, ballotsCast: cast, seats, contenders });
    expect(names(o.elected)).toEqual(elected);
    expect(names(o.tie)).toEqual(tie);
    expect(names(o.runoff)).toEqual(runoff);
    expect(o.runoffSeats).toBe(runoffSeats);
  });
});
