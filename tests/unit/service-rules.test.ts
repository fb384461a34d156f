import { describe, expect, it } from 'vitest';
import { serviceRequestStatuses } from '../../db/schema/index.js';
import { weekStart } from '../../functions/service-requests/dashboard.js';
import { canTransition, dueAtFor, isOpen, isOverdue, titleFrom } from '../../functions/service-requests/rules.js';

describe('request lifecycle', () => {
  it('moves forward one step at a time, with accepted → resolved for matters settled on the spot', () => {
    expect(canTransition('submitted', 'accepted')).toBe(true);
    expect(canTransition('accepted', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('accepted', 'resolved')).toBe(true);
    expect(canTransition('submitted', 'in_progress')).toBe(false);
    expect(canTransition('submitted', 'resolved')).toBe(false);
    expect(canTransition('in_progress', 'accepted')).toBe(false);
  });

  it('rejects from every non-final status and from no final one', () => {
    for (const from of serviceRequestStatuses) {
      expect(canTransition(from, 'rejected')).toBe(isOpen(from));
    }
  });

  it('never leaves a final status (reopening is its own verb)', () => {
    for (const to of serviceRequestStatuses) {
      expect(canTransition('resolved', to)).toBe(false);
      expect(canTransition('rejected', to)).toBe(false);
    }
  });
});

describe('deadlines', () => {
  const due = { acceptDueAt: new Date('2026-12-01T04:00:00Z'), resolveDueAt: new Date('2026-12-03T00:00:00Z') };

  it('measures a submitted request against accepting, an accepted one against resolving, a final one against nothing', () => {
    expect(dueAtFor('submitted', due)).toBe(due.acceptDueAt);
    expect(dueAtFor('accepted', due)).toBe(due.resolveDueAt);
    expect(dueAtFor('in_progress', due)).toBe(due.resolveDueAt);
    expect(dueAtFor('resolved', due)).toBeNull();
    expect(dueAtFor('rejected', due)).toBeNull();
  });

  it('is overdue only strictly after the deadline', () => {
    expect(isOverdue(due.acceptDueAt, new Date('2026-12-01T04:00:00Z'))).toBe(false);
    expect(isOverdue(due.acceptDueAt, new Date('2026-12-01T04:00:00.001Z'))).toBe(true);
    expect(isOverdue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('starts the dashboard week on Monday 00:00 China time', () => {
    // Sunday 2026-11-29 23:30 in China is still the week of Monday 11-23.
    expect(weekStart(new Date('2026-11-29T15:30:00Z')).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    // Monday 2026-11-30 00:30 in China (still Sunday in UTC) starts the new week.
    expect(weekStart(new Date('2026-11-29T16:30:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('titles from spoken descriptions', () => {
  it('takes the first line, cut at 20 characters', () => {
    expect(titleFrom('楼道灯坏了\n晚上看不见')).toBe('楼道灯坏了');
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九十…');
  });
});
