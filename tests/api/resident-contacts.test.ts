import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneReveals } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, newIdNumber, newPhone, register } from './helpers.js';

/*
 * Reaching the resident (issue #24): the number, whole, only for staff and the leader of the
 * resident's group, each reveal recorded; the window's new matters (户口户籍, 医疗保险, 原村权益)
 * and the household's original village, which staff alone read.
 */

let server: TestServer;
let staff: string;
let leader1: string;
let resident1: string;
let staffOther: string;
let groups: { id: string; name: string }[];

/** A resident of `groupId` entered at the window, with a phone if given. */
async function atWindow(groupId: string, phone?: string, extra: Record<string, unknown> = {}) {
  const res = await server.request('POST', '/api/residents', {
    token: staff,
    body: { name: '韩春生', idNumber: newIdNumber('19620304'), groupId, ...(phone ? { phone } : {}), ...extra },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; household?: { id: string } };
}
const reveal = (id: string, token: string, purpose?: string) =>
  server.request('POST', `/api/residents/${id}/phone-reveal`, { token, body: purpose === undefined ? {} : { purpose } });
const revealsOf = (residentId: string) => server.db.select().from(phoneReveals).where(eq(phoneReveals.residentId, residentId));

beforeAll(async () => {
  server = await startTestServer();
  [staff, leader1, resident1, staffOther] = await Promise.all([
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.leader1.username, DEMO.leader1.password),
    server.login(DEMO.resident1.username, DEMO.resident1.password),
    server.login(DEMO.staffOther.username, DEMO.staffOther.password),
  ]);
  groups = (await server.request('GET', '/api/groups', { token: staff })).body.items;
});
afterAll(() => server?.close());

describe('revealing a phone number to call the resident', () => {
  it('gives staff the whole number and records who, when, which resident and from where', async () => {
    const phone = newPhone();
    const person = await atWindow(groups[1]!.id, phone);
    const at = new Date('2026-12-07T03:00:00Z');
    server.setNow(at);
    const res = await reveal(person.id, staff, `service_request:${crypto.randomUUID()}`);
    server.setNow(null);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ phone });
    const records = await revealsOf(person.id);
    expect(records).toEqual([
      expect.objectContaining({ residentId: person.id, actorAccountId: expect.any(String), purpose: expect.stringMatching(/^service_request:/), at }),
    ]);
    const me = (await server.request('GET', '/api/me', { token: staff })).body.account;
    expect(records[0]!.actorAccountId).toBe(me.id);
    // Everywhere else the number stays masked.
    const list = await server.request('GET', '/api/residents?status=verified&limit=100', { token: staff });
    expect(list.text).not.toContain(phone);
  });

  it('gives the leader of the resident’s own group the number, and 404 to the leader of another group', async () => {
    const phone = newPhone();
    const mine = await atWindow(groups[0]!.id, phone);
    const theirs = await atWindow(groups[2]!.id, newPhone());
    expect((await reveal(mine.id, leader1, 'group_page')).body).toEqual({ phone });
    expectProblem(await reveal(theirs.id, leader1, 'group_page'), 404, 'NOT_FOUND');
    expect(await revealsOf(theirs.id)).toEqual([]);
    expect((await revealsOf(mine.id)).map((r) => r.purpose)).toEqual(['group_page']);
  });

  it('refuses a resident with 403, another community’s staff and an unknown resident with 404, recording nothing', async () => {
    const person = await atWindow(groups[0]!.id, newPhone());
    expectProblem(await reveal(person.id, resident1), 403, 'FORBIDDEN');
    expectProblem(await reveal(person.id, (await register(server, '赵路人')).token), 403, 'FORBIDDEN');
    expectProblem(await reveal(person.id, staffOther), 404, 'NOT_FOUND');
    expectProblem(await reveal(crypto.randomUUID(), staff), 404, 'NOT_FOUND');
    expect((await server.request('POST', `/api/residents/${person.id}/phone-reveal`, {})).status).toBe(401);
    expect(await revealsOf(person.id)).toEqual([]);
  });

  it('falls back to the number of the resident’s account, and says so in words when there is none', async () => {
    const account = await register(server, '孙明亮');
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token: account.token,
      body: { name: '孙明亮', idNumber: newIdNumber('19750101'), groupId: groups[0]!.id },
    });
    expect(claim.status, claim.text).toBe(201);
    expect((await reveal(claim.body.resident.id, staff, 'group_page')).body).toEqual({ phone: account.phone });

    const none = await atWindow(groups[0]!.id);
    const res = await reveal(none.id, staff, 'group_page');
    expectProblem(res, 422, 'NO_PHONE_ON_RECORD');
    expect(await revealsOf(none.id)).toEqual([]);
  });

  it('takes the purpose as a page’s short name, refusing prose in it', async () => {
    const person = await atWindow(groups[0]!.id, newPhone());
    expect((await reveal(person.id, staff)).status).toBe(200);
    expect((await revealsOf(person.id)).map((r) => r.purpose)).toEqual(['unspecified']);
    const res = await reveal(person.id, staff, '随便看看 <script>');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('body.purpose');
    expect(
      await server.db
        .select()
        .from(phoneReveals)
        .where(and(eq(phoneReveals.residentId, person.id), eq(phoneReveals.purpose, '随便看看 <script>'))),
    ).toEqual([]);
  });
});

describe("the window's missing matters", () => {
  it('offers 户口户籍, 医疗保险 and 原村权益 before 其他事项', async () => {
    const items = (await server.request('GET', '/api/service-categories', { token: resident1 })).body.items as {
      code: string;
      name: string;
      sensitive: boolean;
    }[];
    const names = items.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['户口户籍', '医疗保险', '原村权益']));
    expect(names.at(-1)).toBe('其他事项');
    expect(items.find((c) => c.code === 'village_rights')).toMatchObject({ sensitive: false });
  });

  it('refers a 原村权益 question to the original village, which staff record on the household and alone can read', async () => {
    const person = await atWindow(groups[0]!.id, newPhone(), { householdLabel: `椿树庄${Date.now() % 1000}号` });
    const householdId = person.household!.id;
    const set = await server.request('PUT', `/api/households/${householdId}/origin`, {
      token: staff,
      body: { originVillage: '八珠乡上坪村', resettledYear: 2019 },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ id: householdId, originVillage: '八珠乡上坪村', resettledYear: 2019 });
    expect((await server.request('GET', `/api/households/${householdId}/origin`, { token: staff })).body).toMatchObject({ originVillage: '八珠乡上坪村' });

    expectProblem(await server.request('GET', `/api/households/${householdId}/origin`, { token: leader1 }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/households/${householdId}/origin`, { token: resident1 }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/households/${householdId}/origin`, { token: staffOther }), 404, 'NOT_FOUND');
    expectProblem(
      await server.request('PUT', `/api/households/${householdId}/origin`, { token: staffOther, body: { originVillage: '别处', resettledYear: 2019 } }),
      404,
      'NOT_FOUND',
    );
    const bad = await server.request('PUT', `/api/households/${householdId}/origin`, { token: staff, body: { originVillage: '', resettledYear: 1850 } });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.originVillage', 'body.resettledYear']);

    // Staff file it at the window for the household's resident: their page names the original village.
    const request = await server.request('POST', '/api/service-requests', {
      token: staff,
      body: { categoryCode: 'village_rights', description: '我家在上坪村的承包地今年的流转费怎么领？', onBehalfOfResidentId: person.id },
    });
    expect(request.status, request.text).toBe(201);
    expect(request.body.household).toEqual({ id: householdId, label: expect.any(String), originVillage: '八珠乡上坪村', resettledYear: 2019 });
    // A resident reading their own request never sees the household's record.
    const own = await server.request('POST', '/api/service-requests', {
      token: leader1,
      body: { categoryCode: 'village_rights', description: '原村的分红什么时候发？' },
    });
    expect(own.status).toBe(201);
    expect(own.body.household).toBeUndefined();
    expect(own.body.residentId).toBeUndefined();
    await server.request('POST', `/api/service-requests/${request.body.id}/status`, { token: staff, body: { status: 'accepted' } });
    const referred = await server.request('POST', `/api/service-requests/${request.body.id}/status`, {
      token: staff,
      body: { status: 'rejected', note: '原村集体经济事务由原村办理', referTo: '八珠乡上坪村村委会' },
    });
    expect(referred.status, referred.text).toBe(200);
    expect(referred.body).toMatchObject({ status: 'rejected', referTo: '八珠乡上坪村村委会', categoryName: '原村权益' });
  });
});
