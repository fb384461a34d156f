/**
 * Password rules a resident can meet and understand: 8–64 characters with at least one letter
 * and one digit, and not a run like 12345678. Pure; the mini-program shows the same message.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少需要8位。';
  if (password.length > 64) return '密码最多64位。';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码需要同时包含字母和数字。';
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|12345678|87654321|abcdefgh|password)/i.test(password)) return '密码太简单，请换一个不容易被猜到的。';
  return null;
}

export { PHONE_PATTERN } from '../_shared/phone.js';
