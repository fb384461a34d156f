import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (ID numbers, phones): AES-256-GCM with a random IV per value, plus a
 * keyed hash (HMAC-SHA256 under a separate derived key) for look-up and uniqueness, so the
 * database never holds the clear value and a leaked dump cannot be reversed by guessing.
 */
export interface DataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  hash(plain: string): string;
}

export function createDataCipher(key: Buffer): DataCipher {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'bazhujie/enc', 32));
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'bazhujie/mac', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed value format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

export { maskPhone } from '../_shared/phone.js';

/** 620102199001011234 → 6201**********1234 */
export const maskIdNumber = (id: string): string => `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
