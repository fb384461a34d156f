import type { ObjectionKind, RegistrationBasis } from '../../db/schema/index.js';
import { addDays, chinaDate } from '../_shared/china-time.js';
import type { ElectionRules } from '../elections/rules.js';

/**
 * The objection procedure. The Gansu rules' article on objections (《甘肃省居民委员会选举办法》,
 * 2025-11-27) could not be read here; the residents' rules mirror the village law, whose text is
 * 《村民委员会组织法》第十四条: 对登记参加选举的名单有异议的，应当自名单公布之日起五日内向选举委员会
 * 申诉，选举委员会应当自收到申诉之日起三日内作出处理决定，并公布处理结果. We take that reading
 * (the stricter one where the Gansu text may differ): `objectionDays` 5, `objectionDecisionDays` 3.
 *
 * Counting "自…之日起N日内" as 《民法典》第二百零一条 does: the day itself is not counted, the
 * period starts the next day. So a list published on 12月1日 may be objected to until the end
 * (24:00 China time) of 12月6日, and an objection filed on 12月3日 is decided by the end of
 * 12月6日. (A last day falling on a public holiday is not moved: the committee sits then.)
 */

/** The last China-time date an objection is accepted: the publication date plus `objectionDays`. */
export const objectionWindowEnd = (publishedAt: Date, rules: Pick<ElectionRules, 'objectionDays'>) => addDays(chinaDate(publishedAt), rules.objectionDays);

/** The date by which the committee must decide: the filing date plus `objectionDecisionDays`. */
export const decisionDueBy = (filedAt: Date, rules: Pick<ElectionRules, 'objectionDecisionDays'>) => addDays(chinaDate(filedAt), rules.objectionDecisionDays);

/** An open objection is overdue once its due date has passed in China time (due today is not yet late). */
export const isOverdue = (o: { status: string; dueBy: string }, now: Date) => o.status === 'open' && chinaDate(now) > o.dueBy;

/** `12月6日` for a `YYYY-MM-DD`. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * Whether an objection may be filed now: null, or the sentence of the refusal. Objections run
 * from the voter list's notice (the first `voter_list` notice whose publish time has come) to the
 * window's end. A voter application (表示参加, 第十六条) may come before the notice too — that is
 * when registration happens — but not after the objection window, when the list is final.
 */
export function windowRefusal(kind: ObjectionKind, now: Date, listPublishedAt: Date | null, rules: Pick<ElectionRules, 'objectionDays'>): string | null {
  if (!listPublishedAt) {
    return kind === 'application' ? null : '选民名单还没有公布。名单公布后，才能对名单提出异议。';
  }
  const end = objectionWindowEnd(listPublishedAt, rules);
  if (chinaDate(now) <= end) return null;
  const published = monthDay(chinaDate(listPublishedAt));
  return kind === 'application'
    ? `选民名单已于${published}公布，登记申请和异议的期限到${monthDay(end)}已经截止，不能再申请登记。`
    : `选民名单已于${published}公布，提出异议的期限是公布之日起${rules.objectionDays}日内，到${monthDay(end)}已经截止。`;
}

/** Who an objection of each kind needs to name: the person concerned, except for wrong details (optional). */
export const needsSubject = (kind: ObjectionKind) => kind === 'omitted' || kind === 'wrongly_included';

/**
 * What an upheld objection does to the voter list (the only way it changes after the notice):
 * someone left out, or an applicant, is registered with the basis (户籍 unless the application
 * says otherwise); someone wrongly included is removed; wrong details are recorded only — staff
 * correct the resident's record.
 */
export function effectOfUpholding(
  kind: ObjectionKind,
  basis: RegistrationBasis | null,
): { act: 'register'; basis: RegistrationBasis } | { act: 'remove' } | { act: 'none' } {
  if (kind === 'omitted' || kind === 'application') return { act: 'register', basis: basis ?? 'hukou' };
  if (kind === 'wrongly_included') return { act: 'remove' };
  return { act: 'none' };
}

export const kindNames: Record<ObjectionKind, string> = {
  omitted: '应登记而未登记',
  wrongly_included: '不应登记而登记',
  wrong_details: '登记信息有误',
  application: '申请登记参加选举',
};

/**
 * 《甘肃省居民委员会选举办法》第十六条: who is registered — (一) 户籍在本社区的居民; (二) 户籍不在本社区
 * 但在本社区居住六个月以上的居民; (三) 在本社区工作六个月以上、本人申请并经居民选举委员会确认的社区工作者.
 */
export const basisNames: Record<RegistrationBasis, string> = {
  hukou: '户籍在本社区',
  residence: '在本社区居住满六个月',
  worker: '在本社区工作满六个月',
};
