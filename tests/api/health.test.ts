import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { openEmptyDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * A fresh deployment: the database exists but is empty, then migrated, then seeded. Liveness
 * answers at every stage; readiness says, in order, what is still missing.
 */
const journal = JSON.parse(readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: { tag: string }[] };

describe('health and readiness of a fresh deployment', () => {
  let server: TestServer;
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  beforeAll(async () => {
    database = await openEmptyDatabase();
    server = await startTestServer({ database });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers liveness on a database with no tables, and readiness names every migration as missing', async () => {
    const live = await server.request('GET', '/api/health');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ ok: true, db: server.dbKind });

    const ready = await server.request('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.ready).toBe(false);
    expect(ready.body.checks.database.ok).toBe(true);
    expect(ready.body.checks.migrations).toMatchObject({ ok: false });
    expect(ready.body.checks.migrations.detail).toContain(`${journal.entries.length} 个迁移`);
    expect(ready.body.checks.migrations.detail).toContain(journal.entries[0]?.tag);
    expect(ready.body.detail).toBe(ready.body.checks.migrations.detail);
    expect(ready.body.checks.community.ok).toBe(false);
  });

  it('after migrating: liveness 200, readiness 503 saying the community is not seeded', async () => {
    await migrateDatabase(database);
    const live = await server.request('GET', '/api/health');
    expect(live.status).toBe(200);
    expect(live.body.ok).toBe(true);

    const ready = await server.request('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.migrations).toEqual({ ok: true, detail: '迁移已是最新。' });
    expect(ready.body.checks.community.ok).toBe(false);
    expect(ready.body.detail).toContain('还没有社区');
    expect(ready.body.detail).toContain('npm run db:seed');
  });

  it('after seeding: ready, and the app opens on the community', async () => {
    // Migrating again is a no-op after the test above, and lets this test run alone.
    await migrateDatabase(database);
    await seedDemo(server.services);
    const ready = await server.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, checks: { database: { ok: true }, migrations: { ok: true }, community: { ok: true } } });
    expect(ready.body.detail).toBeUndefined();
    expect((await server.request('GET', '/api/community')).body.name).toBe('八珠街社区');
  });
});
