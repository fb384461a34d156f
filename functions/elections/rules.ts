import * as z from 'zod';
import { addDays, chinaDate, chinaMidnight } from '../_shared/china-time.js';

/** Each rule's bounds, without its default (see ElectionRules and ElectionRulesChange). */
const rule = {
  /** Fixed by law (《甘肃省居民委员会选举办法》第十五条: 年满十八周岁, counted to election day): law.ts refuses any other value. */
  minVoterAge: z.number().int('年龄须为整数').min(16, '选民年龄不能低于16周岁').max(30, '选民年龄不能高于30周岁'),
  voterListNoticeDays: z.number().int().min(1, '选民名单至少提前1天公布').max(60, '提前公布天数最多60天'),
  /** How many days before election day the candidate list must be published (居委会选举常见5日). */
  candidateNoticeDays: z.number().int().min(1, '候选人名单至少提前1天公布').max(30),
  /** 《城市居民委员会组织法》: each group elects 2–3 representatives. */
  repsPerGroup: z.number().int().min(2, '每个居民小组推选2至3名居民代表').max(3, '每个居民小组推选2至3名居民代表'),
  maxProxiesPerVoter: z.number().int().min(1, '每人至少可接受1份委托').max(10, '每人最多接受10份委托'),
  proxyApplyDaysBefore: z.number().int().min(0, '天数不能为负').max(30),
  /** Whether a candidate may hold entrustments (most provinces: no). */
  proxyMayBeCandidate: z.boolean(),
  /** How many more candidates than seats each list needs when published (差额选举). */
  candidateSurplus: z.object({
    director: z.number().int().min(0, '差额不能为负').max(10).default(1),
    deputyDirector: z.number().int().min(0, '差额不能为负').max(10).default(1),
    members: z.number().int().min(0, '差额不能为负').max(10).default(1),
  }),
  /** Days after the voter list's publication within which anyone may object (申诉). */
  objectionDays: z.number().int().min(1, '异议期至少1天').max(15),
  /** Days the committee has to decide an objection from its filing. */
  objectionDecisionDays: z.number().int().min(1, '处理期限至少1天').max(10),
  /** Days before election day when nominations by voters close (they open with the voter list). */
  nominationClosesDaysBefore: z.number().int().min(1).max(60),
  /** A preliminary vote (预选) fixes 正式候选人 when the nominations leave more than this many per seat above the seats; 0: never. */
  preliminaryAbove: z.number().int().min(0).max(20),
  /** The committee needs at least one woman member: the candidate list must name a woman. */
  womanMember: z.boolean(),
  /** Entrustments go to a near relative only. */
  proxyRelativesOnly: z.boolean(),
};

/**
 * An election's rulebook. Defaults are the founding plan's values (step 3: voters 18 by election
 * day, voter list announced at least 10 days before, 2 representatives per group) and common
 * provincial practice for proxies (at most 3 entrustments per voter, applications closed the day
 * before). Stored per election: the law varies by province and was revised.
 */
export const ElectionRules = z.object({
  minVoterAge: rule.minVoterAge.default(18),
  voterListNoticeDays: rule.voterListNoticeDays.default(20),
  candidateNoticeDays: rule.candidateNoticeDays.default(5),
  repsPerGroup: rule.repsPerGroup.default(2),
  maxProxiesPerVoter: rule.maxProxiesPerVoter.default(3),
  proxyApplyDaysBefore: rule.proxyApplyDaysBefore.default(1),
  proxyMayBeCandidate: rule.proxyMayBeCandidate.default(false),
  candidateSurplus: rule.candidateSurplus.default({ director: 1, deputyDirector: 1, members: 1 }),
  objectionDays: rule.objectionDays.default(5),
  objectionDecisionDays: rule.objectionDecisionDays.default(3),
  nominationClosesDaysBefore: rule.nominationClosesDaysBefore.default(7),
  preliminaryAbove: rule.preliminaryAbove.default(0),
  womanMember: rule.womanMember.default(true),
  proxyRelativesOnly: rule.proxyRelativesOnly.default(false),
});
export type ElectionRules = z.infer<typeof ElectionRules>;

/**
 * The rules a committee sets or changes: only those given. No defaults here — zod fills an
 * optional field's default, so `ElectionRules.partial()` would put back every rule not named and
 * changing one rule would silently reset the others.
 */
export const ElectionRulesChange = z.object(rule).partial();
export type ElectionRulesChange = z.infer<typeof ElectionRulesChange>;

export const defaultRules = (): ElectionRules => ElectionRules.parse({});

/**
 * Rulebooks already read, by their stored text: every election route reads its election's row, and
 * a row's rules change only when the committee changes them, so each version is parsed once per
 * process (frozen, since every reader shares it). Bounded: emptied when full.
 */
const readBooks = new Map<string, ElectionRules>();
const MAX_READ_BOOKS = 1000;
const readRows = new WeakMap<object, ElectionRules>();

/** Reads stored rules, filling any rule added since the election was created with its default. */
export function readRules(stored: unknown): ElectionRules {
  // The same row's rules are often read twice in a request (its view, its calendar): by object first.
  const row = stored !== null && typeof stored === 'object' ? stored : null;
  const seen = row ? readRows.get(row) : undefined;
  if (seen) return seen;
  const key = JSON.stringify(stored ?? {});
  let rules = readBooks.get(key);
  if (!rules) {
    const parsed = ElectionRules.parse(stored ?? {});
    Object.freeze(parsed.candidateSurplus);
    rules = Object.freeze(parsed);
    if (readBooks.size >= MAX_READ_BOOKS) readBooks.clear();
    readBooks.set(key, rules);
  }
  if (row) readRows.set(row, rules);
  return rules;
}

/**
 * The committee's seats. 《城市居民委员会组织法》第七条: 居民委员会由主任、副主任和委员共五至九人组成.
 */
export const ElectionSeats = z
  .object({
    director: z.number().int().min(1, '主任须设1名').max(1, '主任须设1名'),
    deputyDirector: z.number().int().min(0, '副主任人数不能为负').max(3, '副主任最多3名'),
    members: z.number().int().min(1, '委员至少1名').max(8, '委员最多8名'),
  })
  .refine((s) => s.director + s.deputyDirector + s.members >= 5 && s.director + s.deputyDirector + s.members <= 9, {
    message: '居委会成员共5至9人（主任、副主任和委员合计）',
    path: ['members'],
  });

export const seatKeys = ['director', 'deputyDirector', 'members'] as const satisfies readonly (keyof z.infer<typeof ElectionSeats>)[];
export type SeatKey = (typeof seatKeys)[number];

/**
 * Whole years of age on a date. Compares month-day as text, so someone born on 29 February
 * has their birthday on 1 March in a common year (on 28 February they are not yet a year older).
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Voters must have reached `minVoterAge` on or before election day (founding plan, step 3). */
export const isOfVotingAge = (birthDate: string, electionDay: string, rules: Pick<ElectionRules, 'minVoterAge'>) =>
  ageOn(birthDate, electionDay) >= rules.minVoterAge;

export interface Deadlines {
  /** Last China-time date the voter list may be announced (electionDay − voterListNoticeDays). */
  voterListNoticeBy: string;
  /** Last date the candidate list may be announced. */
  candidateListBy: string;
  /** Last date a proxy application is accepted. */
  proxyApplyBy: string;
  /** The instant proxy applications close: 00:00 China time, proxyApplyDaysBefore days before. */
  proxyApplyClosesAt: string;
  electionDay: string;
  /** Results are posted the same day (founding plan, step 3 ④). */
  resultsNoticeBy: string;
}

/**
 * An election's deadlines, by its rulebook (readRules shares one object per stored version) and
 * its day: computed once and shared (frozen), since every look at an election asks them, some
 * twice (its view, its phase).
 */
const computed = new WeakMap<ElectionRules, Map<string, Deadlines>>();

export function deadlines(electionDay: string, rules: ElectionRules): Deadlines {
  let byDay = computed.get(rules);
  let found = byDay?.get(electionDay);
  if (!found) {
    found = Object.freeze(computeDeadlines(electionDay, rules));
    if (!byDay) {
      byDay = new Map();
      computed.set(rules, byDay);
    }
    // An election's day rarely changes; a rulebook shared by many elections holds a few days each.
    if (byDay.size >= 100) byDay.clear();
    byDay.set(electionDay, found);
  }
  return found;
}

function computeDeadlines(electionDay: string, rules: ElectionRules): Deadlines {
  const proxyClose = addDays(electionDay, -rules.proxyApplyDaysBefore);
  return {
    voterListNoticeBy: addDays(electionDay, -rules.voterListNoticeDays),
    candidateListBy: addDays(electionDay, -rules.candidateNoticeDays),
    proxyApplyBy: addDays(proxyClose, -1),
    proxyApplyClosesAt: chinaMidnight(proxyClose).toISOString(),
    electionDay,
    resultsNoticeBy: electionDay,
  };
}

/**
 * The voter list must be announced at least `voterListNoticeDays` days before election day
 * (founding plan, step 3; 10 by default): on time when its China-time publish date is on or
 * before election day minus that many days.
 */
export const isVoterListOnTime = (publishAt: Date, electionDay: string, rules: Pick<ElectionRules, 'voterListNoticeDays'>) =>
  chinaDate(publishAt) <= addDays(electionDay, -rules.voterListNoticeDays);

/** Proxy applications are accepted until 00:00 China time `proxyApplyDaysBefore` days before election day. */
export const proxyApplicationsOpen = (now: Date, electionDay: string, rules: ElectionRules) =>
  now.getTime() < chinaMidnight(addDays(electionDay, -rules.proxyApplyDaysBefore)).getTime();

/** The founding plan's four steps (工作步骤), applied to one election's calendar. */
export const phases = {
  preparation: '前期准备',
  mobilisation: '宣传动员',
  implementation: '全面实施',
  review: '回头检视',
} as const;
export type Phase = keyof typeof phases;

/** Preparation runs until 30 days before the voter list is due; mobilisation until it is due; then the meeting; then review. */
export function phaseOn(today: string, electionDay: string, rules: ElectionRules): Phase {
  const { voterListNoticeBy } = deadlines(electionDay, rules);
  if (today > electionDay) return 'review';
  if (today > voterListNoticeBy) return 'implementation';
  if (today > addDays(voterListNoticeBy, -30)) return 'mobilisation';
  return 'preparation';
}

/** What the election's state says is still to do in its phase, in the plan's words. */
export function todoFor(phase: Phase, state: { voters: number; missingNotices?: string[]; confirmedRepresentatives?: number; groups?: number }): string[] {
  const todo: string[] = [];
  if (phase === 'review') {
    if (state.missingNotices?.includes('results')) todo.push('张榜公布选举结果');
    todo.push('回头检视：总结选举工作，整改发现的问题');
    return todo;
  }
  if (state.voters === 0) todo.push('入户登记选民');
  if (state.groups && (state.confirmedRepresentatives ?? 0) < state.groups) todo.push('各居民小组推荐居民代表');
  if (state.missingNotices?.includes('voter_list')) todo.push('公布选民名单');
  if (phase === 'implementation') {
    if (state.missingNotices?.includes('candidates')) todo.push('公布候选人名单');
    todo.push('准备选票、票箱和委托投票，培训工作人员');
  }
  if (phase === 'preparation') todo.push('宣传选举程序、候选人条件和投票办法');
  return todo;
}
