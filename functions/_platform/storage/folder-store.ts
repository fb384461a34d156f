import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILES_PATH, type ObjectStore, SAFE_KEY } from './object-store.js';

export type FolderStore = Required<ObjectStore>;

/**
 * The embedded default: files under DATA_DIR/objects, beside PGlite's data. Its signed links
 * point at the API itself (`/api/files/<key>?expires=…&signature=…`), an HMAC over key and
 * expiry, checked against the server's clock.
 */
export function createFolderStore(options: { dataDir: string; secret: Uint8Array; origin: () => string }): FolderStore {
  const root = path.resolve(options.dataDir, 'objects');
  const fileOf = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe object key ${key}`);
    return path.join(root, key);
  };
  const sign = (key: string, expires: string) => createHmac('sha256', options.secret).update(`object:${key}:${expires}`).digest('base64url');
  const typeOf = (key: string) => (key.endsWith('.json') ? 'application/json' : 'image/jpeg');

  return {
    kind: 'folder',
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async signedUrl(key, { ttlSeconds, now }) {
      const expires = String(Math.floor(now.getTime() / 1000) + ttlSeconds);
      const query = new URLSearchParams({ expires, signature: sign(key, expires) });
      return `${options.origin()}${FILES_PATH}${key}?${query}`;
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
    async readSigned(key, expires, signature, now) {
      if (!SAFE_KEY.test(key) || key.includes('..') || !/^\d{1,12}$/.test(expires)) return null;
      const expected = Buffer.from(sign(key, expires));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (Number(expires) * 1000 < now.getTime()) return null;
      const body = await this.get(key);
      return body ? { body, contentType: typeOf(key) } : null;
    },
  };
}
