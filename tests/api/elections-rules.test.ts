import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, auditLog, electionNominations, electionVoters } from '../../db/schema/index.js';
import { createCommunity } from '../../functions/community/create-community.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ElectionWorld, seats } from './elections-support.js';
import { expectProblem, newIdNumber, notFoundDetail, register, withBasis } from './helpers.js';

/**
 * The election rules as the committee, leaders and residents meet them: each refusal's words,
 * each reply's fields, what is stored and what the audit chain records.
 */
const world = new ElectionWorld(2029);
const { newElection, newResident, registerAll, nominate } = world;
let server: TestServer;
let committee: string;
let committeeAccountId: string;
let leader: string;
let resident: string;
let otherCommittee: string;
/** group1 is led by leader1; groups 6 to 8 of the seed are empty, so counts there are exact. */
let group1: string;
let group2: string;
let group6: string;
let group7: string;
let group8: string;

beforeAll(async () => {
  await world.start();
  ({ server, committee, leader, resident, otherCommittee } = world);
  committeeAccountId = (await server.request('GET', '/api/me', { token: committee })).body.account.id;
  const groups = world.groups;
  [group1, group2, group6, group7, group8] = [groups[0]!.id, groups[1]!.id, groups[5]!.id, groups[6]!.id, groups[7]!.id];
});
afterAll(() => world.close());

/** A new account that claims to be a resident (pending until verified). */
async function claimant(birth: string, name: string, groupId = group6) {
  const account = await register(server, name);
  const claim = await server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name, idNumber: newIdNumber(birth), groupId } });
  if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${claim.text}`);
  return { token: account.token, residentId: claim.body.resident.id as string };
}

const registerVoter = (electionId: string, residentId: string) =>
  server.request('POST', `/api/elections/${electionId}/voters`, { token: committee, body: { residentId } });
const removeVoter = (electionId: string, residentId: string, reason: string) =>
  server.request('DELETE', `/api/elections/${electionId}/voters/${residentId}?reason=${encodeURIComponent(reason)}`, { token: committee });
const withdraw = (electionId: string, id: string, token = leader) => server.request('DELETE', `/api/elections/${electionId}/nominations/${id}`, { token });
const confirm = (electionId: string, id: string, token = committee) =>
  server.request('POST', `/api/elections/${electionId}/nominations/${id}/confirm`, { token });

/** The audit entries of an election with this action, oldest first: what was recorded about whom. */
async function audited(electionId: string, action: string) {
  const rows = await server.db
    .select({ subject: auditLog.subject, payload: auditLog.payload })
    .from(auditLog)
    .where(and(eq(auditLog.electionId, electionId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.seq));
  return rows;
}

describe('setting up and changing an election', () => {
  it('records the title, day, seats and the full rulebook on creation', async () => {
    const e = await newElection({ title: '第十一届居委会选举', rules: { repsPerGroup: 3 } });
    expect(await audited(e.id, 'election.created')).toEqual([
      {
        subject: `election:${e.id}`,
        payload: {
          title: '第十一届居委会选举',
          electionDay: e.electionDay,
          seats,
          rules: { ...e.rules, repsPerGroup: 3, minVoterAge: 18 },
          law: 'gansu-2026',
          mode: 'voters',
          basis: withBasis({ repsPerGroup: 3 }).basis,
        },
      },
    ]);
  });

  it('changes the day and one rule, keeps the other rules, recomputes the deadlines and records each change', async () => {
    const e = await newElection({ electionDay: '2030-03-20', title: '换届选举', rules: { voterListNoticeDays: 20 } });
    const moved = await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { electionDay: '2030-04-20', rules: { repsPerGroup: 3 } } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: e.id,
      title: '换届选举',
      electionDay: '2030-04-20',
      seats,
      rules: { voterListNoticeDays: 20, repsPerGroup: 3, minVoterAge: 18, maxProxiesPerVoter: 3 },
      deadlines: { voterListNoticeBy: '2030-03-31', electionDay: '2030-04-20', proxyApplyBy: '2030-04-18' },
    });
    const retitled = await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { title: '第十二届换届选举' } });
    expect(retitled.body).toMatchObject({ title: '第十二届换届选举', electionDay: '2030-04-20', seats, rules: { voterListNoticeDays: 20, repsPerGroup: 3 } });
    const newSeats = { director: 1, deputyDirector: 2, members: 4 };
    const reseated = await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { seats: newSeats } });
    expect(reseated.body).toMatchObject({ title: '第十二届换届选举', electionDay: '2030-04-20', seats: newSeats });
    expect((await server.request('GET', `/api/elections/${e.id}`, { token: resident })).body).toEqual(reseated.body);
    expect(await audited(e.id, 'election.changed')).toEqual([
      { subject: `election:${e.id}`, payload: { electionDay: '2030-04-20', rules: { repsPerGroup: 3 } } },
      { subject: `election:${e.id}`, payload: { title: '第十二届换届选举' } },
      { subject: `election:${e.id}`, payload: { seats: newSeats } },
    ]);
  });

  it('lets only the committee change an election; another community’s is not found; bad rules are refused and nothing changes', async () => {
    const e = await newElection();
    expectProblem(await server.request('PUT', `/api/elections/${e.id}`, { token: resident, body: { title: '改名' } }), 403, 'FORBIDDEN');
    expectProblem(
      await server.request('PUT', `/api/elections/${e.id}`, { token: otherCommittee, body: { title: '改名' } }),
      404,
      'NOT_FOUND',
      notFoundDetail('选举'),
    );
    expectProblem(await server.request('GET', `/api/elections/${crypto.randomUUID()}`, { token: committee }), 404, 'NOT_FOUND', notFoundDetail('选举'));
    expectProblem(
      await server.request('POST', `/api/elections/${e.id}/voters`, { token: committee, body: { residentId: crypto.randomUUID() } }),
      404,
      'NOT_FOUND',
      notFoundDetail('居民'),
    );
    expectProblem(
      await server.request('POST', `/api/elections/${e.id}/nominations`, { token: committee, body: { residentId: crypto.randomUUID() } }),
      404,
      'NOT_FOUND',
      notFoundDetail('居民'),
    );
    // A leader asking for another group's people, and staff for a group that is not there.
    expectProblem(await server.request('GET', `/api/groups/${group2}/residents`, { token: leader }), 404, 'NOT_FOUND', notFoundDetail('居民小组'));
    expectProblem(
      await server.request('GET', `/api/groups/${crypto.randomUUID()}/residents`, { token: committee }),
      404,
      'NOT_FOUND',
      notFoundDetail('居民小组'),
    );
    expectProblem(await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { rules: { minVoterAge: 10 } } }), 400, 'VALIDATION_FAILED');
    const now = await server.request('GET', `/api/elections/${e.id}`, { token: committee });
    expect(now.body).toMatchObject({ title: e.title, rules: { minVoterAge: 18 } });
    expect(await audited(e.id, 'election.changed')).toEqual([]);
  });
});

describe('the current election’s calendar', () => {
  it('counts registered voters only, and lists what is left in each phase, the missing notices from a cold start’s first request on', async () => {
    const own = await startTestServer();
    try {
      const token = await own.login('staff', 'Staff#2026');
      const created = await own.request('POST', '/api/elections', {
        token,
        body: { title: '本届选举', electionDay: '2026-12-20', seats, rules: { voterListNoticeDays: 10 }, basis: '建社方案：选举投票日前10日发布选民登记公告' },
      });
      const id = created.body.id;
      // 1 November: more than 30 days before the voter list is due (10 December).
      own.setNow(new Date('2026-11-01T02:00:00Z'));
      const early = await own.request('GET', '/api/elections/current', { token });
      expect(early.body).toMatchObject({ today: '2026-11-01', registeredVoters: 0, phase: { code: 'preparation', name: '前期准备' } });
      expect(early.body.phase.todo).toEqual(['入户登记选民', '各居民小组推荐居民代表', '公布选民名单', '宣传选举程序、候选人条件和投票办法']);
      expect(early.body.rules).toEqual(created.body.rules);
      expect(early.body.deadlines).toEqual(created.body.deadlines);

      const all = await own.request('POST', `/api/elections/${id}/voters`, { token, body: { all: true } });
      expect(all.body.registered).toBeGreaterThan(1);
      const list = await own.request('GET', `/api/elections/${id}/voters?limit=1`, { token });
      const gone = list.body.items[0].residentId;
      await own.request('DELETE', `/api/elections/${id}/voters/${gone}?reason=${encodeURIComponent('外出务工')}`, { token });
      // 23:30 UTC on 14 December is already the 15th in China: the meeting phase.
      own.setNow(new Date('2026-12-14T23:30:00Z'));
      const late = await own.request('GET', '/api/elections/current', { token });
      expect(late.body).toMatchObject({ today: '2026-12-15', registeredVoters: all.body.registered - 1, phase: { code: 'implementation', name: '全面实施' } });
      expect(late.body.phase.todo).toEqual(['各居民小组推荐居民代表', '公布选民名单', '公布候选人名单', '准备选票、票箱和委托投票，培训工作人员']);

      own.setNow(new Date('2026-12-21T02:00:00Z'));
      const after = await own.request('GET', '/api/elections/current', { token });
      expect(after.body.phase).toEqual({ code: 'review', name: '回头检视', todo: ['张榜公布选举结果', '回头检视：总结选举工作，整改发现的问题'] });
    } finally {
      await own.close();
    }
  });
});

describe('a resident’s own standing in an election', () => {
  it('tells a claimant to wait for verification, then that they qualify, then shows them on the list', async () => {
    const e = await newElection({ electionDay: '2030-06-01' });
    const me = await claimant('19800101', '申请人甲');
    const pending = await server.request('GET', `/api/elections/${e.id}/me`, { token: me.token });
    expect(pending.body).toMatchObject({ voter: null, eligible: false, reason: '您的身份还没有经过社区核实，核实后才能登记为选民。', nominations: [] });
    expect((await server.request('POST', `/api/residents/${me.residentId}/verify`, { token: committee, body: {} })).status).toBe(200);
    const eligible = await server.request('GET', `/api/elections/${e.id}/me`, { token: me.token });
    expect(eligible.body).toMatchObject({
      voter: null,
      eligible: true,
      reason: '您符合选民条件，但还没有登记。选举委员会将入户登记，也可以到社区便民服务窗口登记。',
    });
    expect((await registerVoter(e.id, me.residentId)).status).toBe(201);
    const listed = await server.request('GET', `/api/elections/${e.id}/me`, { token: me.token });
    expect(listed.body.voter).toEqual({ residentId: me.residentId, name: '申请人甲', age: 50, status: 'registered' });
    expect(listed.body.reason).toBeNull();
    expect(listed.body).not.toHaveProperty('eligible');
  });

  it('tells a verified resident under age their age on election day', async () => {
    const e = await newElection({ electionDay: '2030-06-02' });
    const me = await claimant('20120603', '申请人乙');
    await server.request('POST', `/api/residents/${me.residentId}/verify`, { token: committee, body: {} });
    const mine = await server.request('GET', `/api/elections/${e.id}/me`, { token: me.token });
    expect(mine.body).toMatchObject({ voter: null, eligible: false, reason: '选举日（2030-06-02）时您17周岁，未满18周岁，不能登记为选民。' });
  });
});

describe('registering voters', () => {
  it('answers the voter registered and records who, by name and age', async () => {
    const e = await newElection({ electionDay: '2030-07-01' });
    const r = await newResident(group6, '登记甲', '19900702');
    const res = await registerVoter(e.id, r.id);
    expect(res.body).toEqual({ id: expect.any(String), electionId: e.id, residentId: r.id, name: '登记甲', age: 39, status: 'registered', basis: 'hukou' });
    expect(await audited(e.id, 'voter.registered')).toEqual([
      { subject: `resident:${r.id}`, payload: { residentId: r.id, name: '登记甲', age: 39, basis: 'hukou' } },
    ]);
  });

  it('registers again one taken off the list, on the basis given now (户籍 when none is given)', async () => {
    const e = await newElection({ electionDay: '2030-07-04' });
    const r = await newResident(group6, '登记乙', '19900101');
    const first = await server.request('POST', `/api/elections/${e.id}/voters`, { token: committee, body: { residentId: r.id, basis: 'residence' } });
    expect(first.body).toMatchObject({ status: 'registered', basis: 'residence' });
    expect((await removeVoter(e.id, r.id, '登记依据有误')).status).toBe(204);
    const again = await registerVoter(e.id, r.id);
    expect(again.status, again.text).toBe(201);
    expect(again.body).toMatchObject({ status: 'registered', basis: 'hukou' });
  });

  it('gives each refusal in words: not verified, under the election’s own age, already on the list', async () => {
    // The 2026 law fixes the age at 18 on election day (甘肃办法第十五条).
    const e = await newElection({ electionDay: '2030-07-02' });
    const sixteen = await newResident(group6, '刚满十八', '20120702');
    const fifteen = await newResident(group6, '还差一天', '20120703');
    const unverified = await claimant('19800101', '未核实乙');
    expect((await registerVoter(e.id, sixteen.id)).body).toMatchObject({ age: 18, status: 'registered' });
    expectProblem(await registerVoter(e.id, fifteen.id), 422, 'VOTER_UNDERAGE', '选举日（2030-07-02）时这位居民17周岁，未满18周岁，不能登记为选民。');
    expectProblem(await registerVoter(e.id, unverified.residentId), 422, 'RESIDENT_NOT_VERIFIED', '这位居民的身份还没有经过社区核实，核实后才能登记为选民。');
    expectProblem(await registerVoter(e.id, sixteen.id), 409, 'ALREADY_REGISTERED', '刚满十八已经在选民名单上了。');
  });

  it('registers one group at once: its verified residents of the election’s age, no one of another group', async () => {
    const e = await newElection({ electionDay: '2030-07-03' });
    const sixteen = await newResident(group7, '七组十八岁', '20120703');
    const fifteen = await newResident(group7, '七组十七岁', '20120704');
    const unverified = await claimant('19800101', '七组未核实', group7);
    const elsewhere = await newResident(group8, '八组成人', '19800101');
    const batch = await registerAll(e.id, group7);
    const list = await server.request('GET', `/api/elections/${e.id}/voters?limit=100`, { token: committee });
    const voters = list.body.items as { residentId: string; groupId: string; age: number }[];
    // Other tests of this file may have put adults in group 7 too: all of them and only them.
    expect(voters).toHaveLength(batch.body.registered);
    expect(voters.every((v) => v.groupId === group7 && v.age >= 18)).toBe(true);
    expect(voters).toContainEqual(expect.objectContaining({ residentId: sixteen.id, name: '七组十八岁', age: 18, status: 'registered' }));
    const ids = voters.map((v) => v.residentId);
    expect(ids).not.toContain(fifteen.id);
    expect(ids).not.toContain(unverified.residentId);
    expect(ids).not.toContain(elsewhere.id);
    expect(await audited(e.id, 'voter.registered')).toEqual([
      {
        subject: `election:${e.id}`,
        payload: {
          batch: true,
          count: ids.length,
          residentIds: expect.arrayContaining(ids),
          groupId: group7,
          basis: 'hukou',
          skippedElsewhere: 0,
        },
      },
    ]);
  });

  it('lists one group’s voters, page by page', async () => {
    const e = await newElection({ electionDay: '2030-07-04' });
    const people = [await newResident(group8, '分页甲'), await newResident(group8, '分页乙'), await newResident(group8, '分页丙')];
    const other = await newResident(group7, '别组的人');
    for (const p of [...people, other]) expect((await registerVoter(e.id, p.id)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { residentId: string }[]; nextCursor: string | null } } = await server.request(
        'GET',
        `/api/elections/${e.id}/voters?groupId=${group8}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: committee },
      );
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0]!.residentId);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(people.map((p) => p.id).sort());
  });

  it('takes a voter off with the reason recorded, lists them among the removed, and clears the reason when they are put back', async () => {
    const e = await newElection({ electionDay: '2030-07-05' });
    const r = await newResident(group6, '移出甲');
    const never = await newResident(group6, '未登记乙');
    await registerVoter(e.id, r.id);
    expectProblem(await removeVoter(e.id, never.id, '不在名单'), 404, 'NOT_FOUND', notFoundDetail('选民'));
    expect((await removeVoter(e.id, r.id, '户籍已迁出')).status).toBe(204);
    expectProblem(await removeVoter(e.id, r.id, '再移一次'), 404, 'NOT_FOUND');
    expect(await audited(e.id, 'voter.removed')).toEqual([{ subject: `resident:${r.id}`, payload: { residentId: r.id, reason: '户籍已迁出' } }]);
    expect((await server.request('GET', `/api/elections/${e.id}/voters`, { token: committee })).body.items).toEqual([]);
    const removed = await server.request('GET', `/api/elections/${e.id}/voters?status=removed`, { token: committee });
    expect(removed.body.items).toEqual([expect.objectContaining({ residentId: r.id, status: 'removed', removedReason: '户籍已迁出' })]);
    expect((await registerVoter(e.id, r.id)).status).toBe(201);
    const back = await server.request('GET', `/api/elections/${e.id}/voters`, { token: committee });
    expect(back.body.items).toHaveLength(1);
    expect(back.body.items[0]).toMatchObject({ residentId: r.id, status: 'registered' });
    expect(back.body.items[0]).not.toHaveProperty('removedReason');
    const [row] = await server.db
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, e.id), eq(electionVoters.residentId, r.id)));
    expect(row).toMatchObject({ status: 'registered', removedAt: null, removedReason: null });
  });
});

describe('nominating representatives', () => {
  it('says a resident is already nominated even when the group is full, and words every refusal', async () => {
    const e = await newElection();
    const [a, b, c] = [await newResident(group1, '提名甲'), await newResident(group1, '提名乙'), await newResident(group1, '提名丙')];
    const g2 = await newResident(group2, '二组居民');
    for (const p of [a, b, c, g2]) await registerVoter(e.id, p.id);
    const notVoter = await newResident(group1, '提名丁');
    const first = await nominate(e.id, a.id);
    expect(first.body).toEqual({
      id: expect.any(String),
      electionId: e.id,
      groupId: group1,
      groupName: '第一居民小组',
      residentId: a.id,
      name: '提名甲',
      status: 'nominated',
      nominatedByName: '李建国',
      createdAt: '2026-11-26T02:00:00.000Z',
      confirmedAt: null,
      meeting: null,
    });
    const again = await nominate(e.id, a.id);
    expectProblem(again, 409, 'ALREADY_NOMINATED', '提名甲已经被推荐为居民代表了。');
    expectProblem(await nominate(e.id, notVoter.id), 422, 'NOMINEE_NOT_VOTER', '提名丁还不在选民名单上。居民代表须是登记的选民，请先请选举委员会登记。');
    expectProblem(await nominate(e.id, g2.id), 403, 'NOT_GROUP_LEADER', '只有本组的居民小组长（或选举委员会）可以推荐本组的居民代表。');
    expect((await nominate(e.id, b.id)).status).toBe(201);
    // Full now: asking for one of the two again is answered as a repeat, not as the quota.
    expectProblem(await nominate(e.id, b.id), 409, 'ALREADY_NOMINATED', '提名乙已经被推荐为居民代表了。');
    expectProblem(await nominate(e.id, c.id), 409, 'GROUP_QUOTA_REACHED', '本组已经推荐了2名居民代表，名额已满。如要换人，请先撤回一名尚未确认的推荐。');
    expect(await audited(e.id, 'nomination.created')).toEqual([
      { subject: `nomination:${first.body.id}`, payload: { residentId: a.id, name: '提名甲', groupId: group1 } },
      { subject: expect.stringMatching(/^nomination:/), payload: { residentId: b.id, name: '提名乙', groupId: group1 } },
    ]);
  });

  it('lets the committee withdraw a leader’s nomination and the leader withdraw the committee’s in their group', async () => {
    const e = await newElection();
    const [a, b] = [await newResident(group1, '撤回甲'), await newResident(group1, '撤回乙')];
    await registerAll(e.id, group1);
    const byLeader = (await nominate(e.id, a.id)).body;
    const byCommittee = (await nominate(e.id, b.id, committee)).body;
    expect((await withdraw(e.id, byLeader.id, committee)).status).toBe(204);
    server.setNow(new Date('2026-11-27T03:00:00Z'));
    try {
      expect((await withdraw(e.id, byCommittee.id, leader)).status).toBe(204);
    } finally {
      server.setNow(new Date('2026-11-26T02:00:00Z'));
    }
    const rows = await server.db.select().from(electionNominations).where(eq(electionNominations.electionId, e.id)).orderBy(asc(electionNominations.createdAt));
    expect(rows.map((r) => [r.residentId, r.status, r.withdrawnAt?.toISOString()])).toEqual([
      [a.id, 'withdrawn', '2026-11-26T02:00:00.000Z'],
      [b.id, 'withdrawn', '2026-11-27T03:00:00.000Z'],
    ]);
    expect(await audited(e.id, 'nomination.withdrawn')).toEqual([
      { subject: `nomination:${byLeader.id}`, payload: { residentId: a.id, groupId: group1 } },
      { subject: `nomination:${byCommittee.id}`, payload: { residentId: b.id, groupId: group1 } },
    ]);
    expect((await server.request('GET', `/api/elections/${e.id}/nominations`, { token: committee })).body.items).toEqual([]);
  });

  it('confirms with who and when, refuses a withdrawn one in words, and does not know another election’s nomination', async () => {
    const e = await newElection();
    const other = await newElection();
    const [a, b] = [await newResident(group1, '确认甲'), await newResident(group1, '确认乙')];
    await registerAll(e.id, group1);
    const na = (await nominate(e.id, a.id)).body;
    const nb = (await nominate(e.id, b.id)).body;
    server.setNow(new Date('2026-11-28T04:00:00Z'));
    let confirmed: Awaited<ReturnType<typeof confirm>>;
    try {
      confirmed = await confirm(e.id, na.id);
    } finally {
      server.setNow(new Date('2026-11-26T02:00:00Z'));
    }
    expect(confirmed.body).toMatchObject({ id: na.id, residentId: a.id, status: 'confirmed', confirmedAt: '2026-11-28T04:00:00.000Z' });
    const [row] = await server.db.select().from(electionNominations).where(eq(electionNominations.id, na.id));
    expect(row).toMatchObject({ status: 'confirmed', confirmedByAccountId: committeeAccountId });
    expect(await audited(e.id, 'nomination.confirmed')).toEqual([{ subject: `nomination:${na.id}`, payload: { residentId: a.id, groupId: group1 } }]);
    expectProblem(await withdraw(e.id, na.id), 409, 'CONFLICT', '选举委员会已经确认了这名居民代表，不能再撤回。如有变动请联系选举委员会。');
    await withdraw(e.id, nb.id);
    expectProblem(await confirm(e.id, nb.id), 409, 'CONFLICT', '这条推荐已经被撤回，不能确认。');
    expectProblem(await confirm(other.id, na.id), 404, 'NOT_FOUND', notFoundDetail('推荐'));
    expectProblem(await withdraw(other.id, na.id, committee), 404, 'NOT_FOUND', notFoundDetail('推荐'));
    expectProblem(await confirm(e.id, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });

  it('lists one group’s nominations and the election’s quota', async () => {
    const e = await newElection({ rules: { repsPerGroup: 3 } });
    const a = await newResident(group1, '列表甲');
    const b = await newResident(group2, '列表乙');
    await registerVoter(e.id, a.id);
    await registerVoter(e.id, b.id);
    await nominate(e.id, a.id, committee);
    await nominate(e.id, b.id, committee);
    const both = await server.request('GET', `/api/elections/${e.id}/nominations`, { token: committee });
    expect(both.body.repsPerGroup).toBe(3);
    expect(both.body.items.map((n: { name: string }) => n.name)).toEqual(['列表甲', '列表乙']);
    const second = await server.request('GET', `/api/elections/${e.id}/nominations?groupId=${group2}`, { token: committee });
    expect(second.body.items.map((n: { name: string }) => n.name)).toEqual(['列表乙']);
  });
});

describe('who acts for the committee', () => {
  /** A new account holding one role in the demo community (roles are read at every request). */
  async function accountWith(role: 'admin' | 'staff' | 'committee' | 'group_leader', name: string, groupId: string | null = null) {
    const account = await register(server, name);
    const [home] = await server.db
      .select({ communityId: accountRoles.communityId })
      .from(accountRoles)
      .where(eq(accountRoles.accountId, committeeAccountId))
      .limit(1);
    await server.db.insert(accountRoles).values({ accountId: account.accountId, communityId: home!.communityId, role, groupId });
    return account;
  }

  it('lets an administrator set up an election and withdraw a leader’s nomination, and shows pending ones to administrators, staff and the committee', async () => {
    const admin = await accountWith('admin', '管理员甲');
    const staffOnly = await accountWith('staff', '窗口职员');
    const committeeOnly = await accountWith('committee', '选委会委员');
    const created = await server.request('POST', '/api/elections', { token: admin.token, body: { title: '管理员设立', electionDay: '2031-08-01', seats } });
    expect(created.status).toBe(201);
    const e = created.body;
    const [a, b] = [await newResident(group1, '管理甲'), await newResident(group1, '管理乙')];
    await registerVoter(e.id, a.id);
    await registerVoter(e.id, b.id);
    const na = (await nominate(e.id, a.id)).body;
    await nominate(e.id, b.id);
    expect((await withdraw(e.id, na.id, admin.token)).status).toBe(204);
    for (const token of [admin.token, staffOnly.token, committeeOnly.token]) {
      const list = await server.request('GET', `/api/elections/${e.id}/nominations`, { token });
      expect(list.body.items.map((n: { name: string; status: string }) => [n.name, n.status])).toEqual([['管理乙', 'nominated']]);
    }
  });

  it('lets the nominating leader withdraw after their group has passed to another leader', async () => {
    const formerLeader = await accountWith('group_leader', '前任组长', group6);
    const e = await newElection();
    const r = await newResident(group6, '六组代表');
    await registerVoter(e.id, r.id);
    const n = await nominate(e.id, r.id, formerLeader.token);
    expect(n.status).toBe(201);
    await server.db.update(accountRoles).set({ groupId: group7 }).where(eq(accountRoles.accountId, formerLeader.accountId));
    expectProblem(await nominate(e.id, r.id, formerLeader.token), 403, 'NOT_GROUP_LEADER');
    expect((await withdraw(e.id, n.body.id, formerLeader.token)).status).toBe(204);
  });

  it('does not know a resident that does not exist', async () => {
    const e = await newElection();
    expectProblem(await nominate(e.id, '00000000-0000-4000-8000-000000000000', committee), 404, 'NOT_FOUND');
  });
});

describe('the household view', () => {
  it('shows ages today and nobody eligible while there is no election, then ages on the day of the current one', async () => {
    const own = await startTestServer();
    try {
      own.setNow(new Date('2026-11-26T02:00:00Z'));
      const token = await own.login('staff', 'Staff#2026');
      const g6 = (await own.request('GET', '/api/groups', { token })).body.items[5].id;
      const born = await own.request('POST', '/api/residents', {
        token,
        body: { name: '十二月生', idNumber: newIdNumber('19901210'), groupId: g6, householdLabel: '无选举1号' },
      });
      expect(born.status).toBe(201);
      const before = await own.request('GET', `/api/households?groupId=${g6}`, { token });
      expect(before.body).toMatchObject({ election: null, items: [{ label: '无选举1号', registered: 0, missing: [] }] });
      expect(before.body.items[0].members).toEqual([
        { residentId: born.body.id, name: '十二月生', age: 35, voter: false, eligible: false, verified: true, votesForHousehold: false },
      ]);
      const groupBefore = await own.request('GET', `/api/groups/${g6}/residents`, { token });
      expect(groupBefore.body).toMatchObject({ election: null, items: [{ id: born.body.id, age: 35 }] });
      expect(groupBefore.body.items[0]).not.toHaveProperty('voter');
      const e = await own.request('POST', '/api/elections', { token, body: { title: '本届', electionDay: '2026-12-20', seats } });
      const after = await own.request('GET', `/api/households?groupId=${g6}`, { token });
      expect(after.body.election).toEqual({ id: e.body.id, title: '本届', electionDay: '2026-12-20', mode: 'voters' });
      expect(after.body.items[0]).toMatchObject({ registered: 0, missing: ['十二月生'], members: [{ age: 36, voter: false, eligible: true }] });
      const groupAfter = await own.request('GET', `/api/groups/${g6}/residents`, { token });
      expect(groupAfter.body).toMatchObject({ election: { id: e.body.id }, items: [{ id: born.body.id, age: 36, voter: false }] });
    } finally {
      await own.close();
    }
  });

  it('shows a household’s ages on the chosen election’s day, who is registered there and who is missing', async () => {
    const e1 = await newElection({ electionDay: '2031-06-01' });
    const e2 = await newElection({ electionDay: '2031-06-02' });
    const head = await newResident(group6, '户主甲', '19900301', { householdLabel: '户视图1号' });
    const spouse = await newResident(group6, '配偶乙', '19920101', { householdId: head.household!.id });
    const child = await newResident(group6, '孩子丙', '20200101', { householdId: head.household!.id });
    await registerVoter(e1.id, head.id);
    const view = async (electionId: string) => {
      const res = await server.request('GET', `/api/households?groupId=${group6}&electionId=${electionId}&limit=100`, { token: committee });
      expect(res.status).toBe(200);
      return { election: res.body.election, household: res.body.items.find((h: { label: string }) => h.label === '户视图1号') };
    };
    const first = await view(e1.id);
    expect(first.election).toEqual({ id: e1.id, title: '选举2031-06-01', electionDay: '2031-06-01', mode: 'voters' });
    expect(first.household).toMatchObject({ groupId: group6, registered: 1, missing: ['配偶乙'] });
    const byName = new Map(first.household.members.map((m: { name: string }) => [m.name, m]));
    const plain = { verified: true, votesForHousehold: false };
    expect(byName.get('户主甲')).toEqual({ residentId: head.id, name: '户主甲', age: 41, voter: true, eligible: true, ...plain });
    expect(byName.get('配偶乙')).toEqual({ residentId: spouse.id, name: '配偶乙', age: 39, voter: false, eligible: true, ...plain });
    expect(byName.get('孩子丙')).toEqual({ residentId: child.id, name: '孩子丙', age: 11, voter: false, eligible: false, ...plain });
    const second = await view(e2.id);
    expect(second.household).toMatchObject({ registered: 0, missing: ['户主甲', '配偶乙'] });
    // The seed's pending adult of group 1 is neither verified nor eligible.
    const seeded = await server.request('GET', `/api/households?groupId=${group1}&electionId=${e1.id}&limit=100`, { token: committee });
    const members = seeded.body.items.flatMap((h: { members: { verified: boolean; eligible: boolean; age: number }[] }) => h.members);
    const unverified = members.filter((m: { verified: boolean }) => !m.verified);
    expect(unverified.length).toBeGreaterThan(0);
    expect(unverified.every((m: { eligible: boolean; age: number }) => !m.eligible && m.age >= 18)).toBe(true);
  });
});

describe('the household view: those in no household, and who votes for a household', () => {
  it('lists a group’s residents without a household under 未分户 after its last household, on the last page only', async () => {
    const own = await startTestServer();
    try {
      own.setNow(new Date('2026-11-26T02:00:00Z'));
      const token = await own.login('staff', 'Staff#2026');
      const g5 = (await own.request('GET', '/api/groups', { token })).body.items[4].id;
      const housed = await own.request('POST', '/api/residents', {
        token,
        body: { name: '有户者', idNumber: newIdNumber('19700101'), groupId: g5, householdLabel: '五组1号' },
      });
      const loose = await own.request('POST', '/api/residents', { token, body: { name: '未分户者', idNumber: newIdNumber('19710101'), groupId: g5 } });
      expect([housed.status, loose.status]).toEqual([201, 201]);
      const all = (await own.request('GET', `/api/households?groupId=${g5}&limit=100`, { token })).body.items as {
        id: string;
        label: string;
        unhoused: boolean;
        members: { name: string }[];
      }[];
      // One 未分户 row per group, with an id of its own (the page's list keys it).
      expect(all.at(-1)).toMatchObject({ id: `unhoused-${g5}`, label: '未分户', unhoused: true, members: [{ name: '未分户者' }] });
      expect(all.filter((h) => !h.unhoused).flatMap((h) => h.members.map((m) => m.name))).not.toContain('未分户者');
      // A page that is not the last shows no 未分户 yet.
      const other = await own.request('POST', '/api/residents', {
        token,
        body: { name: '另一户', idNumber: newIdNumber('19720101'), groupId: g5, householdLabel: '五组2号' },
      });
      expect(other.status).toBe(201);
      const first = (await own.request('GET', `/api/households?groupId=${g5}&limit=1`, { token })).body;
      expect(first.nextCursor).not.toBeNull();
      expect(first.items.map((h: { label: string }) => h.label)).not.toContain('未分户');
    } finally {
      await own.close();
    }
  });
});

describe('the spreadsheets', () => {
  async function download(url: string) {
    const raw = await fetch(server.url + url, { headers: { Authorization: `Bearer ${committee}` } });
    expect(raw.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await raw.arrayBuffer()) as never);
    return { disposition: raw.headers.get('content-disposition'), workbook, sheet: workbook.worksheets[0]! };
  }

  it('titles the voter list with the election, its day and the count, for A4 with the headers frozen', async () => {
    const e = await newElection({ electionDay: '2031-07-01', title: '第十三届居委会选举' });
    for (const name of ['表格甲', '表格乙']) await registerVoter(e.id, (await newResident(group6, name)).id);
    const { disposition, workbook, sheet } = await download(`/api/elections/${e.id}/exports/voters.xlsx`);
    expect(disposition).toBe(`attachment; filename="voters.xlsx"; filename*=UTF-8''${encodeURIComponent('选民名单-2031-07-01.xlsx')}`);
    expect(workbook.creator).toBe('八珠街社区');
    expect(sheet.getCell('A1').value).toBe('第十三届居委会选举 选民名单（选举日 2031-07-01，共2人）');
    expect(sheet.getRow(1).font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getRow(2).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(sheet.getRow(2).values).toEqual([undefined, '居民小组', '户', '姓名', '身份证号', '年龄']);
    // Wide enough to read an ID number and a household without widening the columns by hand.
    expect([1, 2, 3, 4, 5].map((i) => sheet.getColumn(i).width)).toEqual([16, 16, 12, 22, 8]);
    expect(sheet.getRow(3).values).toEqual([undefined, '第六居民小组', '', '表格甲', expect.any(String), 61]);
  });

  it('names the community that exported it, not the demo community, as the workbook’s author', async () => {
    await createCommunity(server.db, {
      slug: 'export-author',
      name: '红柳湾社区',
      region: '甘肃省八珠乡',
      groups: ['第一居民小组'],
      admin: { username: 'export-author-admin', name: '马主任', password: 'Hongliu2026' },
    });
    const token = await server.login('export-author-admin', 'Hongliu2026');
    const made = await server.request('POST', '/api/elections', {
      token,
      body: { title: '红柳湾社区第一届居民委员会选举', electionDay: '2031-08-01', seats },
    });
    expect(made.status).toBe(201);
    const raw = await fetch(`${server.url}/api/elections/${made.body.id}/exports/voters.xlsx`, { headers: { Authorization: `Bearer ${token}` } });
    expect(raw.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await raw.arrayBuffer()) as never);
    expect(workbook.creator).toBe('红柳湾社区');
  });

  it('lists the nominations awaiting and confirmed, not the withdrawn, each with its status', async () => {
    const e = await newElection({ electionDay: '2031-07-02', title: '第十四届居委会选举' });
    const [a, b, c] = [await newResident(group1, '导出甲'), await newResident(group1, '导出乙'), await newResident(group2, '导出丙')];
    for (const p of [a, b, c]) await registerVoter(e.id, p.id);
    const na = (await nominate(e.id, a.id)).body;
    const nb = (await nominate(e.id, b.id)).body;
    await nominate(e.id, c.id, committee);
    await confirm(e.id, na.id);
    await withdraw(e.id, nb.id);
    const { disposition, sheet } = await download(`/api/elections/${e.id}/exports/nominations.xlsx`);
    expect(disposition).toBe(`attachment; filename="nominations.xlsx"; filename*=UTF-8''${encodeURIComponent('居民代表-2031-07-02.xlsx')}`);
    expect(sheet.name).toBe('居民代表');
    expect(sheet.getCell('A1').value).toBe('第十四届居委会选举 各居民小组推荐的居民代表');
    expect(sheet.getRow(2).values).toEqual([undefined, '居民小组', '户', '姓名', '身份证号', '年龄', '状态']);
    const rows = (sheet.getSheetValues().slice(3) as unknown[][]).map((r) => [r[1], r[3], r[5], r[6]]);
    expect(rows).toEqual([
      ['第一居民小组', '导出甲', 61, '已确认'],
      ['第二居民小组', '导出丙', 61, '待确认'],
    ]);
  });
});
