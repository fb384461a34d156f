import { describe, expect, it } from 'vitest';
import { doubledWord, joinWithoutRepeat, titleFrom } from '../../functions/_shared/title.js';

describe('joining the pieces of a title without saying a word twice', () => {
  it.each([
    ['八珠街社区第一届居民委员会选举', '选举结果公告', '八珠街社区第一届居民委员会选举结果公告'],
    ['第1届居委会选举', '正式候选人名单', '第1届居委会选举正式候选人名单'],
    ['八珠街社区', '八珠街社区第一届居民委员会选举', '八珠街社区第一届居民委员会选举'],
    ['八珠街社区', '第一届居民委员会选举', '八珠街社区第一届居民委员会选举'],
    ['', '选举结果公告', '选举结果公告'],
  ])('%s + %s', (a, b, joined) => {
    expect(joinWithoutRepeat(a, b)).toBe(joined);
    expect(doubledWord(joined)).toBeNull();
  });

  it('finds a doubled word, and not a single character said twice', () => {
    expect(doubledWord('第一届居委会选举选举结果公告')).toBe('选举');
    expect(doubledWord('举行的八珠街社区八珠街社区第一届')).toBe('八珠街社区');
    expect(doubledWord('常常来看看')).toBeNull();
  });
});

describe("a request's title taken from its description", () => {
  it('is the first line with words, without the blanks around it', () => {
    expect(titleFrom('\n  \n  我要开居住证明   \r\n给孙子上学用')).toBe('我要开居住证明');
    expect(titleFrom('低保怎么申请  \n家里老人生病了')).toBe('低保怎么申请');
  });
  it('is cut at 20 characters as a reader counts them, with …', () => {
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九十…');
    expect(titleFrom('𠀀'.repeat(21))).toBe(`${'𠀀'.repeat(20)}…`);
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
  });
});
