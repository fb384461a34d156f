import { describe, expect, it } from 'vitest';
import { type Contender, seatOutcome } from '../../functions/election-day/majority.js';
import {
  candidateListCheck,
  candidatesNeeded,
  hasPartyMajority,
  hasQuorum,
  hasVote,
  isBallotValid,
  noVoteReason,
  partyOutcome,
  quorumNeeded,
  superiorCommitteeOf,
} from '../../functions/party-branch/rules.js';

const c = (name: string, votes: number): Contender => ({ candidateId: `id-${name}`, name, votes });
const names = (list: Contender[]) => list.map((x) => x.name);

describe('who votes and stands (条例第五条)', () => {
  it.each([
    ['a full member', { status: 'full', suspended: false, transferredOut: false }, true],
    ['a probationary member', { status: 'probationary', suspended: false, transferredOut: false }, false],
    ['a full member under 留党察看', { status: 'full', suspended: true, transferredOut: false }, false],
    ['a full member transferred out', { status: 'full', suspended: false, transferredOut: true }, false],
  ] as const)('%s → %s', (_, m, vote) => {
    expect(hasVote(m)).toBe(vote);
    expect(noVoteReason(m) === null).toBe(vote);
  });
});

describe('the quorum: more than four fifths of those entitled present', () => {
  it.each([
    [10, 8, false, 'exactly four fifths is not enough'],
    [10, 9, true, 'one more is'],
    [5, 4, false, '4 of 5 is exactly four fifths'],
    [5, 5, true, 'all five'],
    [9, 8, true, '8 of 9 is more than 7.2'],
    [9, 7, false, '7 of 9 is not'],
    [0, 0, false, 'an empty roll holds no meeting'],
  ])('%i entitled, %i present → %s (%s)', (entitled, present, ok) => {
    expect(hasQuorum(present, entitled)).toBe(ok);
    if (entitled > 0) expect(present >= quorumNeeded(entitled)).toBe(ok);
  });
  it('names the fewest present that hold a quorum', () => {
    expect([5, 9, 10, 12].map(quorumNeeded)).toEqual([5, 8, 9, 10]);
  });
});

describe('a candidate’s majority: yes-votes from more than half of those entitled', () => {
  it.each([
    [5, 10, false, 'exactly half is not'],
    [6, 10, true, 'one more is'],
    [5, 9, true, '5 of 9'],
    [4, 9, false, '4 of 9'],
  ])('%i yes of %i entitled → %s (%s)', (yes, entitled, ok) => {
    expect(hasPartyMajority(yes, entitled)).toBe(ok);
  });
});

describe('the 20 % surplus, rounded up, and 等额 for the committee’s meeting', () => {
  it.each([
    [5, 6],
    [3, 4],
    [7, 9],
    [10, 12],
    [1, 2],
  ])('%i seats need at least %i candidates', (seats, need) => {
    expect(candidatesNeeded(seats)).toBe(need);
  });
  it('refuses 5 candidates for 5 seats and takes 6', () => {
    expect(candidateListCheck('members', 5, 5).ok).toBe(false);
    expect(candidateListCheck('members', 5, 5).detail).toContain('至少6名');
    expect(candidateListCheck('members', 5, 6).ok).toBe(true);
  });
  it('takes exactly as many candidates as seats for secretary and deputy, no more and no fewer', () => {
    expect(candidateListCheck('committee', 2, 2).ok).toBe(true);
    expect(candidateListCheck('committee', 2, 3).ok).toBe(false);
    expect(candidateListCheck('committee', 2, 1).ok).toBe(false);
  });
});

describe('invalid ballots: more yes-marks than seats', () => {
  it.each([
    [5, 5, true],
    [4, 5, true],
    [6, 5, false],
    [0, 5, true],
  ])('%i yes-marks for %i seats → valid %s', (marks, seats, ok) => {
    expect(isBallotValid(marks, seats)).toBe(ok);
  });
});

describe('the main vote (10 entitled, 9 present)', () => {
  const base = { entitled: 10, present: 9, ballotsCast: 9 };
  it('elects those with more than half of the entitled, by most votes up to the seats', () => {
    const r = partyOutcome('main', { ...base, seats: 2, contenders: [c('A', 9), c('B', 8), c('C', 7), c('D', 2)] });
    expect(names(r.elected)).toEqual(['A', 'B']);
    expect(r.tie).toEqual([]);
    expect(r.runoffSeats).toBe(0);
  });
  it('elects nobody with exactly half of the entitled, even the most voted', () => {
    const r = partyOutcome('main', { ...base, seats: 1, contenders: [c('A', 5), c('B', 4)] });
    expect(r.elected).toEqual([]);
    expect(r.runoffSeats).toBe(1);
  });
  it('counts the majority against the entitled, not against the ballots cast (5 of 9 cast is not enough of 10)', () => {
    const party = partyOutcome('main', { ...base, seats: 1, contenders: [c('A', 5), c('B', 4)] });
    const residents = seatOutcome('main', { registered: 10, ballotsCast: 9, seats: 1, contenders: [c('A', 5), c('B', 4)] });
    expect(party.elected).toEqual([]);
    expect(names(residents.elected)).toEqual(['A']);
  });
  it('sends a tie at the last seat to a re-vote among the tied', () => {
    const r = partyOutcome('main', { ...base, seats: 2, contenders: [c('A', 9), c('B', 7), c('C', 7), c('D', 1)] });
    expect(names(r.elected)).toEqual(['A']);
    expect(names(r.tie).sort()).toEqual(['B', 'C']);
    expect(r.tieSeats).toBe(1);
  });
  it('leaves seats for a further election with a field 20 % larger than the seats left', () => {
    const r = partyOutcome('main', { ...base, seats: 5, contenders: [c('A', 9), c('B', 6), c('C', 5), c('D', 5), c('E', 3), c('F', 2)] });
    expect(names(r.elected)).toEqual(['A', 'B']);
    expect(r.runoffSeats).toBe(3);
    expect(names(r.runoff)).toEqual(['C', 'D', 'E', 'F']);
  });
  it('elects nobody without a quorum: exactly four fifths present', () => {
    const r = partyOutcome('main', { entitled: 10, present: 8, ballotsCast: 8, seats: 1, contenders: [c('A', 8)] });
    expect(r.elected).toEqual([]);
  });
  it('5 seats with 6 candidates, every one above half: the five most voted', () => {
    const r = partyOutcome('main', { ...base, seats: 5, contenders: [c('A', 9), c('B', 9), c('C', 8), c('D', 8), c('E', 7), c('F', 6)] });
    expect(names(r.elected)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});

describe('later rounds', () => {
  const base = { entitled: 10, present: 9, ballotsCast: 9 };
  it('a re-vote among the tied: most votes win', () => {
    const r = partyOutcome('tie', { ...base, seats: 1, contenders: [c('B', 5), c('C', 4)] });
    expect(names(r.elected)).toEqual(['B']);
  });
  it('a tie again is voted again', () => {
    const r = partyOutcome('tie', { ...base, seats: 1, contenders: [c('B', 4), c('C', 4)] });
    expect(r.elected).toEqual([]);
    expect(r.tieSeats).toBe(1);
  });
  it('a further election still needs more than half of the entitled (no third as for residents)', () => {
    const r = partyOutcome('further', { ...base, seats: 1, contenders: [c('C', 5), c('D', 4)] });
    expect(r.elected).toEqual([]);
    expect(r.runoffSeats).toBe(1);
    const won = partyOutcome('further', { ...base, seats: 1, contenders: [c('C', 6), c('D', 3)] });
    expect(names(won.elected)).toEqual(['C']);
  });
});

describe('whom the papers are addressed to: the township or subdistrict of the community’s region', () => {
  it.each([
    ['甘肃省八珠乡', '八珠乡党委'],
    ['甘肃省临夏回族自治州和政县城关镇', '城关镇党委'],
    ['北京市朝阳区望京街道', '望京街道党工委'],
    // A region that names no township says the superior committee in general words.
    ['甘肃省', '上级党委'],
    ['', '上级党委'],
  ])('%s → %s', (region, addressee) => {
    expect(superiorCommitteeOf(region)).toBe(addressee);
  });
});
