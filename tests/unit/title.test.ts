import { describe, expect, it } from 'vitest';
import { doubledWord, joinWithoutRepeat } from '../../functions/_shared/title.js';

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
