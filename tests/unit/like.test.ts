import { describe, expect, it } from 'vitest';
import { containing, escapeLike } from '../../functions/_platform/like.js';

describe('LIKE patterns from what a user typed', () => {
  it('takes the percent sign, the underscore and the backslash literally', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('王_')).toBe('王\\_');
    expect(escapeLike('a\\b')).toBe('a\\\\b');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
  });

  it('leaves ordinary text as it is and matches it anywhere', () => {
    expect(escapeLike('张三')).toBe('张三');
    expect(containing('王_')).toBe('%王\\_%');
    expect(containing('')).toBe('%%');
  });
});
