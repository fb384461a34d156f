/**
 * 《甘肃省居民委员会选举办法》第五条: 居民委员会成员中应当有妇女成员; 成员之间有近亲属关系的应当回避.
 * Only part of the article's text could be read here (the rest of it is not quoted); these two
 * requirements are what was read. Near relatives: 《民法典》第一千零四十五条 (see
 * functions/residents/near-relatives.ts). Pure, for the verbs and the mini-program.
 */
export const WOMAN_MEMBER_LAW = '《甘肃省居民委员会选举办法》第五条：居民委员会成员中应当有妇女成员';
export const RELATIVES_LAW = '《甘肃省居民委员会选举办法》第五条：居民委员会成员之间有近亲属关系的应当回避';

/** Whether a list of people names a woman (sex read from the ID number; unknown counts as no). */
export const namesAWoman = (people: readonly { sex: 'male' | 'female' | null | undefined }[]) => people.some((p) => p.sex === 'female');

/** The sentence of NO_WOMAN_CANDIDATE: what the law requires and what to do. */
export const noWomanCandidateDetail = () => `候选人名单里没有女性。${WOMAN_MEMBER_LAW}。请先把女性居民列为候选人，再公布名单。`;

/**
 * The notes results carry for the law's two requirements on who was elected: no woman elected
 * (the committee must make it up, e.g. by a further election), and near relatives elected
 * together (flagged for 回避; which one steps back is for the committee under the law).
 */
export function resultNotes(
  elected: readonly { residentId: string; name: string; sex: 'male' | 'female' | null | undefined }[],
  relatives: readonly [string, string][],
  rules: { womanMember: boolean },
  complete: boolean,
): string[] {
  const notes: string[] = [];
  if (rules.womanMember && complete && !namesAWoman(elected)) {
    notes.push(`当选人中没有女性。${WOMAN_MEMBER_LAW}；应当另行补选妇女成员。`);
  }
  const name = (id: string) => elected.find((e) => e.residentId === id)?.name ?? '';
  for (const [a, b] of relatives) {
    notes.push(`${name(a)}和${name(b)}是近亲属，同时当选应当回避（${RELATIVES_LAW}）。`);
  }
  return notes;
}
