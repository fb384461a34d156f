import type { ElectionRules } from './rules.js';

/**
 * The laws an election can run under, each rule with its default, whether the law fixes it, and
 * where it comes from. Read against the texts (docs/ELECTION-RULES.md is the table of them):
 *
 * - 《城市居民委员会组织法》, revised 2025-10-28, in force 2026-01-01.
 * - 《甘肃省居民委员会选举办法》, passed 2025-11-27 (甘肃省人大常委会公告第51号), in force
 *   2026-01-01. Articles 1–16 were readable here; chapters 4–5 (candidates, voting) were not.
 *   Where an article could not be read, the stricter reading of the village law
 *   《村民委员会组织法》 (which residents' rules mirror) or the founding plan is taken, and the
 *   source says so.
 */
export interface LawRule<K extends keyof ElectionRules = keyof ElectionRules> {
  default: ElectionRules[K];
  /** The law fixes it: no committee may set another value (RULE_FIXED_BY_LAW). */
  fixed?: true;
  source: string;
}

export interface Law {
  id: string;
  name: string;
  inForceFrom: string;
  rules: { [K in keyof ElectionRules]: LawRule<K> };
}

const gansu2026: Law = {
  id: 'gansu-2026',
  name: '《中华人民共和国城市居民委员会组织法》（2025年修订）和《甘肃省居民委员会选举办法》',
  inForceFrom: '2026-01-01',
  rules: {
    minVoterAge: { default: 18, fixed: true, source: '《甘肃省居民委员会选举办法》第十五条：年满十八周岁的居民……年龄计算以选举日为截止日期' },
    voterListNoticeDays: {
      default: 20,
      source: '甘肃办法公布选民名单的条文未能读到；取较严的《村民委员会组织法》第十四条“选举日的二十日前公布”（建社方案为选举日前10日，少于20日须记录依据）',
    },
    candidateNoticeDays: { default: 5, source: '甘肃办法第四章未能读到；取《甘肃省村民委员会选举办法》“正式候选人名单在选举日的五日前公布”' },
    repsPerGroup: { default: 2, source: '《城市居民委员会组织法》：每个居民小组推选二至三人；建社方案：每个小组2人' },
    maxProxiesPerVoter: { default: 3, source: '《甘肃省村民委员会选举办法》：每一选民接受委托不得超过三人（甘肃居民选举办法相应条文未能读到）' },
    proxyApplyDaysBefore: { default: 1, source: '建社方案：选举大会前办理委托投票；申请在选举日前一日零时截止' },
    proxyMayBeCandidate: { default: false, source: '候选人不得接受委托（各省选举办法通行规定；甘肃条文未能读到，取较严者）' },
    candidateSurplus: {
      default: { director: 1, deputyDirector: 1, members: 1 },
      source: '《村民委员会组织法》第十五条：候选人名额应当多于应选名额（差额选举）；每个职位至少多1人',
    },
    objectionDays: { default: 5, source: '《村民委员会组织法》第十四条：名单公布之日起五日内申诉（甘肃居民选举办法相应条文未能读到）' },
    objectionDecisionDays: { default: 3, source: '《村民委员会组织法》第十四条：收到申诉之日起三日内作出处理决定' },
    nominationClosesDaysBefore: { default: 7, source: '提名须在正式候选人名单公布（选举日前5日）之前结束，留出确定和审查的时间：选举日前7日截止' },
    preliminaryAbove: { default: 0, source: '预选由居民选举委员会视提名人数决定；默认不预选' },
    womanMember: { default: true, source: '《甘肃省居民委员会选举办法》第五条：居民委员会成员中应当有妇女成员，成员之间近亲属回避（据条文大意）' },
    proxyRelativesOnly: {
      default: false,
      source: '《村民委员会组织法》委托近亲属；甘肃居民选举办法委托条文未能读到，建社方案为外出务工居民办理委托未限亲属：默认不限，须复核',
    },
  },
};

export const laws = { 'gansu-2026': gansu2026 } as const satisfies Record<string, Law>;
export type LawId = keyof typeof laws;
export const lawIds = Object.keys(laws) as [LawId, ...LawId[]];

/** The rulebook a law gives an election before the committee changes anything. */
export function lawDefaults(law: LawId): ElectionRules {
  return Object.fromEntries(Object.entries(laws[law].rules).map(([k, r]) => [k, r.default])) as unknown as ElectionRules;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Rules the law fixes that a change would set to another value (RULE_FIXED_BY_LAW). */
export function fixedRulesChanged(law: LawId, rules: Partial<ElectionRules>): (keyof ElectionRules)[] {
  return (Object.keys(rules) as (keyof ElectionRules)[]).filter((k) => laws[law].rules[k]?.fixed && !same(rules[k], laws[law].rules[k].default));
}

/** Rules of a rulebook that depart from the law's defaults: each needs a recorded basis. */
export function departures(law: LawId, rules: ElectionRules): (keyof ElectionRules)[] {
  return (Object.keys(laws[law].rules) as (keyof ElectionRules)[]).filter((k) => !same(rules[k], laws[law].rules[k].default));
}

/** Rule names in the words of the committee's page and the refusal. */
export const ruleNames: Record<keyof ElectionRules, string> = {
  minVoterAge: '选民年龄',
  voterListNoticeDays: '选民名单提前公布天数',
  candidateNoticeDays: '候选人名单提前公布天数',
  repsPerGroup: '每组居民代表人数',
  maxProxiesPerVoter: '每人最多接受委托数',
  proxyApplyDaysBefore: '委托申请截止（选举日前天数）',
  proxyMayBeCandidate: '候选人可否接受委托',
  candidateSurplus: '差额人数',
  objectionDays: '选民名单异议期',
  objectionDecisionDays: '异议处理期限',
  nominationClosesDaysBefore: '提名截止（选举日前天数）',
  preliminaryAbove: '预选',
  womanMember: '妇女成员',
  proxyRelativesOnly: '只能委托近亲属',
};
