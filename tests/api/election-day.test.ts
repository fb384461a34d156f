import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionBallots } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, newIdNumber } from './helpers.js';

const DAY = '2027-05-16';
let server: TestServer;
let stage: Awaited<ReturnType<typeof electionDayStage>>;
let committee: string;
let resident: string;
let otherCommittee: string;

beforeAll(async () => {
  server = await startTestServer();
  // 10:00 China time on election day.
  stage = await electionDayStage(server, DAY);
  committee = stage.committee;
  [resident, otherCommittee] = await Promise.all([server.login('resident1', 'Resident#2026'), server.login('staff@other', 'Staff#2026')]);
});
afterAll(() => server.close());

const post = (path: string, token: string, body: unknown = {}) => server.request('POST', path, { token, body });
const get = (path: string, token: string) => server.request('GET', path, { token });
/**
 * The candidate list goes up at 10:00 China time on its last lawful day (5 days before election
 * day; CANDIDATES_TOO_LATE after it), then the clock is back at 10:00 on election day.
 */
async function publishCandidates(e: string) {
  server.setNow(new Date('2027-05-11T02:00:00Z'));
  try {
    return await post(`/api/elections/${e}/candidates/publish`, stage.committee);
  } finally {
    server.setNow(new Date(`${DAY}T02:00:00Z`));
  }
}

/** An 等额 list (as many candidates as seats): a departure from the law's 差额, with its basis (the stage gives one). */
const EQUAL = { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } };

/** The committee records every write-in of the latest round as nobody eligible (its votes count for nobody). */
async function notEligible(electionId: string) {
  const board = (await get(`/api/elections/${electionId}/results`, stage.committee)).body;
  for (const w of board.rounds.at(-1).writeIns as { id: string }[]) {
    const res = await post(`/api/elections/${electionId}/write-ins/${w.id}/match`, stage.committee, { notEligible: true });
    expect(res.status, res.text).toBe(200);
  }
}

describe('candidates', () => {
  it('adds registered voters per seat and lists each seat in stroke order of surnames', async () => {
    const e = await stage.election();
    const [wang, ding, ma] = [await stage.voter(e, '王秀英'), await stage.voter(e, '丁志强'), await stage.voter(e, '马玉兰')];
    for (const id of [wang, ding, ma]) expect((await post(`/api/elections/${e}/candidates`, committee, { residentId: id, seat: 'members' })).status).toBe(201);
    const list = await get(`/api/elections/${e}/candidates`, committee);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['丁志强', '马玉兰', '王秀英']);
    expect(list.body.items[0]).toMatchObject({ residentId: ding, seat: 'members', groupName: expect.any(String), id: expect.any(String) });
  });

  it('lets the committee fix another ballot order before publishing', async () => {
    const e = await stage.election();
    const a = await stage.addCandidate(e, await stage.voter(e, '丁一'), 'members');
    const b = await stage.addCandidate(e, await stage.voter(e, '王二'), 'members');
    const res = await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: committee, body: { seat: 'members', candidateIds: [b, a] } });
    expect(res.status).toBe(200);
    expect((await get(`/api/elections/${e}/candidates`, committee)).body.items.map((c: { id: string }) => c.id)).toEqual([b, a]);
    expectProblem(
      await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: committee, body: { seat: 'members', candidateIds: [b] } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a resident who is not on the voter list (CANDIDATE_NOT_VOTER)', async () => {
    const e = await stage.election();
    expectProblem(
      await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.person('未登记'), seat: 'director' }),
      422,
      'CANDIDATE_NOT_VOTER',
    );
  });

  it('refuses the same person twice, for any seat (ALREADY_CANDIDATE)', async () => {
    const e = await stage.election();
    const id = await stage.voter(e, '李春花');
    await stage.addCandidate(e, id, 'director');
    expectProblem(await post(`/api/elections/${e}/candidates`, committee, { residentId: id, seat: 'members' }), 409, 'ALREADY_CANDIDATE');
  });

  it('refuses a seat the election does not have, and an unknown seat', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
    const id = await stage.voter(e, '赵德明');
    expectProblem(await post(`/api/elections/${e}/candidates`, committee, { residentId: id, seat: 'deputyDirector' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post(`/api/elections/${e}/candidates`, committee, { residentId: id, seat: 'mayor' }), 400, 'VALIDATION_FAILED');
  });

  it('is the committee’s: a resident may not add, another community’s committee finds nothing', async () => {
    const e = await stage.election();
    const id = await stage.voter(e, '周丽');
    expectProblem(await post(`/api/elections/${e}/candidates`, resident, { residentId: id, seat: 'members' }), 403, 'FORBIDDEN');
    expectProblem(await post(`/api/elections/${e}/candidates`, otherCommittee, { residentId: id, seat: 'members' }), 404, 'NOT_FOUND');
    expectProblem(await get(`/api/elections/${e}/candidates`, otherCommittee), 404, 'NOT_FOUND');
  });

  it('hides the list from residents until it is published, then freezes it', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 1, members: 3 }, EQUAL);
    const ids: string[] = [];
    for (const [i, seat] of (['director', 'deputyDirector', 'members', 'members', 'members', 'members'] as const).entries()) {
      ids.push(await stage.addCandidate(e, await stage.voter(e, `候选${i}`, i === 2 ? 'female' : 'male'), seat));
    }
    expect((await get(`/api/elections/${e}/candidates`, resident)).body).toMatchObject({ items: [], published: false });
    // Removed before publishing: 204, and on the chain.
    expect((await server.request('DELETE', `/api/elections/${e}/candidates/${ids[5]}`, { token: committee })).status).toBe(204);
    const published = await publishCandidates(e);
    expect(published.status, published.text).toBe(201);
    expect(published.body).toMatchObject({ kind: 'candidates', category: 'election', electionId: e, id: expect.any(String) });
    expect(published.body.body).toContain('候选0');
    // A notice of the notices domain: residents read it there.
    const notice = await get(`/api/notices/${published.body.id}`, resident);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ kind: 'candidates', category: 'election', electionId: e });
    const seen = await get(`/api/elections/${e}/candidates`, resident);
    expect(seen.body.published).toBe(true);
    expect(seen.body.items).toHaveLength(5);
    expectProblem(await server.request('DELETE', `/api/elections/${e}/candidates/${ids[4]}`, { token: committee }), 409, 'ELECTION_LOCKED');
    expectProblem(
      await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.voter(e, '迟到者'), seat: 'members' }),
      409,
      'ELECTION_LOCKED',
    );
    expectProblem(await publishCandidates(e), 409, 'CONFLICT');
    const audit = await get(`/api/audit?electionId=${e}`, committee);
    const actions = audit.body.items.map((i: { action: string }) => i.action);
    expect(actions.filter((a: string) => a === 'candidate.added')).toHaveLength(6);
    expect(actions).toContain('candidate.removed');
    expect(actions).toContain('notice.published');
    expect(actions).toContain('candidates.published');
  });

  it('needs seats plus candidateSurplus candidates per seat to publish (TOO_FEW_CANDIDATES), at the boundary', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, { candidateSurplus: { director: 1, members: 1 } });
    await stage.addCandidate(e, await stage.voter(e, '甲一'), 'director');
    for (let i = 0; i < 5; i++) await stage.addCandidate(e, await stage.voter(e, `委员${i}`, i === 0 ? 'female' : 'male'), 'members');
    const short = await publishCandidates(e);
    expectProblem(short, 422, 'TOO_FEW_CANDIDATES');
    expect(short.body.detail).toContain('主任需要至少2名候选人（现有1名）');
    expect(short.body.detail).not.toContain('委员');
    await stage.addCandidate(e, await stage.voter(e, '甲二'), 'director');
    expect((await publishCandidates(e)).status).toBe(201);
  });

  it('marks a candidate holding approved entrustments and refuses to publish, unless the rules allow it', async () => {
    for (const allowed of [false, true]) {
      const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, { ...EQUAL, proxyMayBeCandidate: allowed });
      const holder = await stage.voter(e, '受托候选');
      await stage.addCandidate(e, holder, 'director');
      for (let i = 0; i < 4; i++) await stage.addCandidate(e, await stage.voter(e, `委员${i}`, i === 0 ? 'female' : 'male'), 'members');
      await stage.approvedProxy(e, await stage.voter(e, '委托人'), holder);
      const list = await get(`/api/elections/${e}/candidates`, committee);
      expect(list.body.items.find((c: { residentId: string }) => c.residentId === holder)).toMatchObject({ proxiesHeld: 1, proxyConflict: !allowed });
      const res = await publishCandidates(e);
      if (allowed) expect(res.status).toBe(201);
      else {
        expectProblem(res, 422, 'CANDIDATE_HOLDS_PROXIES');
        expect(res.body.detail).toContain('受托候选');
      }
    }
  });
});

describe('officials', () => {
  it('records the show-of-hands approval and lists the officials to every account', async () => {
    const e = await stage.election();
    const id = await stage.person('计票甲');
    const res = await post(`/api/elections/${e}/officials`, committee, { residentId: id, role: 'counter', approvedAt: `${DAY}T08:05:00+08:00` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ residentId: id, role: 'counter', name: '计票甲', approvedAt: '2027-05-16T00:05:00.000Z' });
    const now = await post(`/api/elections/${e}/officials`, committee, { residentId: await stage.person('监票乙'), role: 'monitor' });
    expect(now.body.approvedAt).toBe(`${DAY}T02:00:00.000Z`);
    const list = await get(`/api/elections/${e}/officials`, resident);
    expect(list.body.items.map((o: { role: string }) => o.role).sort()).toEqual(['counter', 'monitor']);
    expect(list.body.me).toBeNull();
    expectProblem(await post(`/api/elections/${e}/officials`, committee, { residentId: id, role: 'clerk' }), 409, 'CONFLICT');
    const audit = await get(`/api/audit?electionId=${e}`, committee);
    expect(audit.body.items.filter((i: { action: string }) => i.action === 'official.appointed')).toHaveLength(2);
  });

  it('refuses a candidate as official, and an official as candidate (OFFICIAL_IS_CANDIDATE)', async () => {
    const e = await stage.election();
    const candidate = await stage.voter(e, '候选丙');
    await stage.addCandidate(e, candidate, 'members');
    expectProblem(await post(`/api/elections/${e}/officials`, committee, { residentId: candidate, role: 'counter' }), 422, 'OFFICIAL_IS_CANDIDATE');
    const official = await stage.voter(e, '工作丁');
    await stage.appoint(e, official, 'clerk');
    expectProblem(await post(`/api/elections/${e}/candidates`, committee, { residentId: official, seat: 'members' }), 422, 'OFFICIAL_IS_CANDIDATE');
  });

  it('refuses as official a voter whose entrustment is approved (OFFICIAL_HAS_ENTRUSTED), and takes one whose entrustment still awaits approval', async () => {
    const e = await stage.election();
    const away = await stage.voter(e, '外出甲');
    const pending = await stage.voter(e, '待批乙');
    const proxy = await stage.voter(e, '亲属丙');
    await stage.approvedProxy(e, away, proxy);
    await stage.approvedProxy(e, pending, proxy, 'awaiting_approval');
    expectProblem(
      await post(`/api/elections/${e}/officials`, committee, { residentId: away, role: 'counter' }),
      422,
      'OFFICIAL_HAS_ENTRUSTED',
      '外出甲已经请别人替自己投票（委托已批准），说明选举当天不能到场，不能担任计票员。请另选工作人员。',
    );
    expect((await post(`/api/elections/${e}/officials`, committee, { residentId: pending, role: 'counter' })).status).toBe(201);
  });

  it('is appointed by the committee only', async () => {
    const e = await stage.election();
    expectProblem(await post(`/api/elections/${e}/officials`, resident, { residentId: await stage.person('某人'), role: 'clerk' }), 403, 'FORBIDDEN');
    expectProblem(await post(`/api/elections/${e}/officials`, committee, { residentId: await stage.person('某人'), role: 'boss' }), 400, 'VALIDATION_FAILED');
  });
});

describe('the steps before the ballot desk (STEP_NOT_DONE)', () => {
  it('opens the desk only after the voter list notice and then the candidate list, naming the step missing', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 1, members: 3 }, EQUAL);
    const clerk = await stage.personWithAccount('发票员戊');
    await stage.appoint(e, clerk.residentId, 'clerk');
    const v = await stage.voter(e, '早到选民', 'female');
    await stage.addCandidate(e, v, 'director');
    await stage.addCandidate(e, await stage.voter(e, '候选副'), 'deputyDirector');
    for (const name of ['候选委一', '候选委二', '候选委三']) await stage.addCandidate(e, await stage.voter(e, name), 'members');
    const ballot = () => post(`/api/elections/${e}/ballots`, clerk.token, { residentId: v });
    expectProblem(await ballot(), 409, 'STEP_NOT_DONE', '选民名单还没有公告，不能发放选票。请先在“选举工作”里公告选民名单。');
    server.setNow(new Date('2027-04-20T02:00:00Z'));
    try {
      const notice = await post('/api/notices', committee, {
        category: 'election',
        kind: 'voter_list',
        electionId: e,
        title: '选民名单公告',
        body: '名单已张贴。',
      });
      expect(notice.status, notice.text).toBe(201);
    } finally {
      server.setNow(new Date(`${DAY}T02:00:00Z`));
    }
    expectProblem(await ballot(), 409, 'STEP_NOT_DONE', '候选人名单还没有公布，不能发放选票。请先在“选举工作”里公布候选人名单。');
    expect((await publishCandidates(e)).status).toBe(201);
    expect((await ballot()).status).toBe(201);
  });
});

describe('the ballot desk', () => {
  let e: string;
  let clerk: { token: string; residentId: string };
  let counter: { token: string; residentId: string };
  beforeAll(async () => {
    e = await stage.election();
    clerk = await stage.personWithAccount('发票员甲');
    counter = await stage.personWithAccount('计票员乙');
    await stage.appoint(e, clerk.residentId, 'clerk');
    await stage.appoint(e, counter.residentId, 'counter');
    // The voter list is complete before the desk opens: from the first ballot it is fixed.
    for (const name of ['投票人', '代领人', '外出者', '受托人', '旁人', '待批者', '老党员', '甲', '乙', '丙', '丁', '查找测试', '持证人', '某选民', '早到者'])
      voters.set(name, await stage.voter(e, name));
    await stage.openDesk(e);
  });
  const voters = new Map<string, string>();
  const voterNamed = (name: string) => voters.get(name)!;
  const issue = (token: string, residentId: string, onBehalfOfResidentId?: string) =>
    post(`/api/elections/${e}/ballots`, token, { residentId, onBehalfOfResidentId });

  it('hands a voter their ballot in person once (ALREADY_ISSUED the second time) and counts it in the turnout', async () => {
    const v = voterNamed('投票人');
    const before = (await get(`/api/elections/${e}/turnout`, resident)).body;
    const res = await issue(clerk.token, v);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ voterResidentId: v, handedToResidentId: v, byProxy: false, voterName: '投票人' });
    const again = await issue(committee, v);
    expectProblem(again, 409, 'ALREADY_ISSUED');
    expect(again.body.detail).toContain('本人领取');
    const after = (await get(`/api/elections/${e}/turnout`, resident)).body;
    expect(after.ballotsIssued - before.ballotsIssued).toBe(1);
    expect(after.inPerson - before.inPerson).toBe(1);
  });

  it('refuses someone not on the voter list (NOT_A_VOTER), as holder or as the absent voter', async () => {
    const outsider = await stage.person('不是选民');
    expectProblem(await issue(clerk.token, outsider), 422, 'NOT_A_VOTER');
    expectProblem(await issue(clerk.token, voterNamed('代领人'), outsider), 422, 'NOT_A_VOTER');
  });

  it('hands an entrusted ballot only to the approved proxy (PROXY_NOT_APPROVED otherwise)', async () => {
    const absent = voterNamed('外出者');
    const proxy = voterNamed('受托人');
    const stranger = voterNamed('旁人');
    expectProblem(await issue(clerk.token, stranger, absent), 422, 'PROXY_NOT_APPROVED');
    const pending = voterNamed('待批者');
    await stage.approvedProxy(e, pending, proxy, 'awaiting_approval');
    expectProblem(await issue(clerk.token, proxy, pending), 422, 'PROXY_NOT_APPROVED');
    await stage.approvedProxy(e, absent, proxy);
    const res = await issue(clerk.token, proxy, absent);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ voterResidentId: absent, handedToResidentId: proxy, byProxy: true });
    // The absent voter turns up after all: their ballot is already out, by proxy.
    const late = await issue(clerk.token, absent);
    expectProblem(late, 409, 'ALREADY_ISSUED');
    expect(late.body.detail).toContain('受托人受托人代领');
  });

  it('gives a proxy holder approved for 3 entrustments exactly 4 ballots, and lists them at the desk', async () => {
    const holder = voterNamed('老党员');
    const absent = [voterNamed('甲'), voterNamed('乙'), voterNamed('丙')];
    for (const a of absent) await stage.approvedProxy(e, a, holder);
    const notApproved = voterNamed('丁');
    const record = await get(`/api/elections/${e}/desk/${holder}`, clerk.token);
    expect(record.status).toBe(200);
    expect(record.body.voter).toMatchObject({ residentId: holder, registered: true });
    expect(record.body.entrustments.map((x: { name: string }) => x.name).sort()).toEqual(['丙', '乙', '甲']);
    const attempts = [holder, ...absent, notApproved, holder, ...absent].map((a) => issue(clerk.token, holder, a === holder ? undefined : a));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status === 201)).toHaveLength(4);
    const [n] = await server.db
      .select({ n: count() })
      .from(electionBallots)
      .where(and(eq(electionBallots.electionId, e), eq(electionBallots.handedToResidentId, holder)));
    expect(n!.n).toBe(4);
    const after = await get(`/api/elections/${e}/desk/${holder}`, clerk.token);
    expect(after.body.ballot).toMatchObject({ byProxy: false });
    expect(after.body.entrustments.every((x: { ballot: unknown }) => x.ballot !== null)).toBe(true);
  });

  it('finds voters by name with whether their ballot is out', async () => {
    const v = voterNamed('查找测试');
    const found = await get(`/api/elections/${e}/desk?q=${encodeURIComponent('查找')}`, clerk.token);
    expect(found.body.items).toEqual([expect.objectContaining({ residentId: v, name: '查找测试', issued: false })]);
  });

  it('gives a printable voter card with a QR code that opens the desk record', async () => {
    const v = voterNamed('持证人');
    const card = await get(`/api/elections/${e}/voter-cards/${v}`, committee);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ name: '持证人', residentId: v, qrImage: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(card.body.deskUrl).toContain(`/#/election-day/desk/index?e=${e}&r=${v}`);
    // A resident may not open another voter's card; the list is the committee's.
    expectProblem(await get(`/api/elections/${e}/voter-cards/${v}`, resident), 404, 'NOT_FOUND');
    const cards = await get(`/api/elections/${e}/voter-cards?limit=2`, committee);
    expect(cards.body.items).toHaveLength(2);
  });

  it('prints the cards group by group and house by house, those in no household last, across pages', async () => {
    const own = await stage.election();
    const groups = (await get('/api/groups', committee)).body.items as { id: string }[];
    const enter = async (name: string, group: number, householdLabel?: string) => {
      const res = await post('/api/residents', committee, {
        name,
        idNumber: newIdNumber('19700101'),
        groupId: groups[group]!.id,
        ...(householdLabel ? { householdLabel } : {}),
      });
      expect(res.status, res.text).toBe(201);
      await stage.registerVoter(own, res.body.id);
    };
    // Entered out of order on purpose.
    await enter('二组乙', 1, '二组2号');
    await enter('一组无户', 0);
    await enter('一组丙', 0, '一组9号');
    await enter('二组甲', 1, '二组1号');
    await enter('一组甲', 0, '一组1号');
    await enter('一组乙', 0, '一组1号');
    const names: string[] = [];
    let cursor = '';
    do {
      const res = await get(`/api/elections/${own}/voter-cards?limit=2${cursor ? `&cursor=${cursor}` : ''}`, committee);
      expect(res.status, res.text).toBe(200);
      names.push(...res.body.items.map((c: { name: string }) => c.name));
      cursor = res.body.nextCursor ?? '';
    } while (cursor);
    expect(names.indexOf('一组甲')).toBeLessThan(names.indexOf('一组丙'));
    expect(names.indexOf('一组乙')).toBeLessThan(names.indexOf('一组丙'));
    expect(names.indexOf('一组丙')).toBeLessThan(names.indexOf('一组无户'));
    expect(names.indexOf('一组无户')).toBeLessThan(names.indexOf('二组甲'));
    expect(names.indexOf('二组甲')).toBeLessThan(names.indexOf('二组乙'));
    expect(names).toHaveLength(6);
  });

  it('is for the committee and the election’s clerks: a counter, a resident and another community are refused', async () => {
    const v = voterNamed('某选民');
    expectProblem(await issue(counter.token, v), 403, 'FORBIDDEN');
    expectProblem(await issue(resident, v), 403, 'FORBIDDEN');
    expectProblem(await get(`/api/elections/${e}/desk/${v}`, resident), 403, 'FORBIDDEN');
    expectProblem(await get(`/api/elections/${e}/desk?q=x`, resident), 403, 'FORBIDDEN');
    expectProblem(await issue(otherCommittee, v), 404, 'NOT_FOUND');
    // A clerk of another election of the same community is not this election's clerk.
    const other = await stage.election();
    expectProblem(await post(`/api/elections/${other}/ballots`, clerk.token, { residentId: v }), 403, 'FORBIDDEN');
  });

  it('hands out ballots on election day only (NOT_ELECTION_DAY)', async () => {
    const v = voterNamed('早到者');
    server.setNow(new Date('2027-05-15T15:59:00Z')); // 23:59 China time, the day before
    try {
      expectProblem(await issue(clerk.token, v), 409, 'NOT_ELECTION_DAY');
    } finally {
      server.setNow(new Date(`${DAY}T02:00:00Z`));
    }
    server.setNow(new Date('2027-05-15T16:00:00Z')); // 00:00 China time on the day
    try {
      expect((await issue(clerk.token, v)).status).toBe(201);
    } finally {
      server.setNow(new Date(`${DAY}T02:00:00Z`));
    }
  });
});

describe('the count', () => {
  type Count = Awaited<ReturnType<typeof stageCount>>;
  /** An election of its own, ready to count: 10 voters, 5 candidates, 3 counters, 8 ballots out. */
  async function stageCount({ publish = true } = {}) {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
    const counters = [await stage.personWithAccount('计票一'), await stage.personWithAccount('计票二'), await stage.personWithAccount('计票三')];
    const clerk = await stage.personWithAccount('发票三');
    for (const c of counters) await stage.appoint(e, c.residentId, 'counter');
    await stage.appoint(e, clerk.residentId, 'clerk');
    const voters: string[] = [];
    // 选民2, a member candidate, is a woman (the rulebook's womanMember).
    for (let i = 0; i < 10; i++) voters.push(await stage.voter(e, `选民${i}`, i === 2 ? 'female' : 'male'));
    const cands = {
      dir: await stage.addCandidate(e, voters[0]!, 'director'),
      m1: await stage.addCandidate(e, voters[1]!, 'members'),
      m2: await stage.addCandidate(e, voters[2]!, 'members'),
      m3: await stage.addCandidate(e, voters[3]!, 'members'),
      m4: await stage.addCandidate(e, voters[4]!, 'members'),
    };
    if (publish) {
      expect((await publishCandidates(e)).status).toBe(201);
      await stage.openDesk(e);
      // Eight of ten voters take a ballot.
      for (const v of voters.slice(0, 8)) expect((await post(`/api/elections/${e}/ballots`, clerk.token, { residentId: v })).status).toBe(201);
    }
    const tally = (token: string, body: Record<string, unknown>) => post(`/api/elections/${e}/tally`, token, body);
    const votes = (dir: number, m: [number, number, number, number]) => ({
      [cands.dir]: dir,
      [cands.m1]: m[0],
      [cands.m2]: m[1],
      [cands.m3]: m[2],
      [cands.m4]: m[3],
    });
    return { e, counters, clerk, cands, voters, tally, votes };
  }
  /** Counter three's boundary entry, then counters one and two agree: the count is final. */
  const first = (n: Count) => ({
    ballotsCast: 8,
    invalidBallots: 1,
    votes: n.votes(6, [7, 5, 4, 3]),
    writeIns: [{ name: '张 三', seat: 'members', votes: 2 }],
  });
  const boundary = (n: Count) => ({ ballotsCast: 8, invalidBallots: 1, votes: n.votes(7, [7, 7, 7, 7]) });

  // Refusals never change the count, so they share one election.
  let open: Count;
  beforeAll(async () => {
    open = await stageCount();
  });

  it('waits for the candidate list to be published', async () => {
    const n = await stageCount({ publish: false });
    expectProblem(await n.tally(n.counters[0]!.token, { ballotsCast: 0, invalidBallots: 0, votes: n.votes(0, [0, 0, 0, 0]) }), 409, 'CONFLICT');
    expect((await publishCandidates(n.e)).status).toBe(201);
    await stage.openDesk(n.e);
    expect((await post(`/api/elections/${n.e}/ballots`, n.clerk.token, { residentId: n.voters[0] })).status).toBe(201);
    expect((await n.tally(n.counters[0]!.token, { ballotsCast: 1, invalidBallots: 0, votes: n.votes(1, [1, 1, 1, 1]) })).status).toBe(201);
  });

  it('is entered by the election’s counters only', async () => {
    const body = { ballotsCast: 8, invalidBallots: 0, votes: open.votes(8, [8, 8, 8, 8]) };
    expectProblem(await open.tally(stage.committee, body), 403, 'FORBIDDEN');
    expectProblem(await open.tally(open.clerk.token, body), 403, 'FORBIDDEN');
    expectProblem(await open.tally(resident, body), 403, 'FORBIDDEN');
  });

  it.each([
    ['more invalid ballots than cast', () => ({ ballotsCast: 8, invalidBallots: 9, votes: open.votes(0, [0, 0, 0, 0]) }), '废票9张'],
    [
      'more votes in a seat than valid ballots × its seats',
      () => ({ ballotsCast: 8, invalidBallots: 1, votes: open.votes(7, [7, 7, 7, 7]), writeIns: [{ name: '张三', seat: 'members', votes: 1 }] }),
      '委员栏共29票',
    ],
    ['more votes for the one director than valid ballots', () => ({ ballotsCast: 8, invalidBallots: 1, votes: open.votes(8, [1, 1, 1, 1]) }), '主任栏共8票'],
  ])('refuses %s (TALLY_IMPLAUSIBLE)', async (_, body, words) => {
    const res = await open.tally(open.counters[0]!.token, body());
    expectProblem(res, 422, 'TALLY_IMPLAUSIBLE');
    expect(res.body.detail).toContain(words);
  });

  it('accepts the boundary: every valid ballot marking every member seat', async () => {
    const n = await stageCount();
    const res = await n.tally(n.counters[2]!.token, boundary(n));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('counting');
  });

  it('needs every candidate’s number', async () => {
    expectProblem(await open.tally(open.counters[0]!.token, { ballotsCast: 8, invalidBallots: 0, votes: { [open.cands.dir]: 5 } }), 400, 'VALIDATION_FAILED');
  });

  it('shows both entries to the committee when two counters disagree (TALLY_MISMATCH), and is final when they agree', async () => {
    const n = await stageCount();
    const { e, counters, cands, tally } = n;
    // Not the entry that counts: the same counter enters again below and the latest stands.
    expect((await tally(counters[2]!.token, boundary(n))).status).toBe(201);
    // Counter three's earlier entry differs from counter one's: recorded, and a mismatch.
    expectProblem(await tally(counters[0]!.token, first(n)), 409, 'TALLY_MISMATCH');
    expect((await get(`/api/elections/${e}/results`, resident)).body.status).toBe('mismatch');
    const wrong = { ...first(n), votes: n.votes(6, [7, 5, 3, 4]) };
    expectProblem(await tally(counters[1]!.token, wrong), 409, 'TALLY_MISMATCH');
    const board = await get(`/api/elections/${e}/results`, stage.committee);
    expect(board.body.status).toBe('mismatch');
    expect(board.body.entries).toHaveLength(3);
    expect(board.body.entries.map((x: { counterName: string }) => x.counterName).sort()).toEqual(['计票一', '计票三', '计票二']);
    const seen = await get(`/api/elections/${e}/results`, resident);
    expect(seen.body.entries).toBeUndefined();
    expect(seen.body.seats.members.elected).toEqual([]);
    expectProblem(await post(`/api/elections/${e}/results/publish`, stage.committee), 409, 'CONFLICT');
    // Counter two recounts and agrees with counter one (write-in spelt without the space).
    const r3 = await tally(counters[1]!.token, { ...first(n), writeIns: [{ name: '张三', seat: 'members', votes: 2 }] });
    expect(r3.status).toBe(201);
    // Agreed; 张三 is nobody on the voter list, and the committee records so: the round is final.
    expect(r3.body.status).toBe('matching');
    await notEligible(e);
    expectProblem(await tally(counters[2]!.token, first(n)), 409, 'ELECTION_LOCKED', '第1轮的计票已经确认，这一轮不能再录入计票。');
    const final = await get(`/api/elections/${e}/results`, resident);
    expect(final.body).toMatchObject({ status: 'final', registered: 10, ballotsIssued: 8, ballotsCast: 8, valid: true });
    // More than half of 8 ballots cast is 5 or more: 6 and 7 and 5 qualify; 4, 3 and the write-in's 2 do not.
    expect(final.body.seats.director.elected.map((c: { votes: number }) => c.votes)).toEqual([6]);
    expect(final.body.seats.members.elected.map((c: { candidateId: string }) => c.candidateId)).toEqual([cands.m1, cands.m2]);
    expect(final.body.seats.members.runoffSeats).toBe(2);
    // The write-in's 2 votes count for nobody once 张三 is recorded as not eligible.
    expect(final.body.seats.members.runoff.map((c: { votes: number }) => c.votes)).toEqual([4, 3]);
    const audit = await get(`/api/audit?electionId=${e}`, stage.committee);
    expect(audit.body.items.filter((i: { action: string }) => i.action === 'tally.entered')).toHaveLength(4);
  });

  it('publishes the final results once as a `results` notice with the chain head, and certifies the elected', async () => {
    const n = await stageCount();
    const { e, cands } = n;
    expect((await n.tally(n.counters[0]!.token, first(n))).status).toBe(201);
    expect((await n.tally(n.counters[1]!.token, { ...first(n), writeIns: [{ name: '张三', seat: 'members', votes: 2 }] })).body.status).toBe('matching');
    await notEligible(e);
    const res = await post(`/api/elections/${e}/results/publish`, stage.committee);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'results', electionId: e, onTime: true });
    expect(res.body.body).toContain('选举有效');
    const notices = await get('/api/notices?category=election', resident);
    expect(notices.body.items.find((n: { id: string }) => n.id === res.body.id)).toMatchObject({
      kind: 'results',
      title: expect.stringContaining('选举结果公告'),
    });
    expectProblem(await post(`/api/elections/${e}/results/publish`, stage.committee), 409, 'CONFLICT');
    expectProblem(await post(`/api/elections/${e}/results/publish`, resident), 403, 'FORBIDDEN');
    const verify = await get('/api/audit/verify', stage.committee);
    const board = await get(`/api/elections/${e}/results`, resident);
    expect(board.body.published.auditHead.hash).toBe(verify.body.head);
    expect(board.body.auditHead.hash).toBe(verify.body.head);
    const cert = await get(`/api/elections/${e}/certificates/${cands.m1}`, resident);
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({ name: '选民1', seat: 'members', seatName: '委员', issuer: '八珠乡人民政府', electionDay: DAY, votes: 7 });
    expect(cert.body.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(cert.body.verifyUrl).toContain(`/#/election-day/verify/index?e=${e}&c=${cands.m1}`);
    expectProblem(await get(`/api/elections/${e}/certificates/${cands.m3}`, resident), 404, 'NOT_FOUND');
    expectProblem(await get(`/api/elections/${e}/certificates/${cands.m1}`, otherCommittee), 404, 'NOT_FOUND');
  });
});

describe('a whole small election, clock pinned', () => {
  it('runs from candidates to certificates, with turnout exactly half making it invalid and one more making it valid', async () => {
    const own = await startTestServer();
    try {
      const s = await electionDayStage(own, '2027-06-20', '2027-06-05T02:00:00Z');
      const e = await s.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
      const voters: string[] = [];
      // 居民 3, a member candidate, is a woman (the rulebook's womanMember).
      for (let i = 0; i < 12; i++) voters.push(await s.voter(e, `居民${String.fromCharCode(0x4e00 + i * 7)}`, i === 3 ? 'female' : 'male'));
      const holder = voters[11]!;
      await s.approvedProxy(e, voters[9]!, holder);
      await s.approvedProxy(e, voters[10]!, holder);
      const dir = [await s.addCandidate(e, voters[0]!, 'director'), await s.addCandidate(e, voters[1]!, 'director')];
      const mem: string[] = [];
      for (let i = 2; i < 7; i++) mem.push(await s.addCandidate(e, voters[i]!, 'members'));
      expect((await own.request('POST', `/api/elections/${e}/candidates/publish`, { token: s.committee, body: {} })).status).toBe(201);
      const clerk = await s.personWithAccount('发票员');
      const c1 = await s.personWithAccount('计票员一');
      const c2 = await s.personWithAccount('计票员二');
      await s.appoint(e, clerk.residentId, 'clerk');
      await s.appoint(e, c1.residentId, 'counter');
      await s.appoint(e, c2.residentId, 'counter');
      await s.openDesk(e);
      // Election day, 09:00 China time.
      own.setNow(new Date('2027-06-20T01:00:00Z'));
      // Six in person and the proxy's own: 7 of 12 would be valid; first, the proxy brings two more.
      for (const v of voters.slice(0, 5))
        expect((await own.request('POST', `/api/elections/${e}/ballots`, { token: clerk.token, body: { residentId: v } })).status).toBe(201);
      for (const absent of [undefined, voters[9], voters[10]]) {
        const res = await own.request('POST', `/api/elections/${e}/ballots`, {
          token: clerk.token,
          body: { residentId: holder, onBehalfOfResidentId: absent },
        });
        expect(res.status).toBe(201);
      }
      const t = await own.request('GET', `/api/elections/${e}/turnout`, { token: clerk.token });
      expect(t.body).toEqual({ round: 1, registered: 12, ballotsIssued: 8, inPerson: 6, byProxy: 2 });
      // 17:00: the count. Two ballots stayed unused in pockets: 6 cast is exactly half of 12.
      own.setNow(new Date('2027-06-20T09:00:00Z'));
      const half = {
        ballotsCast: 6,
        invalidBallots: 0,
        votes: { [dir[0]!]: 5, [dir[1]!]: 1, [mem[0]!]: 6, [mem[1]!]: 6, [mem[2]!]: 6, [mem[3]!]: 6, [mem[4]!]: 0 },
      };
      expect((await own.request('POST', `/api/elections/${e}/tally`, { token: c1.token, body: half })).status).toBe(201);
      const final = await own.request('POST', `/api/elections/${e}/tally`, { token: c2.token, body: half });
      expect(final.body.status).toBe('final');
      const results = await own.request('GET', `/api/elections/${e}/results`, { token: s.committee });
      expect(results.body).toMatchObject({ status: 'final', registered: 12, ballotsIssued: 8, ballotsCast: 6, valid: false });
      expect(results.body.seats.director.elected).toEqual([]);
      const published = await own.request('POST', `/api/elections/${e}/results/publish`, { token: s.committee, body: {} });
      expect(published.status).toBe(201);
      expect(published.body.body).toContain('选举无效');
      expectProblem(await own.request('GET', `/api/elections/${e}/certificates/${dir[0]}`, { token: s.committee }), 404, 'NOT_FOUND');
      const chain = await own.request('GET', '/api/audit/verify', { token: s.committee });
      expect(chain.body.ok).toBe(true);
      const actions = (await own.request('GET', `/api/audit?electionId=${e}`, { token: s.committee })).body.items.map((i: { action: string }) => i.action);
      expect(actions.filter((a: string) => a === 'ballot.issued')).toHaveLength(8);
      // The voter list, the candidate list and the results.
      expect(actions.filter((a: string) => a === 'notice.published')).toHaveLength(3);
      expect(actions).toContain('results.published');
    } finally {
      await own.close();
    }
  });

  it('elects with one ballot more than half and hands out the certificate', async () => {
    const own = await startTestServer();
    try {
      const s = await electionDayStage(own, '2027-06-20', '2027-06-05T02:00:00Z');
      const e = await s.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
      const voters: string[] = [];
      // 居民 2, a member candidate, is a woman (the rulebook's womanMember).
      for (let i = 0; i < 9; i++) voters.push(await s.voter(e, `居民${String.fromCharCode(0x4e00 + i * 11)}`, i === 2 ? 'female' : 'male'));
      const dir = await s.addCandidate(e, voters[0]!, 'director');
      const mem: string[] = [];
      for (let i = 1; i < 5; i++) mem.push(await s.addCandidate(e, voters[i]!, 'members'));
      await s.approvedProxy(e, voters[8]!, voters[7]!);
      const listed = await own.request('POST', `/api/elections/${e}/candidates/publish`, { token: s.committee, body: {} });
      expect(listed.status, listed.text).toBe(201);
      const c1 = await s.personWithAccount('计票员一');
      const c2 = await s.personWithAccount('计票员二');
      await s.appoint(e, c1.residentId, 'counter');
      await s.appoint(e, c2.residentId, 'counter');
      await s.openDesk(e);
      own.setNow(new Date('2027-06-20T01:00:00Z'));
      // The committee hands out at the desk too: 4 in person, the proxy's own and the one entrusted = 6 of 9.
      for (const v of voters.slice(0, 4))
        expect((await own.request('POST', `/api/elections/${e}/ballots`, { token: s.committee, body: { residentId: v } })).status).toBe(201);
      expect((await own.request('POST', `/api/elections/${e}/ballots`, { token: s.committee, body: { residentId: voters[7] } })).status).toBe(201);
      expect(
        (await own.request('POST', `/api/elections/${e}/ballots`, { token: s.committee, body: { residentId: voters[7], onBehalfOfResidentId: voters[8] } }))
          .status,
      ).toBe(201);
      own.setNow(new Date('2027-06-20T09:00:00Z'));
      // 6 cast, director needs 4; a tie at 4 among all four members for four seats is no tie.
      const count = { ballotsCast: 6, invalidBallots: 0, votes: { [dir]: 4, [mem[0]!]: 4, [mem[1]!]: 4, [mem[2]!]: 4, [mem[3]!]: 3 } };
      await own.request('POST', `/api/elections/${e}/tally`, { token: c1.token, body: count });
      expect((await own.request('POST', `/api/elections/${e}/tally`, { token: c2.token, body: count })).body.status).toBe('final');
      const results = await own.request('GET', `/api/elections/${e}/results`, { token: c1.token });
      expect(results.body.valid).toBe(true);
      expect(results.body.seats.director.elected.map((c: { candidateId: string }) => c.candidateId)).toEqual([dir]);
      expect(results.body.seats.members.elected).toHaveLength(3);
      expect(results.body.seats.members.runoffSeats).toBe(1);
      expect((await own.request('POST', `/api/elections/${e}/results/publish`, { token: s.committee, body: {} })).status).toBe(201);
      const cert = await own.request('GET', `/api/elections/${e}/certificates/${dir}`, { token: await own.login('resident1', 'Resident#2026') });
      expect(cert.status).toBe(200);
      expect(cert.body).toMatchObject({
        seatName: '主任',
        electionDay: '2027-06-20',
        issuer: '八珠乡人民政府',
        resultsPublishedAt: '2027-06-20T09:00:00.000Z',
      });
      expect(cert.body.certificateNo).toMatch(/^[0-9A-F]{12}$/);
    } finally {
      await own.close();
    }
  });
});
