import { describe, expect, it } from 'vitest';
import { createDataCipher, maskIdNumber, maskPhone } from '../../functions/_platform/crypto.js';

const key = (fill: number) => Buffer.alloc(32, fill);

describe('createDataCipher', () => {
  const cipher = createDataCipher(key(7));

  it('decrypts what it encrypted, Chinese text included', () => {
    for (const plain of ['620102199001011234', '13812341234', '张桂兰 八珠塬村']) expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('never shows the clear value in the sealed one, and seals the same value differently each time', () => {
    const a = cipher.encrypt('620102199001011234');
    const b = cipher.encrypt('620102199001011234');
    expect(a).not.toContain('620102199001011234');
    expect(a).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(a).not.toBe(b);
  });

  it('refuses a sealed value that was altered', () => {
    const [version, iv, tag, body] = cipher.encrypt('13812341234').split(':');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
  });

  it('refuses a value sealed under another key', () => {
    const sealed = createDataCipher(key(8)).encrypt('13812341234');
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('refuses a value of an unknown format', () => {
    expect(() => cipher.decrypt('13812341234')).toThrow(/unknown sealed value format/);
    expect(() => cipher.decrypt('v2:a:b:c')).toThrow(/unknown sealed value format/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createDataCipher(Buffer.alloc(31))).toThrow(/32 bytes/);
    expect(() => createDataCipher(Buffer.alloc(33))).toThrow(/32 bytes/);
  });

  it('hashes the same value to the same digest, across cipher instances of one key', () => {
    expect(cipher.hash('13812341234')).toBe(createDataCipher(key(7)).hash('13812341234'));
  });

  it('hashes different values, or one value under another key, to different digests', () => {
    expect(cipher.hash('13812341234')).not.toBe(cipher.hash('13812341235'));
    expect(cipher.hash('13812341234')).not.toBe(createDataCipher(key(8)).hash('13812341234'));
  });

  it('keys the hash: the digest is not a plain SHA-256 of the value and does not contain it', async () => {
    const { createHash } = await import('node:crypto');
    const digest = cipher.hash('13812341234');
    expect(digest).not.toBe(createHash('sha256').update('13812341234').digest('base64url'));
    expect(digest).not.toContain('13812341234');
    expect(digest).toMatch(/^[\w-]{43}$/);
  });
});

describe('masks', () => {
  it('shows a phone as its first 3 and last 4 digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('shows nothing of a phone too short to mask safely', () => {
    expect(maskPhone('123456')).toBe('****');
    expect(maskPhone('1234567')).toBe('123****4567');
  });

  it('shows an ID number as its first 4 and last 4 characters with 10 stars between', () => {
    expect(maskIdNumber('62010219900101109X')).toBe('6201**********109X');
    expect(maskIdNumber('62010219900101109X')).toHaveLength(18);
  });
});
