import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../support/database';

/**
 * Loads the exact module Vercel deploys (api/index.ts, reached through vercel.json's rewrites)
 * and sends real HTTP through it.
 */
let server: Server;
let url: string;
let closeDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const config = inject('testDb');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'vercel-entry-secret-vercel-entry-secret-000',
    DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'bazhujie-vercel-')),
  });
  if (config.kind !== 'pglite') {
    const db = await openTestDatabase();
    closeDb = db.close;
    process.env.DATABASE_URL = db.url;
    process.env.DB_DRIVER = config.kind;
    if (config.wsProxy) process.env.NEON_WS_PROXY = config.wsProxy;
  }
  const { default: handler } = await import('../../api/index');
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await closeDb?.();
});

describe('the Vercel function entry', () => {
  it('answers health through the deployed handler', async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: inject('testDb').kind });
  });

  it('keeps the error model: malformed JSON 400, unknown route 404, both problem JSON', async () => {
    const bad = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const missing = await fetch(`${url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('NOT_FOUND');
  });

  it('signs in a demo account through it', async () => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'staff', password: 'Staff#2026' }),
    });
    // PGlite here is a fresh embedded database seeded with its own (different) data key; pg and neon use the test template.
    expect(res.status).toBe(200);
    expect((await res.json()).token).toEqual(expect.any(String));
  });
});
