import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifySessionToken } from '../../functions/_platform/auth-context.js';

const secret = new TextEncoder().encode('unit-test-secret-unit-test-secret-0123456789');
const other = new TextEncoder().encode('another-secret-another-secret-another-0000');
const now = Math.floor(Date.now() / 1000);
const sign = (claims: { sub?: string; exp?: number; nbf?: number }, key = secret, alg = 'HS256') => {
  const jwt = new SignJWT(claims.nbf ? { nbf: claims.nbf } : {}).setProtectedHeader({ alg }).setIssuedAt();
  if (claims.sub) jwt.setSubject(claims.sub);
  if (claims.exp) jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** The token check done with node:crypto accepts exactly what jose's jwtVerify accepted. */
describe('verifySessionToken', () => {
  it('returns the session id of a token this server signed', async () => {
    expect(verifySessionToken(await sign({ sub: 'session-1', exp: now + 60 }), secret)).toBe('session-1');
  });

  it('refuses another key, an expired token, one not valid yet, one without subject', async () => {
    expect(verifySessionToken(await sign({ sub: 's', exp: now + 60 }, other), secret)).toBeNull();
    expect(verifySessionToken(await sign({ sub: 's', exp: now - 1 }), secret)).toBeNull();
    expect(verifySessionToken(await sign({ sub: 's', exp: now + 60, nbf: now + 600 }), secret)).toBeNull();
    expect(verifySessionToken(await sign({ exp: now + 60 }), secret)).toBeNull();
  });

  it('refuses a changed payload, another algorithm, alg none, and a padded signature', async () => {
    const token = await sign({ sub: 's', exp: now + 60 });
    const [head, , signature] = token.split('.');
    expect(verifySessionToken(`${head}.${b64({ sub: 'other', exp: now + 60 })}.${signature}`, secret)).toBeNull();
    expect(verifySessionToken(await sign({ sub: 's', exp: now + 60 }, secret, 'HS512'), secret)).toBeNull();
    expect(verifySessionToken(`${b64({ alg: 'none' })}.${b64({ sub: 's' })}.`, secret)).toBeNull();
    expect(verifySessionToken(`${token}A`, secret)).toBeNull();
    expect(verifySessionToken('a.b', secret)).toBeNull();
    expect(verifySessionToken('%%%.%%%.%%%', secret)).toBeNull();
  });

  describe('a token checked before (its signature is remembered)', () => {
    afterEach(() => vi.useRealTimers());

    it('still stops working when it expires', async () => {
      const token = await sign({ sub: 'session-2', exp: now + 60 });
      expect(verifySessionToken(token, secret)).toBe('session-2');
      vi.useFakeTimers({ now: (now + 61) * 1000 });
      expect(verifySessionToken(token, secret)).toBeNull();
    });

    it('starts working once it is valid, and is still refused under another key', async () => {
      const token = await sign({ sub: 'session-3', exp: now + 3600, nbf: now + 600 });
      expect(verifySessionToken(token, secret)).toBeNull();
      vi.useFakeTimers({ now: (now + 601) * 1000 });
      expect(verifySessionToken(token, secret)).toBe('session-3');
      expect(verifySessionToken(token, other)).toBeNull();
    });
  });
});
