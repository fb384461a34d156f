import type { Settings } from '../env.js';

/**
 * Where the product keeps files (photos of service requests): one small interface, three
 * stores behind it — a folder under DATA_DIR (the embedded default, as PGlite's data), any
 * S3-compatible store (Tencent COS, MinIO, AWS) and Vercel Blob — chosen by settings. Every
 * object is private: it is read through a signed link that stops working after `ttlSeconds`.
 */
export interface ObjectStore {
  readonly kind: Settings['STORAGE'];
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** A link anyone holding it may read the object through until `now + ttlSeconds`. */
  signedUrl(key: string, options: { ttlSeconds: number; now: Date }): Promise<string>;
  /** Removes the objects; a key with no object is no error. */
  delete(keys: string[]): Promise<void>;
  /**
   * The folder store only: the object behind one of its signed links (served by the API itself
   * at FILES_PATH), if the link is genuine and not expired at `now`; else null.
   */
  readSigned?(key: string, expires: string, signature: string, now: Date): Promise<{ body: Buffer; contentType: string } | null>;
}

/** Where the folder store's signed links point: a route of the API (functions/service-requests/photo-routes.ts). */
export const FILES_PATH = '/api/files/';

/** Object keys are our own (`attachments/<community>/<id>.jpg`): nothing a caller typed, no `..`. */
export const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;

export interface StoreOptions {
  settings: Settings;
  /** Signs the folder store's links (a key derived from the auth secret). */
  secret: Uint8Array;
  /** Where the folder store's links point (the API's own origin). */
  origin: () => string;
}

/** The store the settings name, its SDK loaded only when it is the one in use. */
export async function createObjectStore(options: StoreOptions): Promise<ObjectStore> {
  const { settings } = options;
  if (settings.STORAGE === 's3') {
    const { createS3Store } = await import('./s3-store.js');
    return createS3Store({
      endpoint: settings.S3_ENDPOINT,
      region: settings.S3_REGION,
      bucket: settings.S3_BUCKET!,
      accessKeyId: settings.S3_ACCESS_KEY_ID!,
      secretAccessKey: settings.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    });
  }
  if (settings.STORAGE === 'blob') {
    const { createBlobStore } = await import('./blob-store.js');
    return createBlobStore({ token: settings.BLOB_READ_WRITE_TOKEN! });
  }
  const { createFolderStore } = await import('./folder-store.js');
  return createFolderStore({ dataDir: settings.DATA_DIR, secret: options.secret, origin: options.origin });
}

/** A store made on first use: most requests never touch a file, and a cold start should not load an SDK for them. */
export function lazyObjectStore(options: StoreOptions): ObjectStore {
  let store: Promise<ObjectStore> | null = null;
  const get = () => {
    store ??= createObjectStore(options);
    return store;
  };
  return {
    kind: options.settings.STORAGE,
    put: async (key, body, contentType) => (await get()).put(key, body, contentType),
    get: async (key) => (await get()).get(key),
    signedUrl: async (key, o) => (await get()).signedUrl(key, o),
    delete: async (keys) => (await get()).delete(keys),
    ...(options.settings.STORAGE === 'folder'
      ? { readSigned: async (key: string, expires: string, signature: string, now: Date) => (await get()).readSigned!(key, expires, signature, now) }
      : {}),
  };
}
