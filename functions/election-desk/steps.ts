import type { ElectionMode } from '../../db/schema/index.js';
import { addDays, chinaDate } from '../_shared/china-time.js';

/**
 * The committee's desk (选举工作): the election's steps in the law's order, each with its state,
 * its deadline, what it is waiting for and where it is done. Pure: the facts are gathered in one
 * statement (desk.ts), so a table of cases pins every state.
 *
 * The order: voters registered → the voter list on the wall (voterListNoticeDays before) →
 * objections decided (objectionDecisionDays each) → who votes for each household, or the
 * groups' representatives → voters nominate candidates (from the list's notice until
 * nominationClosesDaysBefore) → the 正式候选人 fixed and published (candidateNoticeDays before)
 * → entrustments decided → officials approved → ballots and voter cards printed → the ballot
 * desk on election day → the count → the results published on the day.
 */

export type StepState = 'done' | 'due' | 'late' | 'open' | 'waiting';

export interface Step {
  key: StepKey;
  title: string;
  state: StepState;
  /** China-time date the law wants it done by, where it does. */
  dueBy: string | null;
  /** When it was done, where that is a moment. */
  doneAt: string | null;
  /** What it is waiting for (state `waiting`), in the committee's words. */
  waitingFor: string | null;
  /** Where it stands, in a line. */
  detail: string;
}

export const stepKeys = [
  'voters',
  'voterList',
  'objections',
  'households',
  'representatives',
  'nominations',
  'candidates',
  'proxies',
  'officials',
  'printing',
  'desk',
  'count',
  'results',
] as const;
export type StepKey = (typeof stepKeys)[number];

export interface DeskFacts {
  today: string;
  electionDay: string;
  mode: ElectionMode;
  deadlines: { voterListNoticeBy: string; candidateListBy: string; proxyApplyBy: string };
  objectionDays: number;
  /** Nominations are taken until this China-time date (inclusive). */
  nominationsLastDay: string;
  voterListNoticeAt: Date | null;
  candidatesPublishedAt: Date | null;
  firstBallotAt: Date | null;
  resultsPublishedAt: Date | null;
  voters: number;
  households: { withVoters: number; named: number };
  representatives: { confirmed: number; pending: number; groups: number; perGroup: number };
  objections: { open: number; overdue: number };
  nominations: { accepted: number };
  candidates: { have: number; need: number };
  proxies: { awaiting: number; approved: number };
  officials: { counters: number; clerks: number; monitors: number };
  ballots: number;
  tallies: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** done when it is; else late past its date; else due. */
function deadlined(doneAt: Date | null, dueBy: string, today: string): Pick<Step, 'state' | 'dueBy' | 'doneAt'> {
  if (doneAt) return { state: 'done', dueBy, doneAt: doneAt.toISOString() };
  return { state: today > dueBy ? 'late' : 'due', dueBy, doneAt: null };
}

const dayZh = (date: string) => {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
};

export function deskSteps(f: DeskFacts): Step[] {
  const listed = !!f.voterListNoticeAt;
  const candidatesUp = !!f.candidatesPublishedAt;
  const over = !!f.resultsPublishedAt;
  const onTheDay = f.today >= f.electionDay;
  const steps: Step[] = [];
  const step = (key: StepKey, title: string, rest: Omit<Step, 'key' | 'title' | 'waitingFor'> & { waitingFor?: string | null }) =>
    steps.push({ key, title, waitingFor: null, ...rest });

  step('voters', '登记选民', {
    ...(listed
      ? { state: 'done', dueBy: f.deadlines.voterListNoticeBy, doneAt: iso(f.voterListNoticeAt) }
      : deadlined(null, f.deadlines.voterListNoticeBy, f.today)),
    detail: `已登记选民 ${f.voters} 人${listed ? '；名单已公布，此后只能通过异议决定更改' : ''}`,
  });
  step('voterList', '公布选民名单', {
    ...deadlined(f.voterListNoticeAt, f.deadlines.voterListNoticeBy, f.today),
    ...(f.voters === 0 && !listed ? { state: 'waiting', waitingFor: '先登记选民' } : {}),
    detail: listed
      ? '选民名单已张榜公布'
      : `须在${dayZh(f.deadlines.voterListNoticeBy)}前公布（选举日前${daysBetween(f.deadlines.voterListNoticeBy, f.electionDay)}天）`,
  });
  const objectionsEnd = f.voterListNoticeAt ? addDays(chinaDate(f.voterListNoticeAt), f.objectionDays) : null;
  step('objections', '处理选民名单异议', {
    state: !listed
      ? 'waiting'
      : f.objections.overdue > 0
        ? 'late'
        : f.objections.open > 0
          ? 'open'
          : objectionsEnd && f.today > objectionsEnd
            ? 'done'
            : 'open',
    dueBy: objectionsEnd,
    doneAt: null,
    waitingFor: listed ? null : '选民名单公布后才能提出异议',
    detail: listed
      ? `待处理 ${f.objections.open} 件${f.objections.overdue ? `，其中 ${f.objections.overdue} 件已超过3天期限` : ''}；异议期到${objectionsEnd ? dayZh(objectionsEnd) : ''}`
      : '名单公布后5天内可以提出异议，选举委员会3天内作出决定',
  });
  if (f.mode === 'households') {
    const missing = f.households.withVoters - f.households.named;
    step('households', '指定每户的投票人', {
      state: missing <= 0 && f.households.withVoters > 0 ? 'done' : f.firstBallotAt ? 'late' : 'due',
      dueBy: f.electionDay,
      doneAt: null,
      detail: `${f.households.named} 户已指定，还有 ${Math.max(missing, 0)} 户没有指定`,
    });
  }
  const wanted = f.representatives.groups * f.representatives.perGroup;
  step('representatives', '各小组推选居民代表', {
    state:
      f.representatives.confirmed >= wanted && wanted > 0
        ? 'done'
        : f.mode === 'representatives' && f.firstBallotAt
          ? 'late'
          : f.mode === 'representatives'
            ? 'due'
            : 'open',
    dueBy: f.mode === 'representatives' ? f.electionDay : null,
    doneAt: null,
    detail: `已确认 ${f.representatives.confirmed} 名，待确认 ${f.representatives.pending} 名（${f.representatives.groups} 个小组，每组 ${f.representatives.perGroup} 名）${f.mode === 'representatives' ? '；本次选举由居民代表投票' : ''}`,
  });
  const nominationsClosed = f.today > f.nominationsLastDay;
  step('nominations', '选民提名候选人', {
    state: !listed ? 'waiting' : nominationsClosed ? 'done' : 'open',
    dueBy: f.nominationsLastDay,
    doneAt: null,
    waitingFor: listed ? null : '选民名单公布后开始提名',
    detail: `已接受提名 ${f.nominations.accepted} 份；提名到${dayZh(f.nominationsLastDay)}截止`,
  });
  step('candidates', '确定并公布候选人名单', {
    ...deadlined(f.candidatesPublishedAt, f.deadlines.candidateListBy, f.today),
    ...(!candidatesUp && !nominationsClosed
      ? { state: f.today > f.deadlines.candidateListBy ? 'late' : 'waiting', waitingFor: `提名${dayZh(f.nominationsLastDay)}截止后按提名票数确定` }
      : {}),
    detail: candidatesUp
      ? '候选人名单已公布'
      : `正式候选人 ${f.candidates.have} 名（差额选举至少 ${f.candidates.need} 名）；须在${dayZh(f.deadlines.candidateListBy)}前公布`,
  });
  step('proxies', '审批委托投票', {
    state: f.proxies.awaiting > 0 ? (onTheDay ? 'late' : 'open') : f.today > f.deadlines.proxyApplyBy ? 'done' : 'open',
    dueBy: f.deadlines.proxyApplyBy,
    doneAt: null,
    detail: `待审批 ${f.proxies.awaiting} 份，已批准 ${f.proxies.approved} 份；申请到${dayZh(f.deadlines.proxyApplyBy)}截止`,
  });
  const staffed = f.officials.counters >= 2 && f.officials.clerks >= 1 && f.officials.monitors >= 1;
  step('officials', '确定计票、监票、发票人员', {
    state: staffed ? 'done' : f.firstBallotAt || f.today > f.electionDay ? 'late' : 'due',
    dueBy: f.electionDay,
    doneAt: null,
    detail: `计票员 ${f.officials.counters} 名、监票员 ${f.officials.monitors} 名、发票员 ${f.officials.clerks} 名（至少计票员2名、监票员1名、发票员1名）`,
  });
  step('printing', '打印选票和选民证', {
    state: candidatesUp ? (f.firstBallotAt ? 'done' : 'open') : 'waiting',
    dueBy: null,
    doneAt: null,
    waitingFor: candidatesUp ? null : '候选人名单公布后才能印选票',
    detail: candidatesUp ? '选票按公布的候选人名单排版，用A4纸打印' : '选票上印的是公布的候选人名单',
  });
  const deskReady = listed && candidatesUp;
  step('desk', '选举日发放选票', {
    state: over ? 'done' : !deskReady ? 'waiting' : onTheDay ? 'open' : 'waiting',
    dueBy: f.electionDay,
    doneAt: iso(f.firstBallotAt),
    waitingFor: over ? null : !listed ? '先公布选民名单' : !candidatesUp ? '先公布候选人名单' : onTheDay ? null : `选举日（${dayZh(f.electionDay)}）当天发放`,
    detail: `已发出选票 ${f.ballots} 张`,
  });
  step('count', '计票', {
    state: over ? 'done' : f.ballots > 0 ? 'open' : 'waiting',
    dueBy: f.electionDay,
    doneAt: null,
    waitingFor: f.ballots > 0 || over ? null : '投票结束后由两名计票员分别录入',
    detail: `已录入 ${f.tallies} 份计票结果（两名计票员结果一致才算数）`,
  });
  step('results', '公布选举结果', {
    ...deadlined(f.resultsPublishedAt, f.electionDay, f.today),
    ...(!over && f.tallies < 2 ? { state: f.today > f.electionDay ? 'late' : 'waiting', waitingFor: '计票结果核对一致后公布' } : {}),
    detail: over ? '选举结果已公布，当选证书可以打印' : '当场公布选举结果',
  });
  return steps;
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The steps a new election on `electionDay` would already have missed on `today` (asked before creating it). */
export function missedOnCreation(today: string, electionDay: string, deadlines: DeskFacts['deadlines'], nominationsLastDay: string): string[] {
  const missed: string[] = [];
  if (today > deadlines.voterListNoticeBy) missed.push(`公布选民名单（应在${dayZh(deadlines.voterListNoticeBy)}前）`);
  if (today > nominationsLastDay) missed.push(`选民提名候选人（应在${dayZh(nominationsLastDay)}前截止）`);
  if (today > deadlines.candidateListBy) missed.push(`公布候选人名单（应在${dayZh(deadlines.candidateListBy)}前）`);
  if (today > deadlines.proxyApplyBy) missed.push(`申请委托投票（应在${dayZh(deadlines.proxyApplyBy)}前）`);
  if (today > electionDay) missed.push('选举日已经过去');
  return missed;
}
