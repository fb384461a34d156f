/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence, 1 check character (ISO 7064 MOD 11-2). Pure, so the mini-program can use it too.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export function checkIdNumber(raw: string, today: string): { ok: true; idNumber: string; birthDate: string } | { ok: false; problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, problem: 'region' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || birthDate > today) {
    return { ok: false, problem: 'birthDate' };
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, idNumber: id, birthDate };
}

export const idProblemMessages: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位，前17位是数字，最后一位是数字或X。',
  region: '身份证号开头的地区代码不对，请核对。',
  birthDate: '身份证号里的出生日期不对，请核对。',
  checksum: '身份证号最后一位校验不通过，请逐位核对。',
};

/** Builds a valid ID number for the given region, birth date (YYYYMMDD) and sequence (demo and tests). */
export function makeIdNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idCheckChar(first17);
}

export type Sex = 'male' | 'female';

/**
 * The holder's sex, read from the 17th character of a valid ID number (GB 11643-1999, 顺序码:
 * odd for men, even for women). The 18th, the check character, plays no part (it may be X).
 */
export const sexFromIdNumber = (idNumber: string): Sex => (Number(idNumber[16]) % 2 === 1 ? 'male' : 'female');
