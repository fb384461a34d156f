import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, residentRelations, residents } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, newIdNumber, register } from './helpers.js';

/**
 * Women and near relatives (issue 21): a resident's sex read from the ID number at entry, near
 * relatives recorded, and the election rules that read them. 《甘肃省居民委员会选举办法》第五条
 * (a woman member; 回避 among near relatives) and 《民法典》第一千零四十五条 (who is a near relative).
 */
const DAY = '2027-05-16';
const TEN = `${DAY}T02:00:00Z`;
let server: TestServer;
let stage: Awaited<ReturnType<typeof electionDayStage>>;
let committee: string;

beforeAll(async () => {
  server = await startTestServer();
  stage = await electionDayStage(server, DAY);
  committee = stage.committee;
});
afterAll(() => server.close());

const post = (path: string, token: string, body: unknown = {}) => server.request('POST', path, { token, body });
const sexOf = async (id: string) => (await server.db.select({ sex: residents.sex }).from(residents).where(eq(residents.id, id)))[0]?.sex;

describe('sex at entry: read from the ID number (17th digit: odd male, even female)', () => {
  it('stores it when staff enter a resident at the window', async () => {
    expect(await sexOf(await stage.person('马秀兰', '19700101', 'female'))).toBe('female');
    expect(await sexOf(await stage.person('马建军', '19700101', 'male'))).toBe('male');
  });

  it('stores it when a resident claims residency, and again when a returned claim is corrected', async () => {
    const account = await register(server, '杨春花');
    const claim = (idNumber: string) =>
      server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name: '杨春花', idNumber, groupId: stage.groupId } });
    const first = await claim(newIdNumber('19750302', '620102', 'male'));
    expect(first.status).toBe(201);
    const residentId = first.body.resident.id as string;
    expect(await sexOf(residentId)).toBe('male');
    expect((await post(`/api/residents/${residentId}/return`, committee, { reason: '身份证号填错了，请核对' })).status).toBe(200);
    expect((await claim(newIdNumber('19750302', '620102', 'female'))).status).toBe(201);
    expect(await sexOf(residentId)).toBe('female');
  });
});

describe('sex and household relations in the demo seed', () => {
  it("reads each seeded resident's sex from their ID number and places the households' people by relation to the head", async () => {
    const seeded = await server.db
      .select({ name: residents.name, sex: residents.sex })
      .from(residents)
      .where(and(eq(residents.communityId, stage.communityId), inArray(residents.name, ['张桂兰', '李建国'])));
    expect(Object.fromEntries(seeded.map((r) => [r.name, r.sex]))).toEqual({ 张桂兰: 'female', 李建国: 'male' });
    const heads = await server.db
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.communityId, stage.communityId), eq(residents.householdRelation, 'head')));
    expect(heads.length).toBe(15);
  });
});

describe('POST /api/residents/{id}/relations', () => {
  it('records a near relative (201) and puts it on the audit chain', async () => {
    const a = await stage.person('韩德明');
    const b = await stage.person('韩玉兰', '19720505', 'female');
    const res = await post(`/api/residents/${a}/relations`, committee, { relatedResidentId: b, relation: 'spouse' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      residentId: a,
      residentName: '韩德明',
      relatedResidentId: b,
      relatedName: '韩玉兰',
      relation: 'spouse',
      relationName: '配偶',
    });
    const rows = await server.db.select().from(residentRelations).where(eq(residentRelations.residentId, a));
    expect(rows).toMatchObject([{ relatedResidentId: b, relation: 'spouse', communityId: stage.communityId }]);
    const audit = await server.db.select({ payload: auditLog.payload }).from(auditLog).where(eq(auditLog.action, 'resident.relation_declared'));
    expect(audit.map((r) => r.payload)).toContainEqual({ residentId: a, relatedResidentId: b, relation: 'spouse' });
  });

  it('refuses a pair already recorded, either way round (409)', async () => {
    const a = await stage.person('郭志强');
    const b = await stage.person('郭文斌');
    expect((await post(`/api/residents/${a}/relations`, committee, { relatedResidentId: b, relation: 'sibling' })).status).toBe(201);
    const again = await post(`/api/residents/${b}/relations`, committee, { relatedResidentId: a, relation: 'sibling' });
    expectProblem(again, 409, 'RELATION_ALREADY_RECORDED', '郭文斌和郭志强之间的亲属关系已经登记过了（每两人只登记一次）。');
  });

  it("refuses the same person (422), another community's resident (404), a relation the law does not list (400) and a resident (403)", async () => {
    const a = await stage.person('周海军');
    expectProblem(
      await post(`/api/residents/${a}/relations`, committee, { relatedResidentId: a, relation: 'sibling' }),
      422,
      'RELATION_TO_SELF',
      '不能登记一个人和自己的亲属关系，请选择另一位居民。',
    );
    const [other] = await server.db
      .select({ id: residents.id })
      .from(residents)
      .where(and(ne(residents.communityId, stage.communityId)))
      .limit(1);
    expectProblem(await post(`/api/residents/${a}/relations`, committee, { relatedResidentId: other!.id, relation: 'child' }), 404, 'NOT_FOUND');
    expectProblem(await post(`/api/residents/${other!.id}/relations`, committee, { relatedResidentId: a, relation: 'child' }), 404, 'NOT_FOUND');
    const b = await stage.person('周小龙');
    expectProblem(await post(`/api/residents/${a}/relations`, committee, { relatedResidentId: b, relation: 'cousin' }), 400, 'VALIDATION_FAILED');
    const resident = await server.login('resident1', 'Resident#2026');
    expectProblem(await post(`/api/residents/${a}/relations`, resident, { relatedResidentId: b, relation: 'child' }), 403, 'FORBIDDEN');
  });
});

/** The candidate list's last lawful day (5 days before election day), 10:00 China time. */
const LIST_DAY = '2027-05-11T02:00:00Z';
async function at<T>(instant: string, fn: () => Promise<T>): Promise<T> {
  server.setNow(new Date(instant));
  try {
    return await fn();
  } finally {
    server.setNow(new Date(TEN));
  }
}
const publish = (e: string) => at(LIST_DAY, () => post(`/api/elections/${e}/candidates/publish`, committee));

/**
 * An election of one director and four members with 2 + 5 candidates (the 差额 the law wants),
 * `women` of them women (the last member candidates).
 */
async function election({ women = 0, rules = {} as Record<string, unknown> } = {}) {
  const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, rules);
  const candidates: { id: string; residentId: string }[] = [];
  for (let i = 0; i < 7; i++) {
    const residentId = await stage.voter(e, `候选${i}`, i >= 7 - women ? 'female' : 'male');
    candidates.push({ id: await stage.addCandidate(e, residentId, i < 2 ? 'director' : 'members'), residentId });
  }
  return { e, candidates };
}

describe('NO_WOMAN_CANDIDATE: the candidate list names a woman where the rulebook wants a woman member', () => {
  it('refuses to publish a list of men only (422), saying what the law requires', async () => {
    const { e } = await election();
    expectProblem(
      await publish(e),
      422,
      'NO_WOMAN_CANDIDATE',
      '候选人名单里没有女性。《甘肃省居民委员会选举办法》第五条：居民委员会成员中应当有妇女成员。请先把女性居民列为候选人，再公布名单。',
    );
  });

  it('publishes the same list with one woman on it (201)', async () => {
    const { e } = await election({ women: 1 });
    expect((await publish(e)).status).toBe(201);
  });

  it('publishes a list of men where the rulebook records womanMember: false with its basis', async () => {
    const { e } = await election({ rules: { womanMember: false } });
    expect((await publish(e)).status).toBe(201);
  });
});

/** Two residents of one household entered at the window, their relations to its head as on the 户口簿. */
async function household(label: string, members: [string, 'head' | 'spouse' | 'child' | 'child_in_law', 'male' | 'female'][]) {
  const ids: string[] = [];
  for (const [name, relation, sex] of members) {
    const res = await post('/api/residents', committee, {
      name,
      idNumber: newIdNumber('19700101', '620102', sex),
      groupId: stage.groupId,
      householdLabel: label,
    });
    expect(res.status, res.text).toBe(201);
    await server.db.update(residents).set({ householdRelation: relation }).where(eq(residents.id, res.body.id));
    ids.push(res.body.id as string);
  }
  return ids;
}

describe('OFFICIAL_IS_RELATIVE: an official may not be a candidate’s near relative', () => {
  it('refuses to appoint a candidate’s spouse recorded in their household (422), and appoints a child-in-law', async () => {
    const e = await stage.election();
    const [head, spouse, inLaw] = await household('八珠街88号', [
      ['马福贵', 'head', 'male'],
      ['马桂英', 'spouse', 'female'],
      ['刘小军', 'child_in_law', 'male'],
    ]);
    for (const id of [head!, spouse!, inLaw!]) await stage.registerVoter(e, id);
    await stage.addCandidate(e, head!, 'director');
    expectProblem(
      await post(`/api/elections/${e}/officials`, committee, { residentId: spouse, role: 'counter' }),
      422,
      'OFFICIAL_IS_RELATIVE',
      '马桂英是候选人马福贵的近亲属，不能担任计票员（近亲属应当回避）。请另选工作人员。',
    );
    // A son-in-law is no near relative (《民法典》第一千零四十五条).
    expect((await post(`/api/elections/${e}/officials`, committee, { residentId: inLaw, role: 'counter' })).status).toBe(201);
  });

  it('refuses to add as candidate a declared sibling of an official (422), and adds someone unrelated', async () => {
    const e = await stage.election();
    const official = await stage.person('赵春生');
    const sister = await stage.voter(e, '赵春梅', 'female');
    await stage.appoint(e, official, 'monitor');
    expect((await post(`/api/residents/${official}/relations`, committee, { relatedResidentId: sister, relation: 'sibling' })).status).toBe(201);
    expectProblem(
      await post(`/api/elections/${e}/candidates`, committee, { residentId: sister, seat: 'members' }),
      422,
      'OFFICIAL_IS_RELATIVE',
      '赵春梅是本次选举工作人员赵春生的近亲属，工作人员应当回避：请先另行任命工作人员，再把赵春梅列为候选人。',
    );
    expect((await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.voter(e, '钱无关'), seat: 'members' })).status).toBe(201);
  });
});

describe('results: what the law says of who was elected', () => {
  /** Counts an election of `election()`: eight ballots, the director and four members elected with 6 votes each, the rest 2. */
  async function count(e: string, candidates: { id: string; residentId: string }[], electedMembers: number[]) {
    const clerk = await stage.personWithAccount(`发票${e.slice(0, 4)}`);
    const counters = [await stage.personWithAccount(`计票甲${e.slice(0, 4)}`), await stage.personWithAccount(`计票乙${e.slice(0, 4)}`)];
    await stage.appoint(e, clerk.residentId, 'clerk');
    for (const c of counters) await stage.appoint(e, c.residentId, 'counter');
    const extra = await stage.voter(e, '投票人');
    expect((await publish(e)).status).toBe(201);
    await stage.openDesk(e);
    for (const v of [...candidates.map((c) => c.residentId), extra]) {
      expect((await post(`/api/elections/${e}/ballots`, clerk.token, { residentId: v })).status).toBe(201);
    }
    const votes = Object.fromEntries(candidates.map((c, i) => [c.id, i === 0 || electedMembers.includes(i) ? 6 : 2]));
    for (const c of counters) {
      const res = await post(`/api/elections/${e}/tally`, c.token, { ballotsCast: 8, invalidBallots: 0, votes });
      expect(res.status, res.text).toBe(201);
    }
    return (await server.request('GET', `/api/elections/${e}/results`, { token: committee })).body;
  }

  it('says when no woman was elected and what the law requires, on the board and on the notice', async () => {
    const { e, candidates } = await election({ women: 1 });
    const results = await count(e, candidates, [2, 3, 4, 5]);
    expect(results.status).toBe('final');
    expect(results.notes).toEqual(['当选人中没有女性。《甘肃省居民委员会选举办法》第五条：居民委员会成员中应当有妇女成员；应当另行补选妇女成员。']);
    const published = await post(`/api/elections/${e}/results/publish`, committee);
    expect(published.status, published.text).toBe(201);
    expect(published.body.body).toContain('当选人中没有女性。');
  });

  it('says nothing of it when a woman was elected', async () => {
    const { e, candidates } = await election({ women: 1 });
    const results = await count(e, candidates, [3, 4, 5, 6]);
    expect(results.notes).toEqual([]);
  });

  it('flags near relatives elected together for 回避', async () => {
    const { e, candidates } = await election({ women: 1 });
    const rel = await post(`/api/residents/${candidates[0]!.residentId}/relations`, committee, {
      relatedResidentId: candidates[6]!.residentId,
      relation: 'spouse',
    });
    expect(rel.status).toBe(201);
    const results = await count(e, candidates, [3, 4, 5, 6]);
    expect(results.notes).toEqual(['候选0和候选6是近亲属，同时当选应当回避（《甘肃省居民委员会选举办法》第五条：居民委员会成员之间有近亲属关系的应当回避）。']);
  });
});

describe('PROXY_NOT_RELATIVE: entrustment to near relatives only, where the rulebook says so', () => {
  /** Ten days before the day: proxy applications are open. */
  const APPLY_DAY = '2027-05-06T02:00:00Z';
  async function entrust(rules: Record<string, unknown>, relation: 'sibling' | null) {
    const e = await stage.election(undefined, rules);
    const applicant = await stage.personWithAccount('外出甲');
    const proxy = await stage.personWithAccount('受托乙');
    await stage.registerVoter(e, applicant.residentId);
    await stage.registerVoter(e, proxy.residentId);
    if (relation) {
      const rel = await post(`/api/residents/${applicant.residentId}/relations`, committee, { relatedResidentId: proxy.residentId, relation });
      expect(rel.status).toBe(201);
    }
    return at(APPLY_DAY, () => post(`/api/elections/${e}/proxy-applications`, applicant.token, { proxyResidentId: proxy.residentId, reason: '外出务工' }));
  }

  it('refuses a proxy who is no near relative (422), in words saying who may be entrusted', async () => {
    expectProblem(
      await entrust({ proxyRelativesOnly: true }, null),
      422,
      'PROXY_NOT_RELATIVE',
      '按本次选举的规则，只能委托近亲属（配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女）投票。受托人和您的亲属关系没有登记，请另选近亲属，或请社区先登记亲属关系。',
    );
  });

  it('takes a recorded sibling (201)', async () => {
    const res = await entrust({ proxyRelativesOnly: true }, 'sibling');
    expect(res.status, res.text).toBe(201);
  });

  it('takes anyone where the rulebook does not limit it (the default)', async () => {
    const res = await entrust({}, null);
    expect(res.status, res.text).toBe(201);
  });
});
