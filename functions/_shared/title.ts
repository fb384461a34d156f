/** The longest title derived from a description, in characters as a reader counts them. */
export const TITLE_FROM_LENGTH = 20;

/**
 * A request's title when the resident gave none (voice input rarely has one): the first line of
 * the description, cut at 20 code points with "…". Counting code points, not UTF-16 units, so an
 * emoji or a rare character outside the BMP is never split in half.
 */
export function titleFrom(description: string): string {
  const firstLine = description.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const chars = [...firstLine];
  return chars.length > TITLE_FROM_LENGTH ? `${chars.slice(0, TITLE_FROM_LENGTH).join('')}…` : firstLine;
}

/**
 * Two pieces of an official title or sentence joined without saying a word twice where one ends
 * with what the other begins with: 「…居民委员会选举」+「选举结果公告」 is 「…居民委员会选举结果公告」,
 * 「八珠街社区」+「八珠街社区第一届…」 is 「八珠街社区第一届…」.
 */
export function joinWithoutRepeat(first: string, second: string): string {
  const a = [...first];
  const b = [...second];
  for (let n = Math.min(a.length, b.length); n > 0; n--) {
    if (a.slice(a.length - n).join('') === b.slice(0, n).join('')) return a.join('') + b.slice(n).join('');
  }
  return first + second;
}

/** A run of two or more Chinese characters said twice in a row (「选举选举」), or null: printed sheets must have none. */
export function doubledWord(text: string): string | null {
  return /([\u4e00-\u9fff]{2,})\1/u.exec(text)?.[1] ?? null;
}
