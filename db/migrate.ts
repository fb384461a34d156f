import path from 'node:path';
import { migrateDatabase, openDatabase } from './client.js';

/** `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the embedded database). */
const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase({
  url,
  driver: process.env.DB_DRIVER === 'neon' ? 'neon' : 'pg',
  dataDir: path.join(process.env.DATA_DIR || '.data', 'pglite'),
  // Building an index on a big table may take minutes: no statement deadline here.
  statementTimeoutMs: 0,
});
await migrateDatabase(database);
await database.close();
console.log(`migrated (${database.kind})`);
