import { describe, expect, it } from 'vitest';
import { type InputDescription, inputDescriber } from '../../miniapp/src/components/input-description.js';

/** An input that records its attributes, and a clock whose retries run in the order the test says. */
function page() {
  let input: Map<string, string> | null = null;
  const timers: (() => void)[] = [];
  const describer = inputDescriber(
    () =>
      input && {
        setAttribute: (name: string, value: string) => void input!.set(name, value),
        removeAttribute: (name: string) => void input!.delete(name),
      },
    (run) => void timers.push(run),
  );
  return {
    describer,
    timers,
    runLatestFirst: () => {
      while (timers.length) timers.pop()!();
    },
    /** Taro creates the real element. */
    appear: () => (input = new Map()),
    attr: (name: string) => input?.get(name),
  };
}

const field = (invalid: boolean): InputDescription => ({
  labelledBy: 'note-label',
  describedBy: invalid ? 'note-error' : '',
  invalid,
  required: false,
});

describe('a field described before Taro has created its input', () => {
  it('ends marked invalid when the error came last, whichever retry runs last', () => {
    const p = page();
    p.describer.describe('note', field(false)); // the page's first render
    p.describer.describe('note', field(true)); // the error, tapped before the input exists
    p.appear();
    // The retries run latest first: the error's, then the first render's.
    p.runLatestFirst();
    expect(p.attr('aria-invalid')).toBe('true');
    expect(p.attr('aria-describedby')).toBe('note-error');
  });

  it('ends valid when the error was cleared last', () => {
    const p = page();
    p.describer.describe('note', field(true));
    p.describer.describe('note', field(false));
    p.appear();
    p.runLatestFirst();
    expect(p.attr('aria-invalid')).toBe('false');
    expect(p.attr('aria-describedby')).toBeUndefined();
  });

  it('is described at once when its input is there, and gives up after 2 s of retries', () => {
    const p = page();
    p.appear();
    p.describer.describe('note', field(true));
    expect(p.timers).toHaveLength(0);
    expect(p.attr('aria-labelledby')).toBe('note-label');

    const q = page();
    q.describer.describe('note', field(true));
    let retries = 0;
    while (q.timers.length) {
      q.timers.shift()!();
      retries += 1;
    }
    expect(retries).toBe(40);
    // Once given up, the next render tries again.
    q.appear();
    q.describer.describe('note', field(true));
    expect(q.attr('aria-invalid')).toBe('true');
  });
});
