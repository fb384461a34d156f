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

/**
 * A hot query whose statement comes in a few shapes (a filter given or not, who reads): one
 * statement per shape and database, built on first use and prepared. `build` names the statement
 * after its shape (`.prepare(name)`, under Postgres's 63 bytes); shapes are few, not per value.
 */
export function perDatabaseShape<S extends Record<string, string | boolean>, Q>(build: (db: Db, shape: S) => Q): (db: Db, shape: S) => Q {
  const built = new WeakMap<Db, Map<string, Q>>();
  return (db, shape) => {
    let shapes = built.get(db);
    if (!shapes) {
      shapes = new Map();
      built.set(db, shapes);
    }
    const key = JSON.stringify(shape);
    let query = shapes.get(key);
    if (!query) {
      query = build(db, shape);
      shapes.set(key, query);
    }
    return query;
  };
}
