/**
 * Bench of photo uploads, for tests/bench/run.ts: one phone-camera photo of about 4 MB through
 * POST /api/attachments, timed from the request's start to its answer — by then the photo is
 * decoded, re-encoded without EXIF, its thumbnail made, both stored and the row written (the
 * answer carries the thumbnail's link, which is fetched too, to prove it ready). Uploads run one
 * at a time (the work is the image library's CPU), on the Postgres server with the folder store,
 * and again with an S3-speaking server (s3rver) when BENCH_PHOTO_S3 is not 0.
 *
 * Run alone: `npx tsx tests/bench/photos.ts`.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { seedDemo } from '../../functions/_entry/seed-demo.js';
import { createServerApp } from '../../functions/_entry/server.js';
import { createDataCipher } from '../../functions/_platform/crypto.js';
import { noisyJpeg, upload } from '../support/photos.js';
import { testSettings } from '../support/settings.js';

const RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 8);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function measureOn(dbUrl: string, store: Record<string, string>, photo: Buffer) {
  const settings = testSettings({ ...store, ATTACHMENT_MAX_BYTES: String(12 * 1024 * 1024) });
  const database = await openDatabase({ url: dbUrl, driver: 'pg', max: 4 });
  let base = '';
  const { app } = createServerApp({ settings, database, baseUrl: () => base });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(settings, { PUBLIC_URL: base });
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'resident1', password: 'Resident#2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const stored: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const started = performance.now();
      const res = await upload(base, token, photo);
      if (res.status !== 201) throw new Error(`upload → ${res.status} ${res.text}`);
      const answered = performance.now();
      const thumb = await fetch(res.body.thumbnailUrl);
      await thumb.arrayBuffer();
      if (thumb.status !== 200) throw new Error(`thumbnail → ${thumb.status}`);
      // The first is the warm-up (the image library and the store's SDK load then).
      if (i === 0) continue;
      stored.push(answered - started);
      ready.push(performance.now() - started);
    }
    return { stored, ready };
  } finally {
    await new Promise((r) => server.close(r));
    await database.close();
  }
}

export async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bz_bench_ph_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bz-bench-photos-'));
  let s3: { close(): Promise<void> } | null = null;
  try {
    const setupDb = await openDatabase({ url: url.toString(), driver: 'pg', max: 2 });
    await migrateDatabase(setupDb);
    await seedDemo({ db: setupDb.db, cipher: createDataCipher(Buffer.from(testSettings().DATA_KEY!, 'base64')) });
    await setupDb.close();

    const photo = await noisyJpeg(4 * 1024 * 1024);
    const stores: [string, Record<string, string>][] = [['folder', { STORAGE: 'folder', DATA_DIR: dataDir }]];
    if (process.env.BENCH_PHOTO_S3 !== '0') {
      const { default: S3rver } = await import('s3rver');
      const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dataDir, 's3'), configureBuckets: [{ name: 'bench' }] });
      const address = await server.run();
      s3 = server;
      stores.push([
        's3 (s3rver)',
        {
          STORAGE: 's3',
          DATA_DIR: dataDir,
          S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
          S3_BUCKET: 'bench',
          S3_ACCESS_KEY_ID: 'S3RVER',
          S3_SECRET_ACCESS_KEY: 'S3RVER',
          S3_FORCE_PATH_STYLE: '1',
        },
      ]);
    }
    console.log(
      `| upload of a ${(photo.byteLength / 1024 / 1024).toFixed(1)} MB photo (${RUNS} runs, one at a time) | store | stored p50 ms | stored p99 ms | thumbnail ready p50 ms | thumbnail ready p99 ms |`,
    );
    console.log('|---|---|---|---|---|---|');
    for (const [name, store] of stores) {
      const { stored, ready } = await measureOn(url.toString(), store, photo);
      console.log(
        `| POST /api/attachments → 201, GET thumbnail | ${name} | ${percentile(stored, 50).toFixed(0)} | ${percentile(stored, 99).toFixed(0)} | ${percentile(ready, 50).toFixed(0)} | ${percentile(ready, 99).toFixed(0)} |`,
      );
    }
  } finally {
    await s3?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
