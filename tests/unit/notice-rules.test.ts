import { describe, expect, it } from 'vitest';
import { backoffMs, classifyWechatError, MAX_ATTEMPTS, noticeMessage, thing } from '../../functions/notices/rules.js';

describe('a subscribe message’s thing value (at most 20 characters, never empty)', () => {
  it.each([
    ['社区公告', '社区公告'],
    // Runs of spaces, tabs and line breaks read as one space; the ends are trimmed.
    ['  下周一\n\n  免费\t体检  ', '下周一 免费 体检'],
    // Exactly 20 stays whole; 21 is cut to 19 and an ellipsis.
    ['一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['一二三四五六七八九十一二三四五六七八九十多', '一二三四五六七八九十一二三四五六七八九…'],
    // Counted by characters as people read them, not UTF-16 units.
    ['🏠🏠🏠', '🏠🏠🏠'],
    // WeChat refuses an empty value: a placeholder that says where to read it.
    ['', '请打开小程序查看'],
    [' \n\t ', '请打开小程序查看'],
  ])('%j → %j', (value, shown) => {
    expect(thing(value)).toBe(shown);
  });

  it('takes a shorter limit where a template asks for one', () => {
    expect(thing('居民委员会选举公告', 5)).toBe('居民委员…');
  });
});

describe('the notice template', () => {
  it('says the title, the category in residents’ words and the China time it was published', () => {
    expect(noticeMessage({ title: '八珠街社区选民名单公告', category: 'election', publishAt: new Date('2027-03-01T16:30:00Z') })).toEqual({
      thing1: { value: '八珠街社区选民名单公告' },
      thing2: { value: '选举公告' },
      time3: { value: '2027-03-02 00:30' },
    });
  });
});

describe('WeChat’s answer to a subscribe message', () => {
  it('reads 43101 as refused: no credit left, not reached', () => {
    expect(classifyWechatError(43101, 'user refuse to accept the msg')).toEqual({ kind: 'refused' });
  });

  it.each([
    [-1, 'system error'],
    [40001, 'invalid credential'],
    [42001, 'access_token expired'],
    [45009, 'reach max api daily quota limit'],
    [45011, 'api minute-quota reach limit'],
    [45015, 'response out of time limit'],
    [45047, 'out of response count limit'],
  ])('tries %i again later, keeping the code and WeChat’s words', (errcode, errmsg) => {
    expect(classifyWechatError(errcode, errmsg)).toEqual({ kind: 'transient', reason: `${errcode} ${errmsg}` });
  });

  it.each([
    [47003, 'argument invalid! data.thing1.value', '47003 argument invalid! data.thing1.value'],
    [40037, 'invalid template_id', '40037 invalid template_id'],
    // No words from WeChat: the code alone, with no trailing space.
    [47003, '', '47003'],
  ])('gives up on %i at once (no retry will help)', (errcode, errmsg, reason) => {
    expect(classifyWechatError(errcode, errmsg)).toEqual({ kind: 'permanent', reason });
  });

  it('keeps the code alone for a transient answer without words', () => {
    expect(classifyWechatError(45009, '')).toEqual({ kind: 'transient', reason: '45009' });
  });
});

describe('retries', () => {
  it('wait 30 s, 1 min, 2 min … doubling, at most an hour, and stop after eight attempts', () => {
    expect([1, 2, 3, 4, 7, 8, 9, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(backoffMs(0)).toBe(30_000);
    expect(MAX_ATTEMPTS).toBe(8);
  });
});
