/**
 * Keyset paging: a query asks for `limit + 1` rows; the extra row only says that another page
 * exists. Returns the page and the row the next cursor is made from (null on the last page).
 */
export function keysetPage<T>(rows: readonly T[], limit: number): { items: T[]; last: T | null } {
  const items = rows.slice(0, limit);
  return { items, last: rows.length > limit ? (items[items.length - 1] ?? null) : null };
}
