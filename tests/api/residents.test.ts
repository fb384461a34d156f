import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, type RoleName, residents } from '../../db/schema/index.js';
import { makeIdNumber } from '../../functions/residents/id-number.js';
import { personalDataLeaks } from '../support/pii-scan.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, DEMO_PASSWORDS, expectProblem, newIdNumber, newPhone, RESIDENT1_ID_NUMBER, type Registered, register } from './helpers.js';

let server: TestServer;
let staff: string;
let staffOther: string;
let resident1: string;
let leader1: string;
let staffAccountId: string;
let communityId: string;
/** Group ids of 八珠街社区 and of 东关社区, in their order. */
let groups: { id: string; name: string; leaderName?: string }[];
let otherGroups: { id: string; name: string }[];

const accounts: Registered[] = [];
const idNumbers: string[] = [RESIDENT1_ID_NUMBER];
const windowPhones: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [staff, staffOther, resident1, leader1] = await Promise.all([
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.staffOther.username, DEMO.staffOther.password),
    server.login(DEMO.resident1.username, DEMO.resident1.password),
    server.login(DEMO.leader1.username, DEMO.leader1.password),
  ]);
  groups = (await server.request('GET', '/api/groups', { token: resident1 })).body.items;
  otherGroups = (await server.request('GET', '/api/groups', { token: staffOther })).body.items;
  const staffAccount = (await server.request('GET', '/api/me', { token: staff })).body.account;
  [staffAccountId, communityId] = [staffAccount.id, staffAccount.communityId];
});
afterEach(() => server.setNow(null));
afterAll(() => server?.close());

const newAccount = async () => {
  const account = await register(server, '马玉兰');
  accounts.push(account);
  return account;
};
const idNumber = (birth?: string, region?: string) => {
  const id = newIdNumber(birth, region);
  idNumbers.push(id);
  return id;
};
const me = (token: string) => server.request('GET', '/api/me', { token });
const claim = (token: string | undefined, body: Record<string, unknown>, headers?: Record<string, string>) =>
  server.request('POST', '/api/me/resident-claim', { token, body, headers });
const createAtWindow = (token: string | undefined, body: Record<string, unknown>, headers?: Record<string, string>) =>
  server.request('POST', '/api/residents', { token, body, headers });
const list = (token: string, query = '') => server.request('GET', `/api/residents${query}`, { token });
const verify = (token: string | undefined, id: string) => server.request('POST', `/api/residents/${id}/verify`, { token });
/** A fresh account holding only `role` in 八珠街社区. */
const holding = async (role: RoleName) => {
  const account = await newAccount();
  await server.db.insert(accountRoles).values({ accountId: account.accountId, communityId, role });
  return account;
};
const stored = async (id: string) => (await server.db.select().from(residents).where(eq(residents.id, id)))[0]!;
const maskedId = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;
const UNKNOWN_ID = '0194f0c2-7a1b-7c3d-8e4f-5a6b7c8d9e0f';

describe('GET /api/groups', () => {
  it("lists the 8 groups of the caller's community in order, 第一居民小组 with its leader's name", async () => {
    const groups: { id: string; name: string }[] = (await server.request('GET', '/api/groups', { token: resident1 })).body.items;
    expect(groups.map((g) => g.name)).toEqual([
      '第一居民小组',
      '第二居民小组',
      '第三居民小组',
      '第四居民小组',
      '第五居民小组',
      '第六居民小组',
      '第七居民小组',
      '第八居民小组',
    ]);
    expect(groups[0]).toEqual({ id: expect.any(String), name: '第一居民小组', leaderName: '李建国' });
    for (const group of groups.slice(1)) expect(group).not.toHaveProperty('leaderName');
  });

  it("lists another community's own groups to its members, none of 八珠街社区's", () => {
    expect(otherGroups).toHaveLength(8);
    const ours = new Set(groups.map((g) => g.id));
    for (const group of otherGroups) expect(ours.has(group.id)).toBe(false);
  });

  it('shows a fresh account the groups of the default community', async () => {
    const account = await newAccount();
    const res = await server.request('GET', '/api/groups', { token: account.token });
    expect(res.body.items.map((g: { id: string }) => g.id)).toEqual(groups.map((g) => g.id));
  });

  it('answers 401 without a token', async () => {
    expectProblem(await server.request('GET', '/api/groups'), 401, 'UNAUTHENTICATED');
  });
});

describe('claiming residency', () => {
  it('answers 201 with a pending resident, the ID number masked and the birth date taken from it', async () => {
    const account = await newAccount();
    const id = idNumber('19800615', '620102');
    const res = await claim(account.token, { name: '马玉兰', idNumber: id, groupId: groups[2]!.id });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      resident: {
        id: expect.any(String),
        name: '马玉兰',
        groupId: groups[2]!.id,
        groupName: '第三居民小组',
        idNumberMasked: maskedId(id),
        birthDate: '1980-06-15',
        status: 'pending',
        hasAccount: true,
      },
    });
    expect(res.body.resident.idNumberMasked).toMatch(/^6201\*{10}\d{3}[\dX]$/);
    const mine = await me(account.token);
    expect(mine.body.resident).toMatchObject({ id: res.body.resident.id, status: 'pending' });
  });

  it('accepts a lower-case x as the check character and keeps it as X', async () => {
    const account = await newAccount();
    let sequence = 100;
    while (!makeIdNumber('620102', '19750101', String(sequence)).endsWith('X')) sequence++;
    const id = makeIdNumber('620102', '19750101', String(sequence));
    idNumbers.push(id);
    const res = await claim(account.token, { name: '马玉兰', idNumber: id.toLowerCase(), groupId: groups[0]!.id });
    expect(res.status).toBe(201);
    expect(res.body.resident.idNumberMasked).toBe(maskedId(id));
    expect(res.body.resident.idNumberMasked.endsWith('X')).toBe(true);
  });

  const invalid: [string, () => string, string][] = [
    [
      'a wrong check character',
      () => {
        const id = newIdNumber();
        return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
      },
      '身份证号最后一位校验不通过，请逐位核对。',
    ],
    ['an impossible birth date (30 February)', () => makeIdNumber('620102', '19900230', '123'), '身份证号里的出生日期不对，请核对。'],
    ['an unknown region', () => makeIdNumber('990102', '19900101', '123'), '身份证号开头的地区代码不对，请核对。'],
    ['a birth date in the future', () => makeIdNumber('620102', '20991231', '123'), '身份证号里的出生日期不对，请核对。'],
    ['17 digits', () => newIdNumber().slice(0, 17), '身份证号应为18位，前17位是数字，最后一位是数字或X。'],
  ];
  it.each(invalid)('refuses %s with 400 ID_NUMBER_INVALID and records nothing', async (_, make, message) => {
    const account = await newAccount();
    const id = make();
    idNumbers.push(id);
    const res = await claim(account.token, { name: '马玉兰', idNumber: id, groupId: groups[0]!.id });
    expectProblem(res, 400, 'ID_NUMBER_INVALID');
    expect(res.body.detail).toBe(message);
    expect(res.body.errors).toEqual([{ path: 'body.idNumber', message }]);
    expect((await me(account.token)).body).not.toHaveProperty('resident');
  });

  it('accepts a baby born today in China time while it is still yesterday in UTC, and refuses tomorrow', async () => {
    const [parent, other] = [await newAccount(), await newAccount()];
    server.setNow(new Date('2026-03-01T16:30:00Z')); // 2026-03-02 00:30 in Gansu
    const today = makeIdNumber('620102', '20260302', '123');
    const tomorrow = makeIdNumber('620102', '20260303', '123');
    idNumbers.push(today, tomorrow);
    expectProblem(await claim(other.token, { name: '马小宝', idNumber: tomorrow, groupId: groups[0]!.id }), 400, 'ID_NUMBER_INVALID');
    const res = await claim(parent.token, { name: '马小宝', idNumber: today, groupId: groups[0]!.id });
    expect(res.status).toBe(201);
    expect(res.body.resident.birthDate).toBe('2026-03-02');
  });

  it('refuses a second claim from the same account with 409 ALREADY_CLAIMED', async () => {
    const account = await newAccount();
    expect((await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id })).status).toBe(201);
    expectProblem(
      await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[1]!.id }),
      409,
      'ALREADY_CLAIMED',
      '您已经提交过居民认证，请等待社区审核。',
    );
    expect((await me(account.token)).body.resident.groupId).toBe(groups[0]!.id);
  });

  it('stores a claim as not yet verified, by nobody', async () => {
    const account = await newAccount();
    const res = await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id });
    expect(await stored(res.body.resident.id)).toMatchObject({ status: 'pending', verifiedAt: null, verifiedByAccountId: null, enteredByAccountId: null });
  });

  it('refuses a claim from a verified resident with 409 ALREADY_CLAIMED', async () => {
    expectProblem(await claim(resident1, { name: '张桂兰', idNumber: idNumber(), groupId: groups[0]!.id }), 409, 'ALREADY_CLAIMED', '您已经是认证居民了。');
  });

  it('refuses an ID number already registered in the community with 409 ID_NUMBER_TAKEN', async () => {
    const [first, second] = [await newAccount(), await newAccount()];
    const id = idNumber();
    expect((await claim(first.token, { name: '马玉兰', idNumber: id, groupId: groups[0]!.id })).status).toBe(201);
    expectProblem(await claim(second.token, { name: '马玉兰', idNumber: id, groupId: groups[0]!.id }), 409, 'ID_NUMBER_TAKEN');
    expectProblem(await claim(second.token, { name: '张桂兰', idNumber: RESIDENT1_ID_NUMBER, groupId: groups[0]!.id }), 409, 'ID_NUMBER_TAKEN');
    expect((await me(second.token)).body).not.toHaveProperty('resident');
  });

  it('refuses a group of another community with 400 and the groupId field named', async () => {
    const account = await newAccount();
    const res = await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: otherGroups[0]!.id });
    expectProblem(res, 400, 'VALIDATION_FAILED', '请选择本社区的居民小组。');
    expect(res.body.errors).toEqual([{ path: 'body.groupId', message: '没有这个居民小组' }]);
    expect((await me(account.token)).body).not.toHaveProperty('resident');
  });

  it('answers 400 VALIDATION_FAILED naming each missing or malformed field', async () => {
    const account = await newAccount();
    const res = await claim(account.token, { groupId: 'group-1' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.groupId', 'body.idNumber', 'body.name']);
  });

  it('returns the first reply for a repeated Idempotency-Key and records one claim', async () => {
    const account = await newAccount();
    const body = { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id };
    const first = await claim(account.token, body, { 'Idempotency-Key': 'claim-1' });
    const replay = await claim(account.token, body, { 'Idempotency-Key': 'claim-1' });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const pending = await list(staff, `?status=pending&groupId=${groups[0]!.id}&limit=100`);
    expect(pending.body.items.filter((r: { id: string }) => r.id === first.body.resident.id)).toHaveLength(1);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await claim(undefined, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id }), 401, 'UNAUTHENTICATED');
  });
});

describe('verifying a claim', () => {
  it('lets staff verify a pending claim; the resident then sees verified in GET /api/me', async () => {
    const account = await newAccount();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[1]!.id })).body.resident;
    const res = await verify(staff, claimed.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ resident: { ...claimed, status: 'verified' } });
    expect((await me(account.token)).body.resident).toMatchObject({ id: claimed.id, status: 'verified' });
    const pending = await list(staff, '?status=pending&limit=100');
    expect(pending.body.items.map((r: { id: string }) => r.id)).not.toContain(claimed.id);
  });

  it('answers a second verification with the same verified resident and keeps when it was first verified', async () => {
    const account = await newAccount();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[1]!.id })).body.resident;
    const first = new Date('2026-03-02T02:00:00Z');
    server.setNow(first);
    expect((await verify(staff, claimed.id)).status).toBe(200);
    server.setNow(new Date('2026-03-05T02:00:00Z'));
    const again = await verify(staff, claimed.id);
    expect(again.status).toBe(200);
    expect(again.body.resident).toMatchObject({ id: claimed.id, status: 'verified' });
    const [row] = await server.db.select({ verifiedAt: residents.verifiedAt }).from(residents).where(eq(residents.id, claimed.id));
    expect(row!.verifiedAt!.toISOString()).toBe(first.toISOString());
  });

  it('answers 404 NOT_FOUND to staff of another community and leaves the claim pending', async () => {
    const account = await newAccount();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id })).body.resident;
    expectProblem(await verify(staffOther, claimed.id), 404, 'NOT_FOUND');
    expect((await me(account.token)).body.resident.status).toBe('pending');
  });

  it('answers 404 NOT_FOUND for an unknown id and 400 for an id that is not a uuid', async () => {
    expectProblem(await verify(staff, UNKNOWN_ID), 404, 'NOT_FOUND');
    const res = await verify(staff, 'abc');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('params.id');
  });

  it.each([
    ['resident1', () => resident1],
    ['leader1', () => leader1],
  ])('answers 403 FORBIDDEN to %s and leaves the claim pending', async (_, token) => {
    const account = await newAccount();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id })).body.resident;
    expectProblem(await verify(token(), claimed.id), 403, 'FORBIDDEN');
    expectProblem(await verify(account.token, claimed.id), 403, 'FORBIDDEN');
    expect((await me(account.token)).body.resident.status).toBe('pending');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await verify(undefined, UNKNOWN_ID), 401, 'UNAUTHENTICATED');
  });
});

describe('entering a resident at the window', () => {
  it('answers 201 with a verified resident without an account, phone and ID number masked', async () => {
    const id = idNumber('19480720', '621021');
    const phone = newPhone();
    windowPhones.push(phone);
    const res = await createAtWindow(staff, { name: '韩金花', idNumber: id, groupId: groups[4]!.id, phone, relocatedFrom: '八珠塬村' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: '韩金花',
      groupId: groups[4]!.id,
      groupName: '第五居民小组',
      idNumberMasked: maskedId(id),
      birthDate: '1948-07-20',
      status: 'verified',
      relocatedFrom: '八珠塬村',
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      hasAccount: false,
    });
    const listed = await list(staff, `?status=verified&groupId=${groups[4]!.id}`);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it('refuses an ID number already registered with 409 ID_NUMBER_TAKEN', async () => {
    expectProblem(await createAtWindow(staff, { name: '张桂兰', idNumber: RESIDENT1_ID_NUMBER, groupId: groups[0]!.id }), 409, 'ID_NUMBER_TAKEN');
  });

  it('refuses a bad ID number with 400 ID_NUMBER_INVALID', async () => {
    const id = makeIdNumber('620102', '19900101', '123');
    expectProblem(
      await createAtWindow(staff, { name: '韩金花', idNumber: id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'), groupId: groups[0]!.id }),
      400,
      'ID_NUMBER_INVALID',
    );
  });

  it('refuses a group of another community with 400 and records nothing', async () => {
    const id = idNumber();
    const res = await createAtWindow(staff, { name: '韩金花', idNumber: id, groupId: otherGroups[1]!.id });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'body.groupId', message: expect.any(String) }]);
    expect((await createAtWindow(staff, { name: '韩金花', idNumber: id, groupId: groups[1]!.id })).status).toBe(201);
  });

  it('refuses a malformed phone with 400 VALIDATION_FAILED', async () => {
    const res = await createAtWindow(staff, { name: '韩金花', idNumber: idNumber(), groupId: groups[0]!.id, phone: '12345' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'body.phone', message: '手机号是 11 位数字，以 13 到 19 开头，请核对。' }]);
  });

  it('returns the first reply for a repeated Idempotency-Key and records one resident', async () => {
    const body = { name: '韩金花', idNumber: idNumber(), groupId: groups[6]!.id };
    const first = await createAtWindow(staff, body, { 'Idempotency-Key': 'window-1' });
    const replay = await createAtWindow(staff, body, { 'Idempotency-Key': 'window-1' });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body.id).toBe(first.body.id);
    expect((await list(staff, `?groupId=${groups[6]!.id}`)).body.items).toHaveLength(1);
  });

  it.each([
    ['resident1', () => resident1],
    ['leader1', () => leader1],
  ])('answers 403 FORBIDDEN to %s and records nothing', async (_, token) => {
    const id = idNumber();
    expectProblem(await createAtWindow(token(), { name: '韩金花', idNumber: id, groupId: groups[0]!.id }), 403, 'FORBIDDEN');
    expect((await createAtWindow(staff, { name: '韩金花', idNumber: id, groupId: groups[0]!.id })).status).toBe(201);
  });

  it("keeps another community's window entries out of 八珠街社区's list", async () => {
    const created = await createAtWindow(staffOther, { name: '韩金花', idNumber: idNumber(), groupId: otherGroups[0]!.id });
    expect(created.status).toBe(201);
    const ours = await list(staff, '?limit=100');
    expect(ours.body.items.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    const theirs = await list(staffOther, '?limit=100');
    expect(theirs.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expectProblem(await verify(staff, created.body.id), 404, 'NOT_FOUND');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await createAtWindow(undefined, { name: '韩金花', idNumber: idNumber(), groupId: groups[0]!.id }), 401, 'UNAUTHENTICATED');
  });
});

describe('listing residents for staff', () => {
  it('lists pending claims as { items, nextCursor }, each pending, masked, never the whole ID number', async () => {
    const account = await newAccount();
    const id = idNumber();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: id, groupId: groups[3]!.id })).body.resident;
    const res = await list(staff, '?status=pending&limit=100');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(res.body.items).toContainEqual(claimed);
    for (const item of res.body.items) {
      expect(item.status).toBe('pending');
      expect(item).not.toHaveProperty('idNumber');
      expect(item.idNumberMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    }
  });

  it('pages with ?limit= and ?cursor=: every resident once, newest first, then nextCursor null', async () => {
    const group = groups[7]!.id;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createAtWindow(staff, { name: `居民${i}`, idNumber: idNumber(), groupId: group })).body.id);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof list>> = await list(staff, `?groupId=${group}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      pageSizes.push(res.body.items.length);
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...created].reverse());
  });

  it('refuses a cursor it did not make with 400 VALIDATION_FAILED', async () => {
    const res = await list(staff, '?cursor=bm90LWEtY3Vyc29y');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('query.cursor');
  });

  it('refuses an unknown status with 400 VALIDATION_FAILED', async () => {
    const res = await list(staff, '?status=approved');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('query.status');
  });

  it('gives 20 by default and caps a limit above 100 at 100', async () => {
    const group = groups[5]!.id;
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => createAtWindow(staff, { name: `居民${batch}-${i}`, idNumber: idNumber(), groupId: group })));
    }
    const byDefault = await list(staff, `?groupId=${group}`);
    expect(byDefault.body.items).toHaveLength(20);
    const capped = await list(staff, `?groupId=${group}&limit=500`);
    expect(capped.status).toBe(200);
    expect(capped.body.items).toHaveLength(100);
    expect(capped.body.nextCursor).toEqual(expect.any(String));
    const rest = await list(staff, `?groupId=${group}&limit=500&cursor=${capped.body.nextCursor}`);
    expect(rest.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(rest.body.items).toHaveLength(10);
  });

  it.each([
    ['resident1', () => resident1],
    ['leader1', () => leader1],
  ])('answers 403 FORBIDDEN to %s', async (_, token) => {
    expectProblem(await list(token(), '?status=pending'), 403, 'FORBIDDEN');
  });

  it('answers 403 FORBIDDEN to a fresh account and 401 without a token', async () => {
    const account = await newAccount();
    expectProblem(await list(account.token, '?status=pending'), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', '/api/residents?status=pending'), 401, 'UNAUTHENTICATED');
  });
});

describe('who may enter, verify and list at the window', () => {
  it('an administrator alone may enter a resident and verify a claim', async () => {
    const admin = await holding('admin');
    const entered = await createAtWindow(admin.token, { name: '韩金花', idNumber: idNumber(), groupId: groups[0]!.id });
    expect(entered.status).toBe(201);
    expect(await stored(entered.body.id)).toMatchObject({ status: 'verified', enteredByAccountId: admin.accountId, verifiedByAccountId: admin.accountId });
    const account = await newAccount();
    const claimed = (await claim(account.token, { name: '马玉兰', idNumber: idNumber(), groupId: groups[0]!.id })).body.resident;
    const res = await verify(admin.token, claimed.id);
    expect(res.status).toBe(200);
    expect(res.body.resident).toMatchObject({ id: claimed.id, status: 'verified' });
  });

  it('stores a window entry as verified then, by the staff member who entered it', async () => {
    const at = new Date('2026-03-04T03:00:00Z');
    server.setNow(at);
    const res = await createAtWindow(staff, { name: '韩金花', idNumber: idNumber(), groupId: groups[0]!.id });
    expect(res.status).toBe(201);
    const row = await stored(res.body.id);
    expect(row).toMatchObject({ status: 'verified', enteredByAccountId: staffAccountId, verifiedByAccountId: staffAccountId });
    expect(row.verifiedAt?.toISOString()).toBe(at.toISOString());
  });
});

describe('placing a resident in a household (户)', () => {
  const placeAtVerify = (id: string, body: Record<string, unknown>) => server.request('POST', `/api/residents/${id}/verify`, { token: staff, body });

  it('creates a household by its label, and finds the same one by label or by id in the same group', async () => {
    const label = `东巷${Math.floor(Math.random() * 100_000)}号`;
    const first = await createAtWindow(staff, { name: '马建华', idNumber: idNumber(), groupId: groups[2]!.id, householdLabel: label });
    expect(first.status).toBe(201);
    expect(first.body.household).toEqual({ id: expect.any(String), label });
    const byLabel = await createAtWindow(staff, { name: '马秀英', idNumber: idNumber(), groupId: groups[2]!.id, householdLabel: label });
    expect(byLabel.body.household).toEqual(first.body.household);
    const byId = await createAtWindow(staff, { name: '马志强', idNumber: idNumber(), groupId: groups[2]!.id, householdId: first.body.household.id });
    expect(byId.status).toBe(201);
    expect(byId.body.household).toEqual(first.body.household);
    expect((await stored(byId.body.id)).householdId).toBe(first.body.household.id);
  });

  it("refuses another group's household with 400 naming householdId, and records nobody", async () => {
    const label = `西巷${Math.floor(Math.random() * 100_000)}号`;
    const first = await createAtWindow(staff, { name: '马建华', idNumber: idNumber(), groupId: groups[2]!.id, householdLabel: label });
    const id = idNumber();
    const res = await createAtWindow(staff, { name: '马国庆', idNumber: id, groupId: groups[3]!.id, householdId: first.body.household.id });
    expectProblem(res, 400, 'VALIDATION_FAILED', '所选的户不在这位居民的居民小组里，请重新选择。');
    expect(res.body.errors).toEqual([{ path: 'body.householdId', message: '这个户不在所选居民小组' }]);
    expect((await list(staff, '?q=马国庆')).body.items).toEqual([]);
    expect((await createAtWindow(staff, { name: '马国庆', idNumber: id, groupId: groups[3]!.id })).status).toBe(201);
  });

  it('places a claimant while verifying, by label or by id, and a later verification without a household keeps it', async () => {
    const label = `南巷${Math.floor(Math.random() * 100_000)}号`;
    const [a, b] = [await newAccount(), await newAccount()];
    const claimA = (await claim(a.token, { name: '杨志强', idNumber: idNumber(), groupId: groups[4]!.id })).body.resident;
    const claimB = (await claim(b.token, { name: '杨秀英', idNumber: idNumber(), groupId: groups[4]!.id })).body.resident;
    const placedA = await placeAtVerify(claimA.id, { householdLabel: label });
    expect(placedA.status).toBe(200);
    expect(placedA.body.resident).toMatchObject({ status: 'verified', household: { id: expect.any(String), label } });
    const placedB = await placeAtVerify(claimB.id, { householdId: placedA.body.resident.household.id });
    expect(placedB.body.resident).toMatchObject({ status: 'verified', household: placedA.body.resident.household });
    const again = await verify(staff, claimA.id);
    expect(again.body.resident.household).toEqual(placedA.body.resident.household);
    expect((await me(a.token)).body.resident.household).toEqual({ id: placedA.body.resident.household.id, label });
  });

  it('answers 404 with the reason for an unknown resident, with or without a household', async () => {
    for (const body of [{ householdLabel: '北巷1号' }, {}]) {
      expectProblem(await placeAtVerify(UNKNOWN_ID, body), 404, 'NOT_FOUND', '没有找到该居民，可能已被删除或您无权查看。');
    }
  });
});

describe("a group's people (GET /api/groups/:id/residents)", () => {
  it('shows the group to its own leader and answers 404 to the leader for any other group', async () => {
    const own = await server.request('GET', `/api/groups/${groups[0]!.id}/residents`, { token: leader1 });
    expect(own.status).toBe(200);
    expectProblem(await server.request('GET', `/api/groups/${groups[1]!.id}/residents`, { token: leader1 }), 404, 'NOT_FOUND');
  });
});

it('never sent a whole ID number, a phone outside its owner’s own view, a password, a hash or a session key', () => {
  const leaks = personalDataLeaks(server.recorded, {
    idNumbers,
    phones: [...accounts.map((a) => ({ phone: a.phone, ownerAccountId: a.accountId })), ...windowPhones.map((phone) => ({ phone, ownerAccountId: null }))],
    passwords: [...DEMO_PASSWORDS, 'Chunshu#2026'],
  });
  expect(leaks).toEqual([]);
});

describe('a WeChat account once verified', () => {
  it('is known by the resident’s real name instead of WeChat’s placeholder', async () => {
    const { code } = (await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-real-name' } })).body;
    const token = (await server.request('POST', '/api/auth/wechat', { body: { code } })).body.token as string;
    expect((await server.request('GET', '/api/me', { token })).body.account.name).toBe('微信用户');
    const idNumber = newIdNumber();
    idNumbers.push(idNumber);
    const claim = await server.request('POST', '/api/me/resident-claim', { token, body: { name: '何秀英', idNumber, groupId: groups[0]!.id } });
    expect(claim.status).toBe(201);
    expect((await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: staff })).status).toBe(200);
    expect((await server.request('GET', '/api/me', { token })).body.account.name).toBe('何秀英');
  });
});
