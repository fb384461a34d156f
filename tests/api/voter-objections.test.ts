import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, electionVoters, outboxMessages, subscribeCredits } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, newIdNumber } from './helpers.js';

/**
 * Objections to the voter list and applications to take part (API.md "Election lifecycle and
 * the law"): the window from the list's publication (5 days, the day itself not counted), the
 * committee's 3 days, the list changed only by an upheld decision, and one registration per
 * person and term across communities.
 */
const DAY = '2027-03-30';
// 10:00 China time, 1 March 2027: the voter list is published now, 29 days before election day.
const PUBLISHED = '2027-03-01T02:00:00Z';
let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;
let e: string;
let objector: { token: string; residentId: string; name: string; accountId: string };
let neighbour: { token: string; residentId: string; name: string };
let other: { committee: string; groupId: string };

const at = (iso: string) => server.setNow(new Date(iso));
const object = (body: Record<string, unknown>, token = objector.token, election = e) =>
  server.request('POST', `/api/elections/${election}/objections`, { token, body });
const decide = (oid: string, body: Record<string, unknown>, token = s.committee, election = e) =>
  server.request('POST', `/api/elections/${election}/objections/${oid}/decision`, { token, body });
const list = (token: string, election = e) => server.request('GET', `/api/elections/${election}/objections?limit=100`, { token });
const voterIds = async (election = e) =>
  (await server.request('GET', `/api/elections/${election}/voters?limit=100`, { token: s.committee })).body.items.map(
    (v: { residentId: string }) => v.residentId,
  );
const publishList = (election: string, publishAt = PUBLISHED) =>
  server.request('POST', '/api/notices', {
    token: s.committee,
    body: { category: 'election', kind: 'voter_list', electionId: election, title: '选民名单公告', body: '选民名单已张贴在社区公告栏。', publishAt },
  });

beforeAll(async () => {
  server = await startTestServer();
  s = await electionDayStage(server, DAY, PUBLISHED);
  e = await s.election();
  const me = await s.personWithAccount('异议人');
  const [row] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.name, '异议人'));
  objector = { ...me, accountId: row!.id };
  neighbour = await s.personWithAccount('邻居');
  await s.registerVoter(e, objector.residentId);
  const notice = await publishList(e);
  expect(notice.status, notice.text).toBe(201);
  const otherCommittee = await server.login('staff@other', 'Staff#2026');
  const groups = (await server.request('GET', '/api/groups', { token: otherCommittee })).body.items as { id: string }[];
  other = { committee: otherCommittee, groupId: groups[0]!.id };
}, 120_000);
afterAll(() => server.close());

describe('the objection window', () => {
  it('is closed before the voter list is published, and says so', async () => {
    at(PUBLISHED);
    const unpublished = await s.election();
    const left = await s.person('未公布');
    expectProblem(
      await object({ kind: 'omitted', residentId: left, reason: '他在本社区有户籍' }, objector.token, unpublished),
      422,
      'OBJECTION_WINDOW_CLOSED',
      '选民名单还没有公布。名单公布后，才能对名单提出异议。',
    );
  });

  it('is open until 24:00 on the fifth day after publication, with the decision due three days after filing', async () => {
    const left = await s.person('最后一天');
    at('2027-03-06T15:59:00Z'); // 23:59 China time, 6 March
    const res = await object({ kind: 'omitted', residentId: left, reason: '她户籍在本社区，名单上没有她' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', kind: 'omitted', dueBy: '2027-03-09', overdue: false, mine: true, subjectName: '最后一天' });
    at('2027-03-06T16:00:00Z'); // 00:00 China time, 7 March
    expectProblem(
      await object({ kind: 'omitted', residentId: left, reason: '再提一次' }),
      422,
      'OBJECTION_WINDOW_CLOSED',
      '选民名单已于3月1日公布，提出异议的期限是公布之日起5日内，到3月6日已经截止。',
    );
  });
});

describe('the decision deadline', () => {
  it('marks an open objection overdue the day after its due date, for the committee and the objector', async () => {
    at('2027-03-02T03:00:00Z');
    const filed = await object({ kind: 'wrong_details', reason: '我的出生日期登记错了' });
    expect(filed.body.dueBy).toBe('2027-03-05');
    at('2027-03-05T15:59:00Z');
    const onTime = (await list(s.committee)).body.items.find((o: { id: string }) => o.id === filed.body.id);
    expect(onTime.overdue).toBe(false);
    at('2027-03-05T16:00:00Z');
    const late = await list(s.committee);
    expect(late.body.items.find((o: { id: string }) => o.id === filed.body.id)).toMatchObject({ overdue: true, objectorName: '异议人' });
    expect(late.body.overdue).toBeGreaterThanOrEqual(1);
    expect((await list(objector.token)).body.items.find((o: { id: string }) => o.id === filed.body.id).overdue).toBe(true);
  });
});

describe('the decision', () => {
  it('upheld, puts the person left out on the list, audited, and tells the objector in WeChat', async () => {
    await server.db.update(accounts).set({ openid: 'o-objector' }).where(eq(accounts.id, objector.accountId));
    await server.db.insert(subscribeCredits).values({ accountId: objector.accountId, templateKey: 'election', credits: 2, updatedAt: new Date() });
    at('2027-03-02T02:00:00Z');
    const left = await s.person('被漏登');
    const filed = await object({ kind: 'omitted', residentId: left, reason: '他户籍在本社区，一直住在三组' });
    expect(await voterIds()).not.toContain(left);
    at('2027-03-03T02:00:00Z');
    const res = await decide(filed.body.id, { uphold: true, reason: '经核实户籍在本社区，补登' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'upheld', decisionReason: '经核实户籍在本社区，补登', decidedAt: '2027-03-03T02:00:00.000Z' });
    expect(await voterIds()).toContain(left);
    const [voter] = await server.db
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, e), eq(electionVoters.residentId, left)));
    expect(voter!.basis).toBe('hukou');
    const actions = (await server.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.electionId, e))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['objection.filed', 'objection.decided', 'voter.registered']));
    // The registration's entry names the decision it came from.
    const [registered] = await server.db
      .select({ payload: auditLog.payload })
      .from(auditLog)
      .where(and(eq(auditLog.electionId, e), eq(auditLog.action, 'voter.registered'), eq(auditLog.subject, `resident:${left}`)));
    expect(registered!.payload).toEqual({ residentId: left, name: '被漏登', age: expect.any(Number), basis: 'hukou', decision: '经核实户籍在本社区，补登' });
    const [message] = await server.db.select().from(outboxMessages).where(eq(outboxMessages.subjectId, filed.body.id));
    expect(message).toMatchObject({ accountId: objector.accountId, templateKey: 'election', page: `objections/index/index?electionId=${e}` });
    expect(message!.data).toMatchObject({ phrase2: { value: '异议成立' }, thing3: { value: '经核实户籍在本社区，补登' } });
    // The objector reads it in the app too.
    const mine = (await list(objector.token)).body.items.find((o: { id: string }) => o.id === filed.body.id);
    expect(mine).toMatchObject({ status: 'upheld', decisionReason: '经核实户籍在本社区，补登' });
    expect(mine.objectorName).toBeUndefined();
  });

  it('upheld, takes the person wrongly on the list off it, with the reason', async () => {
    at('2027-03-02T02:00:00Z');
    const moved = await s.person('已迁出');
    // Registered before the notice of a fresh election, then objected to after it.
    const e2 = await s.election();
    await s.registerVoter(e2, moved);
    expect((await publishList(e2, '2027-03-02T02:00:00Z')).status).toBe(201);
    const filed = await object({ kind: 'wrongly_included', residentId: moved, reason: '他去年已把户口迁到兰州' }, objector.token, e2);
    expect(filed.status, filed.text).toBe(201);
    expect((await decide(filed.body.id, { uphold: true, reason: '核实已迁出' }, s.committee, e2)).body.status).toBe('upheld');
    expect(await voterIds(e2)).not.toContain(moved);
    // The removal's entry names the decision it came from.
    const [removed] = await server.db
      .select({ payload: auditLog.payload })
      .from(auditLog)
      .where(and(eq(auditLog.electionId, e2), eq(auditLog.action, 'voter.removed'), eq(auditLog.subject, `resident:${moved}`)));
    expect(removed!.payload).toMatchObject({ residentId: moved, decision: '核实已迁出' });
  });

  it('dismissed, changes nothing on the list; decided once only', async () => {
    at('2027-03-02T02:00:00Z');
    const filed = await object({ kind: 'wrongly_included', residentId: objector.residentId, reason: '测试：我自己不该在名单上' });
    const before = await voterIds();
    const res = await decide(filed.body.id, { uphold: false, reason: '户籍在本社区，登记无误' });
    expect(res.body).toMatchObject({ status: 'dismissed', decisionReason: '户籍在本社区，登记无误' });
    expect(await voterIds()).toEqual(before);
    expectProblem(await decide(filed.body.id, { uphold: true, reason: '改主意' }), 409, 'CONFLICT', '这份异议已于3月2日作出决定（不成立），不能再改。');
  });
});

describe('who sees and who decides', () => {
  it('shows a resident only their own objections, the committee all with the objector', async () => {
    at('2027-03-02T02:00:00Z');
    const theirs = await object({ kind: 'wrong_details', reason: '邻居的名字写错了' }, neighbour.token);
    expect(theirs.status).toBe(201);
    const mineIds = (await list(objector.token)).body.items.map((o: { id: string }) => o.id);
    expect(mineIds).not.toContain(theirs.body.id);
    expect((await list(neighbour.token)).body.items.map((o: { id: string }) => o.id)).toEqual([theirs.body.id]);
    expect((await list(s.committee)).body.items.find((o: { id: string }) => o.id === theirs.body.id)).toMatchObject({ objectorName: '邻居' });
  });

  it('refuses a decision by a resident (403) and answers 404 for another community', async () => {
    at('2027-03-02T02:00:00Z');
    const filed = await object({ kind: 'wrong_details', reason: '地址写错了' });
    expectProblem(await decide(filed.body.id, { uphold: true, reason: '我说了算' }, objector.token), 403, 'FORBIDDEN');
    expectProblem(await decide(filed.body.id, { uphold: true, reason: '越界' }, other.committee), 404, 'NOT_FOUND');
    expectProblem(await object({ kind: 'wrong_details', reason: '越界' }, other.committee), 404, 'NOT_FOUND');
    expectProblem(await list(other.committee), 404, 'NOT_FOUND');
    const stranger = await server.request('POST', '/api/residents', {
      token: other.committee,
      body: { name: '东关居民', idNumber: newIdNumber('19700101'), groupId: other.groupId },
    });
    expectProblem(await object({ kind: 'omitted', residentId: stranger.body.id, reason: '他也该登记' }), 404, 'NOT_FOUND');
  });
});

describe('bad input', () => {
  it('answers 400 with each problem in Chinese beside its field', async () => {
    at('2027-03-02T02:00:00Z');
    const noOne = await object({ kind: 'omitted', reason: '有人漏了' });
    expectProblem(noOne, 400, 'VALIDATION_FAILED');
    expect(noOne.body.errors).toEqual([{ path: 'body.residentId', message: '请选择这份异议说的是哪位居民' }]);
    const empty = await object({ kind: 'wrong_details', reason: '  ' });
    expect(empty.body.errors).toEqual([{ path: 'body.reason', message: '请写明异议的理由' }]);
    expect((await object({ kind: 'wrong_details', reason: '长'.repeat(501) })).body.errors).toEqual([{ path: 'body.reason', message: '理由最多500个字' }]);
    const kind = await object({ kind: 'application', reason: '想登记' });
    expectProblem(kind, 400, 'VALIDATION_FAILED');
    expect(kind.body.errors[0].message).toBe('请选择异议的类型：应登记而未登记、不应登记而登记、登记信息有误');
    const basis = await server.request('POST', `/api/elections/${e}/voter-applications`, { token: neighbour.token, body: { basis: 'farm' } });
    expectProblem(basis, 400, 'VALIDATION_FAILED');
    expect(basis.body.errors[0].message).toMatch(/请选择登记的依据/);
    const reasonless = await decide('00000000-0000-4000-8000-000000000000', { uphold: true, reason: '' });
    expect(reasonless.body.errors).toEqual([{ path: 'body.reason', message: '请写明作出决定的理由' }]);
  });
});

describe('a voter application (表示参加)', () => {
  it('takes one tap with the basis, one open at a time, and registers on that basis when upheld', async () => {
    at('2027-03-02T02:00:00Z');
    const apply = (token = neighbour.token) => server.request('POST', `/api/elections/${e}/voter-applications`, { token, body: { basis: 'residence' } });
    const res = await apply();
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'application',
      basis: 'residence',
      basisName: '在本社区居住满六个月',
      residentId: neighbour.residentId,
      status: 'open',
    });
    expectProblem(await apply(), 409, 'ALREADY_APPLIED', '您已经申请过登记，正在等选举委员会处理，不用重复申请。');
    expect((await decide(res.body.id, { uphold: true, reason: '居住证明属实' })).body.status).toBe('upheld');
    const [voter] = await server.db
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, e), eq(electionVoters.residentId, neighbour.residentId)));
    expect(voter).toMatchObject({ status: 'registered', basis: 'residence' });
    expectProblem(await apply(), 409, 'ALREADY_REGISTERED', '您已经在选民名单上了，不用再申请。');
  });

  it('closes with the objection window', async () => {
    at('2027-03-07T02:00:00Z');
    const late = await s.personWithAccount('迟申请');
    expectProblem(
      await server.request('POST', `/api/elections/${e}/voter-applications`, { token: late.token, body: { basis: 'hukou' } }),
      422,
      'OBJECTION_WINDOW_CLOSED',
      '选民名单已于3月1日公布，登记申请和异议的期限到3月6日已经截止，不能再申请登记。',
    );
  });
});

describe('one registration per person and term (第十六条)', () => {
  const elsewhere = '该居民已在其他社区登记为本届选民，按规定不能在两个社区同时登记。';
  async function twin(name: string) {
    const idNumber = newIdNumber('19650505');
    const here = await server.request('POST', '/api/residents', { token: s.committee, body: { name, idNumber, groupId: s.groupId } });
    const there = await server.request('POST', '/api/residents', { token: other.committee, body: { name, idNumber, groupId: other.groupId } });
    expect([here.status, there.status]).toEqual([201, 201]);
    return { here: here.body.id as string, there: there.body.id as string };
  }
  async function otherElection() {
    const res = await server.request('POST', '/api/elections', {
      token: other.committee,
      body: { title: '东关社区居委会选举', electionDay: DAY, seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  }

  it('refuses the same ID number in another community, naming none; register-all skips and counts them', async () => {
    at(PUBLISHED);
    const mine = await s.election();
    const theirs = await otherElection();
    const p = await twin('两地人');
    expect((await server.request('POST', `/api/elections/${mine}/voters`, { token: s.committee, body: { residentId: p.here } })).status).toBe(201);
    const refused = await server.request('POST', `/api/elections/${theirs}/voters`, { token: other.committee, body: { residentId: p.there } });
    expectProblem(refused, 409, 'ALREADY_REGISTERED_ELSEWHERE', elsewhere);
    expect(refused.text).not.toContain('八珠');
    const all = await server.request('POST', `/api/elections/${theirs}/voters`, { token: other.committee, body: { all: true } });
    expect(all.status).toBe(201);
    expect(all.body.skipped).toEqual([
      {
        code: 'ALREADY_REGISTERED_ELSEWHERE',
        count: 1,
        detail: '1位居民已在其他社区登记为本届选民，按规定不能在两个社区同时登记，没有登记。',
      },
    ]);
    expect(await voterIds(mine)).toContain(p.here);
    // A second election of the same term in the same community takes them; removal frees the term.
    const again = await s.election();
    expect((await server.request('POST', `/api/elections/${again}/voters`, { token: s.committee, body: { residentId: p.here } })).status).toBe(201);
    const off = async (el: string) =>
      expect(
        (await server.request('DELETE', `/api/elections/${el}/voters/${p.here}?reason=${encodeURIComponent('迁往东关社区')}`, { token: s.committee })).status,
      ).toBe(204);
    const registerThere = () => server.request('POST', `/api/elections/${theirs}/voters`, { token: other.committee, body: { residentId: p.there } });
    // Off the first list, still on the second: the registration stays here, handed to the second.
    await off(mine);
    expectProblem(await registerThere(), 409, 'ALREADY_REGISTERED_ELSEWHERE', elsewhere);
    // Off both: the term is free.
    await off(again);
    expect((await registerThere()).status).toBe(201);

    // Taken off the list that does not hold the registration: the one that does keeps it.
    const q = await twin('两地人二');
    for (const el of [mine, again]) {
      expect((await server.request('POST', `/api/elections/${el}/voters`, { token: s.committee, body: { residentId: q.here } })).status).toBe(201);
    }
    expect(
      (await server.request('DELETE', `/api/elections/${again}/voters/${q.here}?reason=${encodeURIComponent('重复登记')}`, { token: s.committee })).status,
    ).toBe(204);
    expectProblem(
      await server.request('POST', `/api/elections/${theirs}/voters`, { token: other.committee, body: { residentId: q.there } }),
      409,
      'ALREADY_REGISTERED_ELSEWHERE',
      elsewhere,
    );
  });

  it('lets only one of two communities registering the same person at once succeed', async () => {
    at(PUBLISHED);
    const mine = await s.election();
    const theirs = await otherElection();
    for (let i = 0; i < 5; i++) {
      const p = await twin(`同时登记${i}`);
      const results = await Promise.all([
        server.request('POST', `/api/elections/${mine}/voters`, { token: s.committee, body: { residentId: p.here } }),
        server.request('POST', `/api/elections/${theirs}/voters`, { token: other.committee, body: { residentId: p.there } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_REGISTERED_ELSEWHERE');
    }
  });
});
