import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { adminUrl, dbUrl, testDbKind, testSettings } from './settings.js';
import { startWsProxy } from './ws-proxy.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite' | 'pg' | 'neon'; snapshot?: string; template?: string; wsProxy?: string };
  }
}

/**
 * Migrates and seeds once per run (demo community + a second community for tenancy tests); each
 * test file then starts from a copy: a PGlite data-dir snapshot, or CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const kind = testDbKind();
  const settings = testSettings();
  const cipher = createDataCipher(Buffer.from(settings.DATA_KEY!, 'base64'));
  const seed = async (database: Awaited<ReturnType<typeof openDatabase>>) => {
    await migrateDatabase(database);
    await seedDemo({ db: database.db, cipher });
    await seedDemo({ db: database.db, cipher }, { slug: 'other', name: '东关社区' });
  };

  if (kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = new PGlite('memory://');
    const schema = await import('../../db/schema/index.js');
    const database = { db: drizzle(client, { schema }) as never, kind: 'pglite' as const, close: () => client.close() };
    await seed(database);
    const dump = await client.dumpDataDir('gzip');
    const file = path.join(os.tmpdir(), `bazhujie-test-${process.pid}.tar.gz`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await client.close();
    project.provide('testDb', { kind, snapshot: file });
    return;
  }

  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const template = `bz_tpl_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ url: dbUrl(template), driver: 'pg', max: 1 });
  await seed(database);
  await database.close();
  const proxy = kind === 'neon' ? await startWsProxy() : undefined;
  project.provide('testDb', { kind, template, wsProxy: proxy ? `127.0.0.1:${proxy.port}` : undefined });

  return async () => {
    await proxy?.close();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [
      `${template}_%`,
      template,
    ]);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
  };
}
