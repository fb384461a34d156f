import { describe, expect, it } from 'vitest';
import { temporaryPassword } from '../../functions/residents/reset-password.js';

describe('temporaryPassword', () => {
  it('is always two letters read aloud without confusion and six digits, small numbers padded with zeros', () => {
    // 500 draws: a draw below 100000 (one in ten) shows whether the digits keep their leading zeros.
    const drawn = Array.from({ length: 500 }, temporaryPassword);
    for (const password of drawn) expect(password).toMatch(/^[A-HJKMNP-Z]{2}\d{6}$/);
    expect(drawn.some((p) => p[2] === '0')).toBe(true);
    expect(new Set(drawn).size).toBeGreaterThan(490);
  });
});
