import { describe, expect, it } from 'vitest';
import { candidateNominationStatuses } from '../../db/schema/index.js';
import {
  canAnswer,
  canSign,
  counts,
  fixFromNominations,
  fixFromPreliminary,
  isLive,
  nominationWindow,
  type Tally,
  windowRefusal,
  windowState,
  withinQuota,
} from '../../functions/candidate-nominations/rules.js';

/** Nominees written as `name:nominations`. */
const t = (...spec: string[]): Tally[] =>
  spec.map((s) => {
    const [name, n] = s.split(':') as [string, string];
    return { residentId: name, name, nominations: Number(n) };
  });
const names = (list: readonly Tally[]) => list.map((x) => x.name);
const noPreliminary = { surplus: 1, preliminaryAbove: 0 };

describe('fixing 正式候选人 from the nominations, most first', () => {
  it.each([
    // [what, tallies, seats, surplus, chosen, tied]
    ['takes seats + surplus by count', t('甲:5', '乙:4', '丙:3', '丁:1'), 1, 1, ['甲', '乙'], []],
    // Equal counts in the default collator's order (pinyin: 丙 bǐng, 甲 jiǎ, 乙 yǐ).
    ['takes a tie at the cut-off in whole', t('甲:5', '乙:3', '丙:3', '丁:1'), 1, 1, ['甲', '丙', '乙'], ['丙', '乙']],
    ['takes a tie of everyone in whole', t('甲:2', '乙:2', '丙:2'), 1, 1, ['丙', '甲', '乙'], ['丙', '甲', '乙']],
    ['leaves out a tie below the cut-off', t('甲:5', '乙:4', '丙:2', '丁:2'), 1, 1, ['甲', '乙'], []],
    ['takes exactly enough nominees', t('甲:1', '乙:1'), 1, 1, ['甲', '乙'], []],
    ['counts a list of several seats', t('甲:9', '乙:8', '丙:7', '丁:6', '戊:5', '己:4', '庚:4'), 4, 1, ['甲', '乙', '丙', '丁', '戊'], []],
    ['ignores nominees with no accepted nomination', t('甲:2', '乙:1', '丙:0'), 1, 1, ['甲', '乙'], []],
    ['takes seats only when the surplus is 0 (a recorded basis)', t('甲:2', '乙:1'), 1, 0, ['甲'], []],
  ] as const)('%s', (_, tallies, seats, surplus, chosen, tied) => {
    const out = fixFromNominations(tallies, seats, { surplus, preliminaryAbove: 0 });
    expect(out.outcome).toBe('fixed');
    if (out.outcome !== 'fixed') return;
    expect(names(out.chosen)).toEqual(chosen);
    expect(names(out.tieAtCutOff)).toEqual(tied);
    expect(out.need).toBe(seats + surplus);
  });

  it.each([
    ['one nominee for one seat (等额)', t('甲:3'), 1, 2, 1],
    ['a declined nominee counted as none', t('甲:3', '乙:0'), 1, 2, 1],
    ['four nominees for four members', t('甲:1', '乙:1', '丙:1', '丁:1'), 4, 5, 4],
    ['nobody nominated', [], 1, 2, 0],
  ] as const)('refuses too few: %s', (_, tallies, seats, need, have) => {
    expect(fixFromNominations(tallies, seats, noPreliminary)).toEqual({ outcome: 'too_few', need, have });
  });

  it('sends a tie at the cut-off to a preliminary vote among the tied when the rulebook asks for one', () => {
    const out = fixFromNominations(t('甲:5', '乙:3', '丙:3'), 1, { surplus: 1, preliminaryAbove: 2 });
    expect(out).toMatchObject({ outcome: 'preliminary', reason: 'tie' });
    if (out.outcome === 'preliminary') expect(names(out.among)).toEqual(['丙', '乙']);
  });

  it('sends more nominees than seats × (1 + preliminaryAbove) to a preliminary vote among them all, and not one fewer', () => {
    expect(fixFromNominations(t('甲:5', '乙:4', '丙:3', '丁:2'), 1, { surplus: 1, preliminaryAbove: 2 })).toMatchObject({
      outcome: 'preliminary',
      reason: 'too_many',
    });
    expect(fixFromNominations(t('甲:5', '乙:4', '丙:3'), 1, { surplus: 1, preliminaryAbove: 2 })).toMatchObject({ outcome: 'fixed' });
  });

  it('orders the chosen by count, then by the collator given', () => {
    const out = fixFromNominations(t('乙:1', '甲:1', '丙:4'), 1, noPreliminary, (a, b) => (a < b ? -1 : 1));
    // Code points: 乙 (U+4E59) before 甲 (U+7532).
    expect(out.outcome === 'fixed' && names(out.chosen)).toEqual(['丙', '乙', '甲']);
  });
});

describe('the nomination window', () => {
  const w = nominationWindow(new Date('2028-02-21T01:00:00Z'), '2028-03-20', { nominationClosesDaysBefore: 7 });

  it('closes at 00:00 China time seven days before election day, the day before being the last', () => {
    expect(w.closesAt.toISOString()).toBe('2028-03-12T16:00:00.000Z');
    expect(w.lastDay).toBe('2028-03-12');
  });

  it.each([
    ['2028-02-21T00:59:59.999Z', 'not_open'],
    ['2028-02-21T01:00:00.000Z', 'open'],
    ['2028-03-12T15:59:59.999Z', 'open'],
    ['2028-03-12T16:00:00.000Z', 'closed'],
  ] as const)('at %s is %s', (now, state) => {
    expect(windowState(new Date(now), w)).toBe(state);
  });

  it('is not open at all without the voter list notice, and says why in words naming the last day', () => {
    const none = nominationWindow(null, '2028-03-20', { nominationClosesDaysBefore: 7 });
    expect(windowState(new Date('2028-03-01T00:00:00Z'), none)).toBe('not_open');
    expect(windowRefusal('not_open', none)).toContain('2028年3月12日24时截止');
    expect(windowRefusal('closed', none)).toBe('候选人提名已于2028年3月12日24时截止，不能再提名、联名或答复。');
    expect(windowRefusal('open', none)).toBeNull();
  });
});

describe('statuses and the quota', () => {
  it.each(candidateNominationStatuses.map((s) => [s]))(
    '%s: counts only when accepted, signs only awaiting signatures, answered only awaiting acceptance',
    (s) => {
      expect(counts(s)).toBe(s === 'accepted');
      expect(canSign(s)).toBe(s === 'awaiting_signatures');
      expect(canAnswer(s)).toBe(s === 'awaiting_acceptance');
      expect(isLive(s)).toBe(s !== 'declined' && s !== 'withdrawn');
    },
  );

  it('lets a voter name as many as the seat has places, and no more', () => {
    expect(withinQuota(0, 1)).toBe(true);
    expect(withinQuota(1, 1)).toBe(false);
    expect(withinQuota(3, 4)).toBe(true);
    expect(withinQuota(4, 4)).toBe(false);
  });
});

describe('fixFromPreliminary: 正式候选人 by the votes of a preliminary vote (预选)', () => {
  const rules = { surplus: 1, preliminaryAbove: 1 };
  const sentFor = (tallies: ReturnType<typeof t>, seats: number) => {
    const out = fixFromNominations(tallies, seats, rules);
    if (out.outcome !== 'preliminary') throw new Error(`expected a preliminary vote, got ${out.outcome}`);
    return out;
  };
  const ids = (list: { name: string }[]) => list.map((x) => x.name);

  it('takes the most votes among all nominees when there were too many', () => {
    const tallies = t('甲:5', '乙:4', '丙:3', '丁:2');
    const sent = sentFor(tallies, 1);
    expect(sent.reason).toBe('too_many');
    const votes = [
      { residentId: '丁', votes: 40 },
      { residentId: '甲', votes: 10 },
      { residentId: '乙', votes: 30 },
      { residentId: '丙', votes: 5 },
    ];
    const out = fixFromPreliminary(sent, tallies, votes);
    expect(out.outcome).toBe('fixed');
    expect(ids((out as { chosen: { name: string }[] }).chosen)).toEqual(['丁', '乙']);
  });

  it('keeps those above a nomination tie and fills the tied places by the vote', () => {
    // Two seats, 3 needed: 甲 is above the tie of 乙, 丙, 丁 at 3 nominations.
    const tallies = t('甲:6', '乙:3', '丙:3', '丁:3');
    const sent = sentFor(tallies, 2);
    expect(sent.reason).toBe('tie');
    const out = fixFromPreliminary(sent, tallies, [
      { residentId: '乙', votes: 8 },
      { residentId: '丙', votes: 12 },
      { residentId: '丁', votes: 3 },
    ]);
    expect(ids((out as { chosen: { name: string }[] }).chosen)).toEqual(['甲', '丙', '乙']);
  });

  it('sends a tie at the new cut-off back to a vote among the tied', () => {
    const tallies = t('甲:5', '乙:4', '丙:3', '丁:2');
    const out = fixFromPreliminary(sentFor(tallies, 1), tallies, [
      { residentId: '甲', votes: 20 },
      { residentId: '乙', votes: 9 },
      { residentId: '丙', votes: 9 },
      { residentId: '丁', votes: 1 },
    ]);
    expect(out).toMatchObject({ outcome: 'tie', need: 2 });
    expect(ids((out as { among: { name: string }[] }).among).sort()).toEqual(['丙', '乙']);
  });

  it('refuses votes that leave out a nominee of the field or name someone outside it', () => {
    const tallies = t('甲:5', '乙:4', '丙:3', '丁:2');
    const sent = sentFor(tallies, 1);
    const out = fixFromPreliminary(sent, tallies, [
      { residentId: '甲', votes: 20 },
      { residentId: '乙', votes: 9 },
      { residentId: '丙', votes: 9 },
      { residentId: '戊', votes: 1 },
    ]);
    expect(out).toMatchObject({ outcome: 'wrong_field', extra: ['戊'] });
    expect(ids((out as { missing: { name: string }[] }).missing)).toEqual(['丁']);
  });
});
