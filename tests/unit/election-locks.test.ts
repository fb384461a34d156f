import { describe, expect, it } from 'vitest';
import { chinaMomentZh, type ElectionAct, type ElectionStage, electionActs, lockOf } from '../../functions/elections/locks.js';

// 2027-05-06 09:00, 05-11 10:30, 05-16 08:00 and 05-16 17:30, China time.
const noticeAt = new Date('2027-05-06T01:00:00Z');
const candidatesAt = new Date('2027-05-11T02:30:00Z');
const ballotAt = new Date('2027-05-16T00:00:00Z');
const resultsAt = new Date('2027-05-16T09:30:00Z');

const none: ElectionStage = { voterListNoticeAt: null, candidatesPublishedAt: null, firstBallotAt: null, resultsPublishedAt: null };
const noticed: ElectionStage = { ...none, voterListNoticeAt: noticeAt };
const listed: ElectionStage = { ...noticed, candidatesPublishedAt: candidatesAt };
const voting: ElectionStage = { ...listed, firstBallotAt: ballotAt };
const published: ElectionStage = { ...voting, resultsPublishedAt: resultsAt };

const byNotice = '选民名单已于2027年5月6日09:00公告，此后只能由选举委员会对异议作出决定并写明理由后更改，不能直接登记或移出选民。';
const byCandidates = '候选人名单已于2027年5月11日10:30公布，应选名额、选举规则和候选人都已固定，不能再修改。';
const byBallot = '选票已于2027年5月16日08:00开始发放，选举日、选举工作人员和选民名单都已固定，不能再修改。';
const byResults = '选举结果已于2027年5月16日17:30公布，选举的各项内容都已固定，不能再修改。';

/** What each act meets at each stage: null is open. */
const table: Record<ElectionAct, [ElectionStage, string | null][]> = {
  title: [
    [voting, null],
    [published, byResults],
  ],
  electionDay: [
    [listed, null],
    [voting, byBallot],
    [published, byResults],
  ],
  officials: [
    [listed, null],
    [voting, byBallot],
    [published, byResults],
  ],
  seats: [
    [noticed, null],
    [listed, byCandidates],
    [voting, byCandidates],
    [published, byResults],
  ],
  rules: [
    [noticed, null],
    [listed, byCandidates],
    [published, byResults],
  ],
  mode: [
    [noticed, null],
    [listed, byCandidates],
    [published, byResults],
  ],
  candidates: [
    [noticed, null],
    [listed, byCandidates],
    [voting, byCandidates],
    [published, byResults],
  ],
  voters: [
    [none, null],
    [noticed, byNotice],
    [listed, byNotice],
    [voting, byBallot],
    [published, byResults],
  ],
  nominations: [
    [voting, null],
    [published, byResults],
  ],
  proxies: [
    [voting, null],
    [published, byResults],
  ],
};

describe('what each step of an election fixes', () => {
  it('has a row for every act', () => {
    expect(Object.keys(table).sort()).toEqual([...electionActs].sort());
  });

  it('leaves every act open before any step', () => {
    for (const act of electionActs) expect(lockOf(act, none)).toBeNull();
  });

  const stageName = new Map([
    [none, 'before any step'],
    [noticed, 'after the voter list notice'],
    [listed, 'after the candidate list'],
    [voting, 'after the first ballot'],
    [published, 'after the results'],
  ]);
  it.each(Object.entries(table).flatMap(([act, rows]) => rows.map(([stage, detail]) => [act as ElectionAct, stageName.get(stage)!, stage, detail] as const)))(
    '%s %s',
    (act, _name, stage, detail) => {
      expect(lockOf(act, stage)?.detail ?? null).toBe(detail);
    },
  );

  it('lets a recorded decision change the voter list after its notice, but not from the first ballot', () => {
    expect(lockOf('voters', noticed, { byDecision: true })).toBeNull();
    expect(lockOf('voters', listed, { byDecision: true })).toBeNull();
    expect(lockOf('voters', voting, { byDecision: true })?.detail).toBe(byBallot);
    expect(lockOf('voters', published, { byDecision: true })?.detail).toBe(byResults);
  });

  it('locks seats, rules and candidates at a ballot handed out before the candidate list, naming the ballot', () => {
    const early: ElectionStage = { ...none, firstBallotAt: ballotAt };
    for (const act of ['seats', 'rules', 'mode', 'candidates'] as const) {
      expect(lockOf(act, early)?.detail).toBe('选票已于2027年5月16日08:00开始发放，应选名额、选举规则和候选人都已固定，不能再修改。');
    }
    expect(lockOf('title', early)).toBeNull();
  });

  it('names each moment in China time, to the minute, across midnight', () => {
    expect(chinaMomentZh(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日00:05');
    expect(chinaMomentZh(new Date('2026-12-07T02:30:59Z'))).toBe('2026年12月7日10:30');
  });
});
