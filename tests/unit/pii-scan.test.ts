import { describe, expect, it } from 'vitest';
import { personalDataLeaks } from '../support/pii-scan.js';

const owner = '0194f0c2-0000-7000-8000-000000000001';
const other = '0194f0c2-0000-7000-8000-000000000002';
const phones = [{ phone: '13912345678', ownerAccountId: owner }];
const json = (value: unknown) => JSON.stringify(value);

describe('personalDataLeaks (the scan the API suites end with)', () => {
  it('passes masked values, a 32-character hex ticket and the owner reading their own phone', () => {
    const bodies = [
      json({ resident: { idNumberMasked: '6201**********109X', phone: '139****5678' } }),
      json({ ticket: '12345678901234567890123456789abc' }),
      json({ account: { id: owner, phone: '13912345678', name: '张桂兰' } }),
      json({ errors: [{ path: 'body.password', message: '密码至少需要8位。' }] }),
    ];
    expect(personalDataLeaks(bodies, { phones, idNumbers: ['62010219900101109X'], passwords: ['Chunshu#2026'] })).toEqual([]);
  });

  it('finds a whole ID number, known or not, lower-case x included', () => {
    expect(personalDataLeaks([json({ idNumber: '62010219900101109x' })])).toHaveLength(1);
    expect(personalDataLeaks([json({ note: '身份证62010219900101109X已登记' })], { idNumbers: ['62010219900101109X'] })).toHaveLength(1);
  });

  it("finds a whole phone in another account's view, in a sign-in reply and in a list", () => {
    expect(personalDataLeaks([json({ account: { id: other, phone: '13912345678' } })], { phones })).toHaveLength(1);
    expect(personalDataLeaks([json({ token: 't', account: { id: owner, phone: '13912345678' } })], { phones })).toHaveLength(1);
    expect(personalDataLeaks([json({ items: [{ phone: '13912345678' }] })], { phones })).toHaveLength(1);
  });

  it('finds password fields, argon2 hashes, session keys and echoed passwords', () => {
    const leaks = personalDataLeaks(
      [
        json({ password: 'x' }),
        json({ passwordHash: 'x' }),
        json({ h: '$argon2id$v=19$m=19456' }),
        json({ session_key: 'abc' }),
        json({ echo: 'Chunshu#2026' }),
      ],
      { passwords: ['Chunshu#2026'] },
    );
    expect(leaks).toHaveLength(5);
  });
});
