/** drizzle wraps driver errors (DrizzleQueryError): the SQLSTATE is on the cause. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.cause?.code ?? e?.code;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';
/** A foreign key refused the write: the referenced row is gone, or a row still references it. */
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === '23503' || sqlState(error) === '23001';
export const isSerializationFailure = (error: unknown) => sqlState(error) === '40001' || sqlState(error) === '40P01';

/**
 * SQLSTATEs of a database that cannot serve right now: connection exceptions (08…), the server
 * shutting down or starting (57P01–57P03), too many connections, a statement cancelled by its
 * timeout.
 */
const UNAVAILABLE_STATE = /^(08...|57P0[123]|53300|57014)$/;
/** Socket errors of a server that is down or unreachable. */
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** What pg, pg-pool and the Neon driver say when a connection is lost, refused or timed out. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection ended|connection error|WebSocket|socket hang up/i;

/** True when an error means the database cannot be reached (or is frozen), not that a query is wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  // A failed outside HTTP call (undici's "fetch failed") is not the database, whatever its cause.
  if (error instanceof TypeError && e.message === 'fetch failed') return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_STATE.test(e.code) || UNAVAILABLE_SOCKET.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message) && !('cause' in e && e.cause)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
