import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../db/client.js';
import { adminUrl, dbUrl } from './settings.js';

/** A clean copy of the seeded database for one test file, on the driver named by TEST_DB. */
export async function openTestDatabase(logQuery?: (query: string) => void, serverUrl?: string): Promise<Database & { url?: string }> {
  const config = inject('testDb');
  if (serverUrl) {
    // A server of the test's own (a private cluster), through the driver the run tests.
    const driver = config.kind === 'neon' ? 'neon' : 'pg';
    const database = await openDatabase({ url: serverUrl, driver, max: 20, neonWsProxy: config.wsProxy, logQuery });
    return { ...database, url: serverUrl };
  }
  if (config.kind === 'pglite') {
    const snapshot = new Blob([readFileSync(config.snapshot!)]);
    return openDatabase({ dataDir: 'memory://', loadDataDir: snapshot, logQuery });
  }
  const name = `${config.template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${config.template}`);
      break;
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const url = dbUrl(name);
  const database = await openDatabase({ url, driver: config.kind, max: 20, neonWsProxy: config.wsProxy, logQuery });
  // The copy goes when its test file closes it: a long run (a mutation run starts thousands of
  // test files) leaves no trail of databases on the shared server.
  const close = async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl() });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  return { ...database, close, url };
}

/**
 * A database of the run's kind with nothing in it (not the seeded copy): for what a fresh
 * deployment sees before `npm run db:migrate` and `npm run db:seed`. Dropped when closed.
 */
export async function openEmptyDatabase(): Promise<Database> {
  const config = inject('testDb');
  if (config.kind === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const name = `bz_empty_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = await openDatabase({ url: dbUrl(name), driver: config.kind, max: 4, neonWsProxy: config.wsProxy });
  const close = async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl() });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  return { ...database, close };
}
