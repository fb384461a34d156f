import * as z from 'zod';
import { keysetPage } from '../_shared/keyset.js';
import { AppError } from './errors.js';

/** `?limit=` (default 20, above 100 capped at 100) and an opaque `?cursor=`. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .catch(20)
    .default(20)
    .transform((n) => Math.min(n, 100)),
  cursor: z.string().max(200).optional(),
});

/** A cursor this server did not make (or one from another list). */
export const badCursor = () =>
  new AppError('VALIDATION_FAILED', '翻页参数无效，请从第一页重新查看。', { errors: [{ path: 'query.cursor', message: '无效的翻页参数' }] });

/** A UUID as Postgres reads it: anything else in a cursor or token would make the query fail (a 500). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursors wrap the last row's id (UUIDv7, so id order is creation order). */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID_PATTERN.test(id)) throw badCursor();
  return id;
}

/** Takes `limit + 1` rows and turns them into `{ items, nextCursor }`. */
export function page<T extends { id: string }, R>(rows: T[], limit: number, map: (row: T) => R) {
  const { items, last } = keysetPage(rows, limit);
  return { items: items.map(map), nextCursor: last ? encodeCursor(last.id) : null };
}
