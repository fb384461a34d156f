import { del, get, issueSignedToken, presignUrl, put } from '@vercel/blob';
import type { ObjectStore } from './object-store.js';

/**
 * Vercel Blob, private objects: read through presigned GET links (a delegation token scoped to
 * the one object, get only, expiring with the link).
 */
export function createBlobStore(options: { token: string }): ObjectStore {
  const { token } = options;
  return {
    kind: 'blob',
    async put(key, body, contentType) {
      await put(key, body, { access: 'private', contentType, token, addRandomSuffix: false, allowOverwrite: true });
    },
    async get(key) {
      const result = await get(key, { access: 'private', token });
      if (!result?.stream) return null;
      return Buffer.from(await new Response(result.stream).arrayBuffer());
    },
    async signedUrl(key, { ttlSeconds, now }) {
      const validUntil = now.getTime() + ttlSeconds * 1000;
      const signed = await issueSignedToken({ pathname: key, operations: ['get'], validUntil, token });
      const { presignedUrl } = await presignUrl(signed, { operation: 'get', pathname: key, validUntil, access: 'private' });
      return presignedUrl;
    },
    async delete(keys) {
      if (keys.length) await del(keys, { token });
    },
  };
}
