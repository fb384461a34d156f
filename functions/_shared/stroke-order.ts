/**
 * 姓氏笔画: the order of names on ballots and public lists (surname first, by stroke count). One
 * collator for the process: making one costs far more than a comparison, so a sort must never
 * build one per pair (`localeCompare(b, locale)` does).
 */
export const strokeOrder = new Intl.Collator('zh-u-co-stroke');
