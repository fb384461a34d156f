import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const pool = new Pool({ connectionString: options.url, max: options.max ?? 10 });
    return { db: drizzle(pool, { schema, logger }) as unknown as Db, kind: 'neon', close: () => pool.end() };
  }
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: options.url, max: options.max ?? 10 });
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
