import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testDbKind } from './settings.js';

/** s3rver's own credentials: it checks every signature against them, as a real store does. */
const S3RVER_KEY = 'S3RVER';
const BUCKET = 'bazhu-photos';

export interface TestStore {
  kind: 'folder' | 's3';
  /** Settings for startTestServer. */
  settings: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The object store a photo test runs on: the folder store (the embedded default) beside PGlite,
 * a real S3-speaking server (s3rver, started here on a free port) beside the Postgres server —
 * or whichever TEST_STORE names.
 */
export async function startTestStore(): Promise<TestStore> {
  const kind = (process.env.TEST_STORE as 'folder' | 's3' | undefined) ?? (testDbKind() === 'pglite' ? 'folder' : 's3');
  const directory = mkdtempSync(path.join(tmpdir(), `bazhu-${kind}-`));
  if (kind === 'folder') {
    return { kind, settings: { STORAGE: 'folder', DATA_DIR: directory }, close: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const { default: S3rver } = await import('s3rver');
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const address = (await s3.run()) as AddressInfo;
  return {
    kind,
    settings: {
      STORAGE: 's3',
      DATA_DIR: directory,
      S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: '1',
    },
    async close() {
      await s3.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
