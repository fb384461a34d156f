import { describe, expect, it } from 'vitest';
import { looksLikeFormula } from '../../functions/_platform/spreadsheet.js';
import {
  ageOn,
  deadlines,
  defaultRules,
  ElectionRules,
  ElectionSeats,
  isOfVotingAge,
  isVoterListOnTime,
  phaseOn,
  proxyApplicationsOpen,
  readRules,
  todoFor,
} from '../../functions/elections/rules.js';

const rules = defaultRules();

describe('age on election day', () => {
  it.each([
    ['2008-12-20', '2026-12-20', 18],
    ['2008-12-21', '2026-12-20', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-29', 20],
    ['2010-02-28', '2028-02-29', 18],
    ['1956-09-08', '2026-09-07', 69],
  ])('born %s is %i years old on %s', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('takes the rule’s minimum age', () => {
    expect(isOfVotingAge('2008-12-20', '2026-12-20', rules)).toBe(true);
    expect(isOfVotingAge('2008-12-20', '2026-12-20', { minVoterAge: 19 })).toBe(false);
  });
});

describe('deadlines', () => {
  it('counts back from election day in China time', () => {
    // The 2026 law's 20 days for the voter list, 5 for the candidates.
    expect(deadlines('2026-12-20', rules)).toEqual({
      voterListNoticeBy: '2026-11-30',
      candidateListBy: '2026-12-15',
      proxyApplyBy: '2026-12-18',
      proxyApplyClosesAt: '2026-12-18T16:00:00.000Z',
      electionDay: '2026-12-20',
      resultsNoticeBy: '2026-12-20',
    });
  });

  it('closes proxy applications at 00:00 China time the day before', () => {
    expect(proxyApplicationsOpen(new Date('2026-12-18T15:59:59Z'), '2026-12-20', rules)).toBe(true);
    expect(proxyApplicationsOpen(new Date('2026-12-18T16:00:00Z'), '2026-12-20', rules)).toBe(false);
  });

  it('takes a voter list published on its last day, China time, and not a minute into the next', () => {
    // Election day 2026-12-31, 10 days (the founding plan's): the last day is 2026-12-21, which
    // ends at 2026-12-21T16:00Z.
    const tenDays = { voterListNoticeDays: 10 };
    expect(isVoterListOnTime(new Date('2026-12-21T15:59:59Z'), '2026-12-31', tenDays)).toBe(true);
    expect(isVoterListOnTime(new Date('2026-12-21T16:00:00Z'), '2026-12-31', tenDays)).toBe(false);
    expect(isVoterListOnTime(new Date('2026-12-20T16:00:00Z'), '2026-12-31', { voterListNoticeDays: 11 })).toBe(false);
    expect(isVoterListOnTime(new Date('2026-11-30T15:59:59Z'), '2026-12-20', rules)).toBe(true);
  });
});

describe('the plan’s phases', () => {
  it.each([
    ['2026-10-01', 'preparation'],
    ['2026-10-31', 'preparation'],
    ['2026-11-01', 'mobilisation'],
    ['2026-11-30', 'mobilisation'],
    ['2026-12-01', 'implementation'],
    ['2026-12-20', 'implementation'],
    ['2026-12-21', 'review'],
  ])('on %s the election of 20 December is in %s', (today, phase) => {
    expect(phaseOn(today, '2026-12-20', rules)).toBe(phase);
  });
});

describe('what is left to do in each phase', () => {
  const all = ['voter_list', 'candidates', 'election_day', 'proxy_list', 'results'];

  it('asks for the household visits while nobody is registered, and for representatives until every group has its own', () => {
    expect(todoFor('mobilisation', { voters: 0, groups: 8, confirmedRepresentatives: 7, missingNotices: all })).toEqual([
      '入户登记选民',
      '各居民小组推荐居民代表',
      '公布选民名单',
    ]);
    expect(todoFor('mobilisation', { voters: 1, groups: 8, confirmedRepresentatives: 8, missingNotices: [] })).toEqual([]);
    expect(todoFor('mobilisation', { voters: 1, groups: 8 })).toEqual(['各居民小组推荐居民代表']);
    expect(todoFor('mobilisation', { voters: 1, groups: 0 })).toEqual([]);
  });

  it('adds the candidate list and the polling preparations once the meeting phase begins', () => {
    expect(todoFor('implementation', { voters: 5, missingNotices: all })).toEqual(['公布选民名单', '公布候选人名单', '准备选票、票箱和委托投票，培训工作人员']);
    expect(todoFor('implementation', { voters: 5, missingNotices: ['results'] })).toEqual(['准备选票、票箱和委托投票，培训工作人员']);
  });

  it('asks for publicity during preparation', () => {
    expect(todoFor('preparation', { voters: 0, missingNotices: ['candidates'] })).toEqual(['入户登记选民', '宣传选举程序、候选人条件和投票办法']);
  });

  it('after election day asks only for the results notice (while missing) and the review', () => {
    expect(todoFor('review', { voters: 0, groups: 8, missingNotices: all })).toEqual(['张榜公布选举结果', '回头检视：总结选举工作，整改发现的问题']);
    expect(todoFor('review', { voters: 0, missingNotices: ['voter_list'] })).toEqual(['回头检视：总结选举工作，整改发现的问题']);
    expect(todoFor('review', { voters: 0 })).toEqual(['回头检视：总结选举工作，整改发现的问题']);
  });
});

describe('spreadsheet cells', () => {
  it.each([
    ['=HYPERLINK("x")', true],
    ['+86', true],
    ['-1', true],
    ['@SUM(A1)', true],
    ['\tx', true],
    ['\rx', true],
    ['张=三', false],
    ['a-b', false],
    ['王小明', false],
    ['', false],
  ])('takes %j for a formula: %s', (text, formula) => {
    expect(looksLikeFormula(text)).toBe(formula);
  });
});

describe('validation of rules and seats', () => {
  it('refuses negative ages and zero quotas', () => {
    expect(ElectionRules.safeParse({ minVoterAge: -1 }).success).toBe(false);
    expect(ElectionRules.safeParse({ repsPerGroup: 0 }).success).toBe(false);
    expect(ElectionRules.safeParse({ maxProxiesPerVoter: 0 }).success).toBe(false);
    expect(ElectionRules.safeParse({ candidateSurplus: { members: -1 } }).success).toBe(false);
  });
  it('holds the committee to five to nine members with one director', () => {
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 1, members: 3 }).success).toBe(true);
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 0, members: 3 }).success).toBe(false);
    expect(ElectionSeats.safeParse({ director: 2, deputyDirector: 1, members: 3 }).success).toBe(false);
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 2, members: 7 }).success).toBe(false);
    // Nine in all is still allowed, however they are split.
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 3, members: 5 }).success).toBe(true);
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 0, members: 8 }).success).toBe(true);
    expect(ElectionSeats.safeParse({ director: 1, deputyDirector: 0, members: 4 }).success).toBe(true);
  });
});

describe('rulebooks and deadlines read once, in bounded memory', () => {
  it('reads a stored rulebook once: the same row, or the same text in another row, gives the same frozen rules', () => {
    const stored = { voterListNoticeDays: 21 };
    const first = readRules(stored);
    expect(first.voterListNoticeDays).toBe(21);
    expect(first.minVoterAge).toBe(defaultRules().minVoterAge);
    expect(readRules(stored)).toBe(first);
    expect(readRules({ voterListNoticeDays: 21 })).toBe(first);
    expect(readRules({ voterListNoticeDays: 22 })).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.candidateSurplus)).toBe(true);
    // No rules stored (an election made before the rulebook) reads as the law's defaults.
    expect(readRules(null)).toEqual(defaultRules());
    expect(readRules(null)).toBe(readRules(undefined));
  });

  it('forgets the rulebooks read once a thousand are held, and reads them again', () => {
    const first = readRules({ voterListNoticeDays: 23 });
    // A thousand other stored texts (a field the rulebook does not know makes each its own).
    for (let i = 0; i < 1000; i++) readRules({ voterListNoticeDays: 23, version: i });
    const again = readRules({ voterListNoticeDays: 23 });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('computes an election’s deadlines once per rulebook and day, frozen, and forgets them after a hundred days', () => {
    const book = readRules({ voterListNoticeDays: 24 });
    const d = deadlines('2027-05-01', book);
    expect(d.voterListNoticeBy).toBe('2027-04-07');
    expect(deadlines('2027-05-01', book)).toBe(d);
    expect(Object.isFrozen(d)).toBe(true);
    const other = deadlines('2027-05-02', book);
    expect(other.voterListNoticeBy).toBe('2027-04-08');
    expect(deadlines('2027-05-01', book)).toBe(d);
    for (let i = 0; i < 100; i++) deadlines(`2028-01-${String((i % 28) + 1).padStart(2, '0')}`, readRules({ voterListNoticeDays: 24 }));
    for (let m = 1; m <= 12; m++) for (let day = 1; day <= 9; day++) deadlines(`2029-${String(m).padStart(2, '0')}-0${day}`, book);
    const recomputed = deadlines('2027-05-01', book);
    expect(recomputed).not.toBe(d);
    expect(recomputed).toEqual(d);
    // Another rulebook's deadlines are its own.
    expect(deadlines('2027-05-01', readRules({ voterListNoticeDays: 30 })).voterListNoticeBy).toBe('2027-04-01');
  });
});
