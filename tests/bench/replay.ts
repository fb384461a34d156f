import { newId } from '../../db/ids.js';

export interface Statement {
  query: string;
  params: unknown[];
  /** The prepared statement's name the API sent it under, if any: replays use it too. */
  name?: string;
  /** Positions of ids the captured request minted: new on every replay. */
  fresh: number[];
}

/**
 * The parameters of one replay of a captured request: every id it minted is replaced by a new one,
 * the same new one wherever the request used it (the request's id in its own row and in its
 * timeline event), so the replay's rows refer to each other as the request's did.
 */
export function replayParams(statements: readonly Statement[]): unknown[][] {
  const minted = new Map<unknown, string>();
  const fresh = (p: unknown) => {
    const id = minted.get(p) ?? newId();
    minted.set(p, id);
    return id;
  };
  return statements.map((s) => (s.fresh.length ? s.params.map((p, i) => (s.fresh.includes(i) ? fresh(p) : p)) : s.params));
}

/** A statement as node-postgres takes it: named when the API prepared it, so Postgres plans it the same way. */
export const asSent = (s: Statement, values: unknown[]) => (s.name ? { name: s.name, text: s.query, values } : { text: s.query, values });
