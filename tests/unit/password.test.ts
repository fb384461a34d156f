import { describe, expect, it } from 'vitest';
import { PHONE_PATTERN, passwordProblem } from '../../functions/auth/password.js';

describe('passwordProblem', () => {
  it('accepts 8 characters with a letter and a digit', () => {
    expect(passwordProblem('Chunshu1')).toBeNull();
  });

  it('refuses 7 characters, saying at least 8 are needed', () => {
    expect(passwordProblem('Chunsh1')).toBe('密码至少需要8位。');
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(passwordProblem(`a1${'b'.repeat(62)}`)).toBeNull();
    expect(passwordProblem(`a1${'b'.repeat(63)}`)).toBe('密码最多64位。');
  });

  it.each([
    ['only letters', 'Chunshujie'],
    ['only digits', '20261126'],
    ['only symbols', '#########'],
    ['letters and symbols but no digit', 'Chun#shu#jie'],
  ])('refuses %s, asking for letters and digits', (_, password) => {
    expect(passwordProblem(password)).toBe('密码需要同时包含字母和数字。');
  });

  it.each(['12345678a', 'password1', 'Password2026', 'ABCDEFGH9', '87654321x', '0123456789z'])('refuses %s as too easy to guess', (password) => {
    expect(passwordProblem(password)).toBe('密码太简单，请换一个不容易被猜到的。');
  });

  it('accepts a password with Chinese characters and symbols besides letters and digits', () => {
    expect(passwordProblem('八珠街#Bz2026')).toBeNull();
  });
});

describe('PHONE_PATTERN', () => {
  it.each(['13812341234', '19912341234', '15000000000'])('accepts the mainland mobile number %s', (phone) => {
    expect(PHONE_PATTERN.test(phone)).toBe(true);
  });

  it.each([
    ['10 digits', '1381234123'],
    ['12 digits', '138123412345'],
    ['a second digit of 2', '12812341234'],
    ['a leading 2', '23812341234'],
    ['a country code', '+8613812341234'],
    ['spaces inside', '138 1234 1234'],
  ])('refuses %s', (_, phone) => {
    expect(PHONE_PATTERN.test(phone)).toBe(false);
  });

  it('accepts a password that only begins with a repeated character, or has a run inside it', () => {
    expect(passwordProblem('aaaab123')).toBeNull();
    expect(passwordProblem('Xy12345678')).toBeNull();
    expect(passwordProblem('mypassword7')).toBeNull();
  });
});
