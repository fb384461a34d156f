/**
 * `npm run bench:cold`: only the deployed function's cold start (the last part of `npm run
 * bench`), in under a minute: bundle api/index.ts as in cold-start.ts, then import it in fresh
 * Node processes (BENCH_RUNS, default 9) against a throw-away database on the Postgres server.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { testSettings } from '../support/settings.js';
import { measureColdStart, median } from './cold-start.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '../..');
const runs = Number(process.env.BENCH_RUNS ?? 9);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

const dbName = `bz_cold_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const settings = testSettings({ LOG_LEVEL: 'warn' });
  const database = await openDatabase({ url: url.toString(), driver: 'pg', max: 2 });
  await migrateDatabase(database);
  await seedDemo({ db: database.db, cipher: createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64')) });
  await database.close();
  const cold = await measureColdStart(
    root,
    path.join(root, '.bench/bundle'),
    {
      DATABASE_URL: url.toString(),
      DB_DRIVER: 'pg',
      AUTH_SECRET: settings.AUTH_SECRET!,
      DATA_KEY: settings.DATA_KEY!,
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(root, '.bench/data'),
    },
    runs,
  );
  console.log(
    `function bundle (esbuild, minified, split): entry ${kb(cold.entryBytes)} (${kb(cold.entryGzipBytes)} gzip), loaded at cold start ${kb(cold.eagerBytes)}, all ${cold.chunks} chunks ${kb(cold.totalBytes)}`,
  );
  console.log(`cold import ${ms(cold.importMs)}`);
  console.log(`first answer (GET /api/health) ${ms(cold.firstAnswerMs)}`);
  console.log(`biggest at cold start: ${cold.biggestEagerInputs.map((i) => `${i.input} ${kb(i.bytes)}`).join(', ')}`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
}
