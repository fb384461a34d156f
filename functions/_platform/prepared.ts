import type { Db } from '../../db/client.js';

/**
 * A hot query built once per database handle instead of on every request: drizzle spends more
 * CPU turning a wide select with joins into SQL than the rest of a small request does. `build`
 * ends in `.prepare(name)` with `sql.placeholder()` for what changes per call, so on pg it is
 * also a named statement Postgres plans once per connection. A transaction is a handle of its
 * own: the query is built again for it (correct, just not cached across requests).
 */
export function perDatabase<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
