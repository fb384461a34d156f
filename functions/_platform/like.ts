/**
 * A LIKE/ILIKE pattern matching `text` anywhere, taken literally: a searched "100%" or "王_" must
 * not become a wildcard. Backslash is Postgres's default LIKE escape, so it is escaped too.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const containing = (text: string): string => `%${escapeLike(text)}%`;
