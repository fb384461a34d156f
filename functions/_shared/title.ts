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
