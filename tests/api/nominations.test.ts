import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionNominations } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ElectionWorld, seats } from './elections-support.js';
import { expectProblem, newIdNumber } from './helpers.js';

const world = new ElectionWorld(2028);
const { newElection, newResident, registerAll, nominate } = world;
let server: TestServer;
let committee: string;
let leader: string;
let resident: string;
let otherCommittee: string;
let group1: string;
let group2: string;

beforeAll(async () => {
  await world.start();
  ({ server, committee, leader, resident, otherCommittee } = world);
  [group1, group2] = [world.groups[0]!.id, world.groups[1]!.id];
});
afterAll(() => world.close());

const listNominations = (electionId: string, token: string, query = '') => server.request('GET', `/api/elections/${electionId}/nominations${query}`, { token });
const actions = async (electionId: string) =>
  (await server.request('GET', `/api/audit?electionId=${electionId}`, { token: committee })).body.items.map((i: { action: string }) => i.action);

describe('nominating resident representatives', () => {
  it('lets the leader nominate two voters of their group, refuses a third, a non-voter and a repeat, each with its code', async () => {
    const e = await newElection();
    const [a, b, c, notVoter] = [await newResident(group1, '周德明'), await newResident(group1, '周玉兰'), await newResident(group1, '周海军'), null];
    expect((await registerAll(e.id, group1)).status).toBe(201);
    const young = await newResident(group1, '周小龙', '20150101');
    const first = await nominate(e.id, a.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ residentId: a.id, name: '周德明', groupId: group1, status: 'nominated', nominatedByName: '李建国' });
    expectProblem(await nominate(e.id, a.id), 409, 'ALREADY_NOMINATED');
    expectProblem(await nominate(e.id, young.id), 422, 'NOMINEE_NOT_VOTER');
    expect((await nominate(e.id, b.id)).status).toBe(201);
    const third = await nominate(e.id, c.id);
    expectProblem(third, 409, 'GROUP_QUOTA_REACHED');
    expect(third.body.detail).toContain('2名');
    expect(notVoter).toBeNull();
    expect(await actions(e.id)).toEqual(['election.created', 'voter.registered', 'nomination.created', 'nomination.created']);
  });

  it('holds the quota stored with the election (3 here)', async () => {
    const e = await newElection({ rules: { repsPerGroup: 3 } });
    const people = [await newResident(group1, '甲'), await newResident(group1, '乙'), await newResident(group1, '丙'), await newResident(group1, '丁')];
    await registerAll(e.id, group1);
    const statuses = [];
    for (const p of people) statuses.push((await nominate(e.id, p.id)).status);
    expect(statuses).toEqual([201, 201, 201, 409]);
  });

  it('withdraws before confirmation (freeing the place), the committee confirms, and a confirmed one cannot be withdrawn', async () => {
    const e = await newElection();
    const [a, b, c] = [await newResident(group1, '赵文斌'), await newResident(group1, '赵淑珍'), await newResident(group1, '赵佳怡')];
    await registerAll(e.id, group1);
    const na = (await nominate(e.id, a.id)).body;
    const nb = (await nominate(e.id, b.id)).body;
    expect((await server.request('DELETE', `/api/elections/${e.id}/nominations/${nb.id}`, { token: leader })).status).toBe(204);
    expectProblem(await server.request('DELETE', `/api/elections/${e.id}/nominations/${nb.id}`, { token: leader }), 404, 'NOT_FOUND');
    // The place is free again, and the withdrawn resident may be nominated again.
    expect((await nominate(e.id, c.id)).status).toBe(201);
    expectProblem(await nominate(e.id, b.id), 409, 'GROUP_QUOTA_REACHED');
    expectProblem(await server.request('POST', `/api/elections/${e.id}/nominations/${na.id}/confirm`, { token: leader }), 403, 'FORBIDDEN');
    const confirmed = await server.request('POST', `/api/elections/${e.id}/nominations/${na.id}/confirm`, { token: committee });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: na.id, status: 'confirmed', confirmedAt: expect.any(String) });
    // Confirming twice changes nothing and records nothing more.
    expect((await server.request('POST', `/api/elections/${e.id}/nominations/${na.id}/confirm`, { token: committee })).body.status).toBe('confirmed');
    expectProblem(await server.request('DELETE', `/api/elections/${e.id}/nominations/${na.id}`, { token: leader }), 409, 'CONFLICT');
    expectProblem(await server.request('POST', `/api/elections/${e.id}/nominations/${nb.id}/confirm`, { token: committee }), 409, 'CONFLICT');
    expect(await actions(e.id)).toEqual([
      'election.created',
      'voter.registered',
      'nomination.created',
      'nomination.created',
      'nomination.withdrawn',
      'nomination.created',
      'nomination.confirmed',
    ]);
    // Everyone sees the confirmed list; the leader and the committee also see the pending one.
    const asResident = await listNominations(e.id, resident);
    expect(asResident.body.items.map((n: { name: string }) => n.name)).toEqual(['赵文斌']);
    expect((await listNominations(e.id, leader)).body.items.map((n: { name: string; status: string }) => [n.name, n.status])).toEqual([
      ['赵文斌', 'confirmed'],
      ['赵佳怡', 'nominated'],
    ]);
    expect((await listNominations(e.id, committee, `?groupId=${group1}`)).body.items).toHaveLength(2);
    expect((await listNominations(e.id, committee, '?status=withdrawn')).body.items.map((n: { name: string }) => n.name)).toEqual(['赵淑珍']);
    expect((await listNominations(e.id, resident, '?status=withdrawn')).body.items).toEqual([]);
  });

  it('shows a nominee their nomination in GET …/me', async () => {
    const e = await newElection();
    const me = (await server.request('GET', '/api/me', { token: resident })).body.resident;
    await registerAll(e.id, group1);
    const n = await nominate(e.id, me.id);
    expect(n.status).toBe(201);
    const mine = await server.request('GET', `/api/elections/${e.id}/me`, { token: resident });
    expect(mine.body).toMatchObject({ voter: { residentId: me.id }, nominations: [{ id: n.body.id, status: 'nominated' }] });
  });

  it('is for group leaders and the committee; another community gets 404', async () => {
    const e = await newElection();
    const a = await newResident(group1, '郭俊杰');
    await registerAll(e.id, group1);
    expectProblem(await nominate(e.id, a.id, resident), 403, 'FORBIDDEN');
    expectProblem(await nominate(e.id, a.id, otherCommittee), 404, 'NOT_FOUND');
    expectProblem(await listNominations(e.id, otherCommittee), 404, 'NOT_FOUND');
    // The committee may nominate for any group.
    expect((await nominate(e.id, a.id, committee)).status).toBe(201);
  });
});

describe('a leader of group 1 and everything of group 2', () => {
  it('gets 404 or 403, as API.md says, and never sees group 2’s pending nominations', async () => {
    const e = await newElection();
    const g2 = await newResident(group2, '何雨欣');
    await registerAll(e.id, group2);
    const theirs = await nominate(e.id, g2.id, committee);
    expect(theirs.status).toBe(201);
    expectProblem(await server.request('GET', `/api/groups/${group2}/residents`, { token: leader }), 404, 'NOT_FOUND');
    expectProblem(await nominate(e.id, g2.id), 403, 'NOT_GROUP_LEADER');
    expectProblem(await server.request('DELETE', `/api/elections/${e.id}/nominations/${theirs.body.id}`, { token: leader }), 404, 'NOT_FOUND');
    expectProblem(await server.request('POST', `/api/elections/${e.id}/nominations/${theirs.body.id}/confirm`, { token: leader }), 403, 'FORBIDDEN');
    expect((await listNominations(e.id, leader, `?groupId=${group2}`)).body.items).toEqual([]);
    expectProblem(await server.request('GET', `/api/households?groupId=${group2}`, { token: leader }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/elections/${e.id}/exports/nominations.xlsx`, { token: leader }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/elections/${e.id}/voters?groupId=${group2}`, { token: leader }), 403, 'FORBIDDEN');
    const onBehalf = await server.request('POST', '/api/service-requests', {
      token: leader,
      body: { categoryCode: 'other', description: '帮忙问一下', onBehalfOfResidentId: g2.id },
    });
    expect([403, 404]).toContain(onBehalf.status);
    // The nomination is still there, untouched.
    const [row] = await server.db.select().from(electionNominations).where(eq(electionNominations.id, theirs.body.id));
    expect(row!.status).toBe('nominated');
    // Once confirmed, group 2's representative is public, the leader of group 1 included.
    await server.request('POST', `/api/elections/${e.id}/nominations/${theirs.body.id}/confirm`, { token: committee });
    expect((await listNominations(e.id, leader, `?groupId=${group2}`)).body.items.map((n: { name: string }) => n.name)).toEqual(['何雨欣']);
  });
});

describe('twenty nominations at once into one group', () => {
  it('leave exactly repsPerGroup, twenty times over', { timeout: 240_000 }, async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => newResident(group1, `并发${i}`)));
    const ids = people.map((p) => p.id);
    for (let round = 0; round < 20; round++) {
      const e = await newElection();
      expect((await registerAll(e.id, group1)).status).toBe(201);
      const replies = await Promise.all(ids.map((id) => nominate(e.id, id)));
      const statuses = replies.map((r) => r.status).sort();
      expect(
        statuses.filter((s) => s === 201),
        `round ${round}`,
      ).toHaveLength(2);
      for (const r of replies.filter((r) => r.status !== 201)) expectProblem(r, 409, 'GROUP_QUOTA_REACHED');
      const rows = await server.db
        .select()
        .from(electionNominations)
        .where(and(eq(electionNominations.electionId, e.id), inArray(electionNominations.status, ['nominated', 'confirmed'])));
      expect(rows, `round ${round}`).toHaveLength(2);
    }
  });
});

describe('the group’s residents and the households', () => {
  it('shows the leader their group: masked phone, verified or not, household and voter in the current election', async () => {
    const own = await startTestServer();
    try {
      own.setNow(new Date('2026-11-26T02:00:00Z'));
      const [staff, lead] = await Promise.all([own.login('staff', 'Staff#2026'), own.login('leader1', 'Leader#2026')]);
      const groups = (await own.request('GET', '/api/groups', { token: staff })).body.items;
      const withPhone = await own.request('POST', '/api/residents', {
        token: staff,
        body: { name: '陈春梅', idNumber: newIdNumber('19800202'), groupId: groups[0].id, phone: '13893100999', householdLabel: '八珠街99号' },
      });
      expect(withPhone.status).toBe(201);
      expect(withPhone.body.household).toMatchObject({ label: '八珠街99号' });
      const before = await own.request('GET', `/api/groups/${groups[0].id}/residents`, { token: lead });
      expect(before.status).toBe(200);
      expect(before.body.election).toBeNull();
      const chen = before.body.items.find((r: { id: string }) => r.id === withPhone.body.id);
      expect(chen).toEqual({
        id: withPhone.body.id,
        name: '陈春梅',
        phoneMasked: '138****0999',
        status: 'verified',
        age: 46,
        household: withPhone.body.household,
      });
      expect(before.text).not.toContain('13893100999');
      // The seed's pending resident of group 1 shows as pending.
      expect(before.body.items.some((r: { status: string }) => r.status === 'pending')).toBe(true);
      const election = await own.request('POST', '/api/elections', { token: staff, body: { title: '本届', electionDay: '2026-12-20', seats } });
      await own.request('POST', `/api/elections/${election.body.id}/voters`, { token: staff, body: { all: true } });
      const after = await own.request('GET', `/api/groups/${groups[0].id}/residents`, { token: lead });
      expect(after.body.election).toMatchObject({ id: election.body.id });
      const byId = new Map(after.body.items.map((r: { id: string; voter: boolean }) => [r.id, r.voter]));
      expect(byId.get(withPhone.body.id)).toBe(true);
      expect(after.body.items.filter((r: { age: number; voter: boolean }) => r.age < 18 && r.voter)).toEqual([]);
      expect(after.body.items.filter((r: { age: number }) => r.age < 18).length).toBeGreaterThan(0);
      expect((await own.request('GET', `/api/groups/${groups[0].id}/residents`, { token: staff })).status).toBe(200);
      expectProblem(
        await own.request('GET', `/api/groups/${groups[0].id}/residents`, { token: await own.login('resident1', 'Resident#2026') }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await own.request('GET', `/api/groups/${groups[0].id}/residents`, { token: await own.login('staff@other', 'Staff#2026') }),
        404,
        'NOT_FOUND',
      );

      // The household view: who is registered and who is missing, household by household.
      const hh = await own.request('GET', `/api/households?groupId=${groups[0].id}&limit=100`, { token: staff });
      expect(hh.status).toBe(200);
      expect(hh.body.election).toMatchObject({ id: election.body.id });
      const mine = hh.body.items.find((h: { label: string }) => h.label === '八珠街99号');
      expect(mine).toMatchObject({ groupId: groups[0].id, members: [{ residentId: withPhone.body.id, name: '陈春梅', age: 46, voter: true }], missing: [] });
      // A household of the seed: children are there and not voters; the pending adult is missing.
      const seeded = hh.body.items.filter((h: { label: string; unhoused: boolean }) => h.label !== '八珠街99号' && !h.unhoused);
      expect(seeded.length).toBe(3);
      // The demo accounts' residents belong to no household: they come last, under 未分户.
      expect(hh.body.items.at(-1)).toMatchObject({ label: '未分户', unhoused: true });
      expect(hh.body.items.at(-1).members.map((m: { name: string }) => m.name)).toContain('张桂兰');
      const members = seeded.flatMap((h: { members: { age: number; voter: boolean; eligible: boolean }[] }) => h.members);
      expect(members.some((m: { age: number; voter: boolean }) => m.age < 18 && !m.voter)).toBe(true);
      expect(members.every((m: { age: number; voter: boolean; eligible: boolean }) => m.voter === m.eligible)).toBe(true);
      // Taking one off puts them among the missing of their household.
      const voterInHousehold = seeded[0].members.find((m: { voter: boolean }) => m.voter);
      await own.request('DELETE', `/api/elections/${election.body.id}/voters/${voterInHousehold.residentId}?reason=${encodeURIComponent('外出务工')}`, {
        token: staff,
      });
      const again = await own.request('GET', `/api/households?groupId=${groups[0].id}&limit=100`, { token: staff });
      expect(again.body.items.find((h: { id: string }) => h.id === seeded[0].id).missing).toEqual([voterInHousehold.name]);
    } finally {
      await own.close();
    }
  });

  it('puts a resident in a household when entered or verified; a household of another group is refused', async () => {
    const a = await newResident(group1, '马建华', '19600101', { householdLabel: '东巷3号' });
    const b = await newResident(group1, '马秀英', '19620101', { householdId: a.household!.id });
    expect(b.household).toEqual(a.household);
    const wrong = await server.request('POST', '/api/residents', {
      token: committee,
      body: { name: '马志强', idNumber: newIdNumber('19900101'), groupId: group2, householdId: a.household!.id },
    });
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.errors[0].path).toBe('body.householdId');
    const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13712349911', password: 'Claim#2026', name: '马小红' } });
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token: reg.body.token,
      body: { name: '马小红', idNumber: newIdNumber('19950101'), groupId: group1 },
    });
    const verified = await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, {
      token: committee,
      body: { householdId: a.household!.id },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.resident).toMatchObject({ status: 'verified', household: a.household });
  });
});

describe('exports', () => {
  async function workbookOf(res: { status: number; headers: Headers }, url: string) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const raw = await fetch(server.url + url, { headers: { Authorization: `Bearer ${committee}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await raw.arrayBuffer()) as never);
    return workbook.worksheets[0]!;
  }

  it('gives the voter list by group and household, ID numbers masked, and a formula-like name stays text', async () => {
    const e = await newElection();
    const sneaky = await newResident(group1, '=HYPERLINK("x")', '19700101', { householdLabel: '+西巷1号' });
    await registerAll(e.id);
    const url = `/api/elections/${e.id}/exports/voters.xlsx`;
    const sheet = await workbookOf(await server.request('GET', url, { token: committee }), url);
    expect(sheet.name).toBe('选民名单');
    expect(sheet.getRow(2).values).toEqual([undefined, '居民小组', '户', '姓名', '身份证号', '年龄']);
    const rows = sheet.getSheetValues().slice(3) as unknown[][];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(String(row[4])).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
      expect(typeof row[5]).toBe('number');
    }
    const mine = rows.find((r) => String(r[3]).includes('HYPERLINK'))!;
    // Exactly as typed (no stray apostrophe), stored as text, and formatted as text so it stays text when edited.
    expect(mine.slice(1, 4)).toEqual(['第一居民小组', '+西巷1号', '=HYPERLINK("x")']);
    let formulas = 0;
    sheet.eachRow((row) => row.eachCell((cell) => (formulas += cell.formula ? 1 : 0)));
    expect(formulas).toBe(0);
    const rowNo = rows.indexOf(mine) + 3;
    expect(sheet.getCell(rowNo, 3).numFmt).toBe('@');
    expect(sheet.getCell(rowNo, 3).type).toBe(3); // ExcelJS.ValueType.String
    expect(sheet.getCell(rowNo, 1).numFmt).not.toBe('@');
    expect(sneaky.id).toBeTruthy();
  });

  it('gives the nominations with group, household, name, masked ID, age and status; the committee only', async () => {
    const e = await newElection();
    const a = await newResident(group1, '杨志强', '19800101', { householdLabel: '南巷8号' });
    await registerAll(e.id, group1);
    await nominate(e.id, a.id);
    const url = `/api/elections/${e.id}/exports/nominations.xlsx`;
    const sheet = await workbookOf(await server.request('GET', url, { token: committee }), url);
    const rows = sheet.getSheetValues().slice(3) as unknown[][];
    expect(rows).toEqual([[undefined, '第一居民小组', '南巷8号', '杨志强', expect.stringMatching(/^\d{4}\*+\d{3}[\dX]$/), 48, '待确认']]);
    expectProblem(await server.request('GET', url, { token: resident }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', url, { token: otherCommittee }), 404, 'NOT_FOUND');
  });
});
