import { describe, expect, it } from 'vitest';
import { type DeskFacts, deskSteps, missedOnCreation, type StepKey } from '../../functions/election-desk/steps.js';

/** An election on 20 June 2027 by all voters, looked at on 1 May: nothing done yet but 12 voters. */
const base: DeskFacts = {
  today: '2027-05-01',
  electionDay: '2027-06-20',
  mode: 'voters',
  deadlines: { voterListNoticeBy: '2027-05-31', candidateListBy: '2027-06-15', proxyApplyBy: '2027-06-18' },
  objectionDays: 5,
  nominationsLastDay: '2027-06-12',
  voterListNoticeAt: null,
  candidatesPublishedAt: null,
  firstBallotAt: null,
  resultsPublishedAt: null,
  voters: 12,
  households: { withVoters: 5, named: 0 },
  representatives: { confirmed: 0, pending: 0, groups: 6, perGroup: 2 },
  objections: { open: 0, overdue: 0 },
  nominations: { accepted: 0 },
  candidates: { have: 0, need: 7 },
  proxies: { awaiting: 0, approved: 0 },
  officials: { counters: 0, clerks: 0, monitors: 0 },
  ballots: 0,
  tallies: 0,
};
const at = (iso: string) => new Date(iso);
const stateOf = (facts: Partial<DeskFacts>, key: StepKey) => deskSteps({ ...base, ...facts }).find((s) => s.key === key);

describe("the committee's desk: the election's steps in the law's order", () => {
  it('lists the steps in order, households only in an election by households', () => {
    expect(deskSteps(base).map((s) => s.key)).toEqual([
      'voters',
      'voterList',
      'objections',
      'representatives',
      'nominations',
      'candidates',
      'proxies',
      'officials',
      'printing',
      'desk',
      'count',
      'results',
    ]);
    expect(deskSteps({ ...base, mode: 'households' }).map((s) => s.key)).toContain('households');
  });

  it.each<[string, Partial<DeskFacts>, StepKey, string, string | null]>([
    // [what, facts, step, state, waiting for]
    ['the voter list is due by its day', {}, 'voterList', 'due', null],
    ['the voter list is due on its last day', { today: '2027-05-31' }, 'voterList', 'due', null],
    ['the voter list is late the day after', { today: '2027-06-01' }, 'voterList', 'late', null],
    ['the voter list waits for voters', { voters: 0 }, 'voterList', 'waiting', '先登记选民'],
    ['the voter list is done once on the wall', { voterListNoticeAt: at('2027-05-20T01:00:00Z') }, 'voterList', 'done', null],
    ['objections wait for the list', {}, 'objections', 'waiting', '选民名单公布后才能提出异议'],
    ['objections are open in their window', { today: '2027-05-22', voterListNoticeAt: at('2027-05-20T01:00:00Z') }, 'objections', 'open', null],
    [
      'objections are late with one overdue',
      { today: '2027-05-30', voterListNoticeAt: at('2027-05-20T01:00:00Z'), objections: { open: 1, overdue: 1 } },
      'objections',
      'late',
      null,
    ],
    ['objections are done after the window with none open', { today: '2027-05-26', voterListNoticeAt: at('2027-05-20T01:00:00Z') }, 'objections', 'done', null],
    ['objections stay open on the window’s last day', { today: '2027-05-25', voterListNoticeAt: at('2027-05-20T01:00:00Z') }, 'objections', 'open', null],
    ['nominations wait for the list', {}, 'nominations', 'waiting', '选民名单公布后开始提名'],
    ['nominations are open after the list', { voterListNoticeAt: at('2027-05-20T01:00:00Z'), today: '2027-06-12' }, 'nominations', 'open', null],
    ['nominations are done after their last day', { voterListNoticeAt: at('2027-05-20T01:00:00Z'), today: '2027-06-13' }, 'nominations', 'done', null],
    ['candidates wait for nominations to close', { today: '2027-06-10' }, 'candidates', 'waiting', '提名6月12日截止后按提名票数确定'],
    ['candidates are due once nominations closed', { today: '2027-06-13' }, 'candidates', 'due', null],
    ['candidates are late after their day', { today: '2027-06-16' }, 'candidates', 'late', null],
    ['candidates are done when published', { today: '2027-06-16', candidatesPublishedAt: at('2027-06-14T02:00:00Z') }, 'candidates', 'done', null],
    ['representatives are open where all voters vote', {}, 'representatives', 'open', null],
    ['representatives are due where they vote', { mode: 'representatives' }, 'representatives', 'due', null],
    [
      'representatives are done with every group’s',
      { representatives: { confirmed: 12, pending: 0, groups: 6, perGroup: 2 } },
      'representatives',
      'done',
      null,
    ],
    ['households are due until every one is named', { mode: 'households', households: { withVoters: 5, named: 4 } }, 'households', 'due', null],
    ['households are done when every one is named', { mode: 'households', households: { withVoters: 5, named: 5 } }, 'households', 'done', null],
    ['proxies are open with applications waiting', { proxies: { awaiting: 2, approved: 0 } }, 'proxies', 'open', null],
    ['proxies are late when still waiting on the day', { today: '2027-06-20', proxies: { awaiting: 1, approved: 0 } }, 'proxies', 'late', null],
    ['officials are due until two counters, a monitor and a clerk', { officials: { counters: 2, clerks: 1, monitors: 0 } }, 'officials', 'due', null],
    ['officials are done with two counters, a monitor and a clerk', { officials: { counters: 2, clerks: 1, monitors: 1 } }, 'officials', 'done', null],
    ['printing waits for the candidate list', {}, 'printing', 'waiting', '候选人名单公布后才能印选票'],
    [
      'the desk waits for the voter list first',
      { today: '2027-06-20', candidatesPublishedAt: at('2027-06-14T02:00:00Z') },
      'desk',
      'waiting',
      '先公布选民名单',
    ],
    ['the desk waits for the candidate list', { today: '2027-06-20', voterListNoticeAt: at('2027-05-20T01:00:00Z') }, 'desk', 'waiting', '先公布候选人名单'],
    [
      'the desk waits for election day',
      { today: '2027-06-19', voterListNoticeAt: at('2027-05-20T01:00:00Z'), candidatesPublishedAt: at('2027-06-14T02:00:00Z') },
      'desk',
      'waiting',
      '选举日（6月20日）当天发放',
    ],
    [
      'the desk is open on election day',
      { today: '2027-06-20', voterListNoticeAt: at('2027-05-20T01:00:00Z'), candidatesPublishedAt: at('2027-06-14T02:00:00Z') },
      'desk',
      'open',
      null,
    ],
    ['the results wait for the count', { today: '2027-06-20', tallies: 1 }, 'results', 'waiting', '计票结果核对一致后公布'],
    ['the results are due once two entries are in', { today: '2027-06-20', tallies: 2 }, 'results', 'due', null],
    ['the results are late the day after', { today: '2027-06-21', tallies: 2 }, 'results', 'late', null],
    ['the results are done when published', { today: '2027-06-21', tallies: 2, resultsPublishedAt: at('2027-06-20T10:00:00Z') }, 'results', 'done', null],
  ])('%s', (_what, facts, key, state, waitingFor) => {
    const step = stateOf(facts, key)!;
    expect(step.state).toBe(state);
    expect(step.waitingFor).toBe(waitingFor);
  });

  it('says where each step stands in figures', () => {
    expect(stateOf({ officials: { counters: 1, clerks: 1, monitors: 0 } }, 'officials')!.detail).toBe(
      '计票员 1 名、监票员 0 名、发票员 1 名（至少计票员2名、监票员1名、发票员1名）',
    );
    expect(stateOf({}, 'voterList')!.detail).toBe('须在5月31日前公布（选举日前20天）');
  });
});

describe('what a new election would already have missed', () => {
  const d = { voterListNoticeBy: '2027-05-31', candidateListBy: '2027-06-15', proxyApplyBy: '2027-06-18' };
  it('names nothing when every deadline is ahead', () => {
    expect(missedOnCreation('2027-05-31', '2027-06-20', d, '2027-06-12')).toEqual([]);
  });
  it('names the voter list from the day after its deadline', () => {
    expect(missedOnCreation('2027-06-01', '2027-06-20', d, '2027-06-12')).toEqual(['公布选民名单（应在5月31日前）']);
  });
  it('names every step on election day itself', () => {
    expect(missedOnCreation('2027-06-20', '2027-06-20', d, '2027-06-12')).toEqual([
      '公布选民名单（应在5月31日前）',
      '选民提名候选人（应在6月12日前截止）',
      '公布候选人名单（应在6月15日前）',
      '申请委托投票（应在6月18日前）',
    ]);
  });
});
