import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, idProblemMessages, makeIdNumber, sexFromIdNumber } from '../../functions/residents/id-number.js';

const TODAY = '2026-03-02';
const check = (id: string) => checkIdNumber(id, TODAY);
const problem = (id: string) => {
  const result = check(id);
  return result.ok ? null : result.problem;
};
/** The 17 digits of region, birth date and sequence, with the check character computed by the code under test. */
const valid = (region: string, birth: string, sequence = '123') => makeIdNumber(region, birth, sequence);

describe('idCheckChar (ISO 7064 MOD 11-2)', () => {
  it('gives the check characters of the published GB 11643-1999 examples', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });
});

describe('checkIdNumber', () => {
  it('accepts a well-formed number and derives the birth date from it', () => {
    expect(check('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('accepts a lower-case x and surrounding spaces, and returns the number normalised', () => {
    expect(check(' 11010519491231002x ')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it.each([
    ['17 digits', '11010519491231002'],
    ['19 digits', '110105194912310021X'],
    ['an X before the last place', '1101051949123100X2'],
    ['a letter other than X', '11010519491231002Y'],
    ['an empty string', ''],
    ['full-width digits', '１１０１０５１９４９１２３１００２X'],
  ])('refuses %s as a format problem', (_, id) => {
    expect(problem(id)).toBe('format');
  });

  it.each([
    ['00', 'no province'],
    ['10', 'below the first province code 11'],
    ['66', 'between the north-west codes and Taiwan'],
    ['91', 'above the last code 83'],
  ])('refuses region code %s (%s)', (province) => {
    expect(problem(valid(`${province}0102`, '19900101'))).toBe('region');
  });

  it.each(['11', '62', '65', '71', '81', '83'])('accepts province code %s', (province) => {
    expect(check(valid(`${province}0102`, '19900101')).ok).toBe(true);
  });

  describe('birth date', () => {
    it.each([
      ['30 February', '19900230'],
      ['29 February of a common year', '20230229'],
      ['29 February 1900 (not a leap year)', '19000229'],
      ['month 13', '19901301'],
      ['month 00', '19900001'],
      ['day 00', '19900100'],
      ['day 32', '19900132'],
      ['31 April', '19900431'],
    ])('refuses an impossible date: %s', (_, birth) => {
      expect(problem(valid('620102', birth))).toBe('birthDate');
    });

    it('accepts 29 February of a leap year, 2000 included', () => {
      expect(check(valid('620102', '20000229'))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
      expect(check(valid('620102', '19960229'))).toMatchObject({ ok: true, birthDate: '1996-02-29' });
    });

    it('accepts 1 January 1900 and refuses 31 December 1899', () => {
      expect(check(valid('620102', '19000101'))).toMatchObject({ ok: true, birthDate: '1900-01-01' });
      expect(problem(valid('620102', '18991231'))).toBe('birthDate');
    });

    it('accepts someone born today and refuses a birth date tomorrow', () => {
      expect(check(valid('620102', '20260302'))).toMatchObject({ ok: true, birthDate: '2026-03-02' });
      expect(problem(valid('620102', '20260303'))).toBe('birthDate');
    });
  });

  it('refuses a number whose last character does not match, one digit off or X for a digit', () => {
    const id = valid('620102', '19900101', '123');
    const last = id.at(-1)!;
    const wrong = last === '9' ? '0' : last === 'X' ? '0' : String(Number(last) + 1);
    expect(problem(id.slice(0, 17) + wrong)).toBe('checksum');
    expect(problem(id.slice(0, 17) + (last === 'X' ? '1' : 'X'))).toBe('checksum');
  });

  it('catches two swapped digits in the sequence through the checksum', () => {
    const id = valid('620102', '19900101', '128');
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`;
    expect(problem(swapped)).toBe('checksum');
  });

  it('has a Chinese message for every problem', () => {
    for (const message of Object.values(idProblemMessages)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(Object.keys(idProblemMessages).sort()).toEqual(['birthDate', 'checksum', 'format', 'region']);
  });
});

describe('sexFromIdNumber (GB 11643-1999: the 17th digit, odd for men, even for women)', () => {
  it.each([
    ['11010519491231002X', 'female', '17th digit 2, check character X'],
    ['440524188001010014', 'male', '17th digit 1'],
    [makeIdNumber('620102', '19800615', '009'), 'male', '17th digit 9'],
    [makeIdNumber('620102', '19800615', '010'), 'female', '17th digit 0 counts as even'],
    [makeIdNumber('620102', '19800615', '997'), 'male', 'only the last digit of the sequence counts'],
    [makeIdNumber('620102', '19800615', '998'), 'female', 'the last digit of the sequence is 8'],
  ])('reads %s as %s (%s)', (id, sex) => {
    expect(sexFromIdNumber(id)).toBe(sex);
  });

  it('reads the check character X as no part of the sex', () => {
    const first17 = ['11010519491231002', '11010519491231003'];
    expect(first17.map((f) => sexFromIdNumber(f + idCheckChar(f)))).toEqual(['female', 'male']);
  });
});
