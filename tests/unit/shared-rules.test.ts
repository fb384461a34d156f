import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleNames, serviceRequestStatuses } from '../../db/schema/index.js';
import { isCommittee as serverIsCommittee } from '../../functions/_platform/context.js';
import { addDays, chinaClock, chinaDate, chinaMidnight, chinaMinute, chinaMonthDayTime, daysBetween } from '../../functions/_shared/china-time.js';
import { keysetPage } from '../../functions/_shared/keyset.js';
import { isPhone, maskPhone } from '../../functions/_shared/phone.js';
import { hasWorkbench, isCommittee, isPublisher, isStaff, roleLabels, roles } from '../../functions/_shared/roles.js';
import { serviceStatuses, serviceStatusOfficeNames, serviceStatusWords } from '../../functions/_shared/service-status.js';
import { titleFrom } from '../../functions/_shared/title.js';

describe('the title derived from a description', () => {
  it('is the first line, whole when it has at most 20 characters', () => {
    expect(titleFrom('  楼道灯坏了\n晚上看不见')).toBe('楼道灯坏了');
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
  });

  it('is cut at 20 characters with an ellipsis', () => {
    expect(titleFrom('一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九十…');
  });

  it('counts a character outside the BMP (a surrogate pair) as one and never splits it', () => {
    const rare = '𠀀'; // U+20000, two UTF-16 units
    const title = titleFrom(`${'字'.repeat(19)}${rare}后面还有`);
    expect(title).toBe(`${'字'.repeat(19)}${rare}…`);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('keeps an emoji at the cut whole', () => {
    expect(titleFrom(`${'水'.repeat(19)}😀😀`)).toBe(`${'水'.repeat(19)}😀…`);
    expect(titleFrom(`${'水'.repeat(19)}😀`)).toBe(`${'水'.repeat(19)}😀`);
  });
});

describe('service request statuses', () => {
  it('are the database states, each with a plain word for residents and an office term for the spreadsheet', () => {
    expect([...serviceStatuses].sort()).toEqual([...serviceRequestStatuses].sort());
    for (const s of serviceStatuses) {
      expect(serviceStatusWords[s]).toBeTruthy();
      expect(serviceStatusOfficeNames[s]).toBeTruthy();
    }
    expect(serviceStatusWords.submitted).toBe('等待受理');
    expect(serviceStatusOfficeNames.submitted).toBe('待受理');
  });
});

describe('who is staff', () => {
  it('is staff or an administrator, as the server gates the service window', () => {
    expect(isStaff([{ role: 'staff' }])).toBe(true);
    expect(isStaff([{ role: 'admin' }])).toBe(true);
    expect(isStaff([{ role: 'committee' }])).toBe(false);
    expect(isStaff([{ role: 'resident' }, { role: 'group_leader' }])).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });

  it('runs elections as the committee or an administrator; the 工作台 is for either', () => {
    expect(isCommittee([{ role: 'committee' }])).toBe(true);
    expect(isCommittee([{ role: 'staff' }])).toBe(false);
    expect(isPublisher([{ role: 'committee' }])).toBe(true);
    expect(isPublisher([{ role: 'group_leader' }])).toBe(false);
    expect(hasWorkbench([{ role: 'committee' }])).toBe(true);
    expect(hasWorkbench([{ role: 'resident' }])).toBe(false);
  });

  it('are the database roles, each with its words', () => {
    expect([...roles].sort()).toEqual([...roleNames].sort());
    for (const r of roles) expect(roleLabels[r]).toBeTruthy();
  });
});

describe('phone numbers', () => {
  it('are 11 digits starting 13–19', () => {
    expect(isPhone('13812341234')).toBe(true);
    expect(isPhone('19912341234')).toBe(true);
    expect(isPhone('12812341234')).toBe(false);
    expect(isPhone('1381234123')).toBe(false);
    expect(isPhone('138123412345')).toBe(false);
    expect(isPhone('１３８１２３４１２３４')).toBe(false);
  });

  it('are masked to the first three and last four digits, once', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('****');
    // Seven characters are the fewest that keep the first three and the last four apart.
    expect(maskPhone('1234567')).toBe('123****4567');
    expect(maskPhone('123456')).toBe('****');
  });
});

describe('China time', () => {
  it('turns instants into China dates and clock times across midnight UTC+8', () => {
    expect(chinaDate(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(chinaDate(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(chinaMinute('2026-11-25T16:05:00Z')).toBe('2026-11-26 00:05');
    expect(chinaClock(new Date('2026-11-26T01:05:00Z'))).toBe('09:05');
    expect(chinaMonthDayTime('2026-11-26T01:02:03Z')).toBe('11月26日 09:02');
    expect(chinaMonthDayTime('不是时间')).toBe('不是时间');
  });

  it('finds midnight, adds days and counts days between dates, over month and leap-year ends', () => {
    expect(chinaMidnight('2026-12-20').toISOString()).toBe('2026-12-19T16:00:00.000Z');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-26', '2026-12-20')).toBe(24);
    expect(daysBetween('2026-12-20', '2026-11-26')).toBe(-24);
    expect(daysBetween('2026-11-26', '2026-11-26')).toBe(0);
  });
});

describe('keyset page slicing', () => {
  it('keeps `limit` rows and names the last one only when another page exists', () => {
    expect(keysetPage([1, 2, 3], 2)).toEqual({ items: [1, 2], last: 2 });
    expect(keysetPage([1, 2], 2)).toEqual({ items: [1, 2], last: null });
    expect(keysetPage([], 2)).toEqual({ items: [], last: null });
  });
});

describe('the committee check', () => {
  const community = 'c-1';
  const actorWith = (...held: (typeof roles)[number][]) => ({
    accountId: 'a-1',
    sessionId: 's-1',
    name: '测试',
    communityId: community,
    openid: null,
    roles: held.map((role) => ({ role, communityId: community, groupId: null })),
  });

  it.each(roles.flatMap((a) => roles.map((b) => [a, b] as const)))('is the same on the server and in the mini-program for %s + %s', (a, b) => {
    const actor = actorWith(a, b);
    expect(serverIsCommittee({ actor, communityId: community })).toBe(isCommittee(actor.roles));
  });

  it('holds only in the community the role was granted in', () => {
    expect(serverIsCommittee({ actor: actorWith('committee'), communityId: 'c-2' })).toBe(false);
    expect(serverIsCommittee({ actor: null, communityId: community })).toBe(false);
  });

  it('is written once: no server file names the committee roles in a check of its own', () => {
    const root = join(import.meta.dirname, '../../functions');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    // The office's wider circle (staff, committee and admin together) is another rule, and roles.ts holds the list itself.
    const copy = /hasRole\([^)]*'committee', 'admin'\)|\['committee', 'admin'\]|includes\('committee'\)/;
    const copies = files.filter((f) => f !== join('_shared', 'roles.ts') && copy.test(readFileSync(join(root, f), 'utf8')));
    expect(copies).toEqual([]);
  });
});
