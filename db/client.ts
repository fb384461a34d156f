import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

/** The one database type every driver satisfies; domain code takes it as its first argument. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'pg' | 'neon';

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** postgres:// URL; without it, the embedded database. */
  url?: string;
  driver?: 'pg' | 'neon';
  /** Embedded data directory; `memory://` for a throw-away instance. */
  dataDir?: string;
  /** A gzipped PGlite data dir (from `dumpDataDir`), for fast test start-up. */
  loadDataDir?: Blob;
  /** Pool size for server drivers. */
  max?: number;
  /** Called with every SQL statement (tests count round trips per request). */
  logQuery?: (query: string) => void;
  /** Neon only: `host:port` of a WebSocket-to-TCP proxy in front of a plain Postgres (CI). */
  neonWsProxy?: string;
  /**
   * Server drivers: the longest one statement may take (the server cancels it) and the longest
   * the client waits for any answer (a frozen server never cancels anything). 0 turns both off
   * (migrations, which may build indexes for minutes).
   */
  statementTimeoutMs?: number;
  /** Server drivers: the longest to wait for a connection (a new one, or a free one of the pool). */
  connectTimeoutMs?: number;
  /** Told about every connection the pool lost while idle (the server restarted, an admin killed it). */
  onPoolError?: (error: Error) => void;
}

/** Deadlines of the server drivers (issue 7, findings 1 and 3). */
export const STATEMENT_TIMEOUT_MS = 5000;
export const CONNECT_TIMEOUT_MS = 5000;

/** The part of a pg / Neon pool client this module touches. */
interface PoolClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
  query: (...args: unknown[]) => unknown;
  end(): unknown;
  connection?: { stream?: { destroy?: () => void } };
}

const READ_TIMEOUT = 'Query read timeout';

/**
 * Every pooled connection gets an error listener of its own: the pool listens only while a
 * connection is idle, so one dropped while checked out (between two statements of a
 * transaction) would otherwise throw "Unhandled 'error' event" and end the process. A statement
 * the client gave up on (no answer from a frozen server) closes its connection, so the rollback
 * after it fails at once instead of queueing behind it, and the pool drops the connection.
 */
function guardClient(client: PoolClient, onError: (error: Error) => void) {
  client.on('error', onError);
  const query = client.query.bind(client);
  const closeOnTimeout = (error: unknown) => {
    if (error instanceof Error && error.message === READ_TIMEOUT) {
      const stream = client.connection?.stream;
      if (stream?.destroy) stream.destroy();
      else client.end();
    }
  };
  client.query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        closeOnTimeout(error);
        (last as (e: unknown, r: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const result = query(...args) as Promise<unknown> | undefined;
    if (result && typeof result.catch === 'function') result.catch(closeOnTimeout);
    return result;
  };
}

interface GuardedPool {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: PoolClient) => void): unknown;
}

function guardPool(pool: GuardedPool, onError: (error: Error) => void) {
  pool.on('error', onError);
  pool.on('connect', (client) => guardClient(client, onError));
}

function poolOptions(options: OpenOptions) {
  const statement = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
  return {
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    ...(statement > 0 ? { statement_timeout: statement, query_timeout: statement + 1000 } : {}),
    keepAlive: true,
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const logger = options.logQuery ? { logQuery: (query: string) => options.logQuery!(query) } : undefined;
  if (!options.url) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const dataDir = options.dataDir ?? '.data/pglite';
    if (!dataDir.startsWith('memory://') && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
    const client = new PGlite(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
    await client.waitReady;
    return { db: drizzle(client, { schema, logger }) as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  if (options.driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const ws = await import('ws');
    neonConfig.webSocketConstructor = ws.default;
    if (options.neonWsProxy) {
      const proxy = options.neonWsProxy;
      neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool(poolOptions(options));
    guardPool(pool as unknown as GuardedPool, options.onPoolError ?? (() => {}));
    return { db: drizzle(pool, { schema, logger }) as unknown as Db, kind: 'neon', close: () => pool.end() };
  }
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool(poolOptions(options));
  guardPool(pool as unknown as GuardedPool, options.onPoolError ?? (() => {}));
  return { db: drizzle(pool, { schema, logger }) as unknown as Db, kind: 'pg', close: () => pool.end() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder };
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants its own driver's type
    await migrate(database.db as any, config);
  } else if (database.kind === 'neon') {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: as above
    await migrate(database.db as any, config);
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: as above
    await migrate(database.db as any, config);
  }
}

interface JournalEntry {
  tag: string;
  when: number;
}
let journal: JournalEntry[] | undefined;
/** The committed migrations, in order (read once per process). */
function committedMigrations(): JournalEntry[] {
  journal ??= (JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
  return journal;
}

/**
 * The committed migrations this database has not applied yet, by tag. The migrator applies every
 * migration newer than the last one it recorded (`drizzle.__drizzle_migrations.created_at` holds
 * the journal's `when`), so those are the ones missing; a database never migrated misses all.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = committedMigrations();
  const found = await db.execute<{ present: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!rowsOf<{ present: boolean }>(found)[0]?.present) return all.map((m) => m.tag);
  const last = await db.execute<{ last: string | null }>(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`);
  const applied = Number(rowsOf<{ last: string | null }>(last)[0]?.last ?? 0);
  return all.filter((m) => m.when > applied).map((m) => m.tag);
}

/** `db.execute` answers rows on PGlite and node-postgres alike as `{ rows }`; Neon too. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
