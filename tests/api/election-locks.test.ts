import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem } from './helpers.js';

/**
 * Each step of an election fixes what it decided (API.md, Locks): every freeze is tried just
 * before its moment (allowed) and just after (ELECTION_LOCKED, saying what and since when).
 */
const DAY = '2027-09-19';
let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;

beforeAll(async () => {
  server = await startTestServer();
  // 10:00 China time, 1 September: eighteen days before election day.
  s = await electionDayStage(server, DAY, '2027-09-01T02:00:00Z');
});
afterAll(() => server.close());

const at = (iso: string) => server.setNow(new Date(iso));
const post = (path: string, body: unknown = {}, token = s.committee) => server.request('POST', path, { token, body });
const put = (e: string, body: unknown) => server.request('PUT', `/api/elections/${e}`, { token: s.committee, body });
const removeVoter = (e: string, residentId: string) =>
  server.request('DELETE', `/api/elections/${e}/voters/${residentId}?reason=${encodeURIComponent('已迁出本社区')}`, { token: s.committee });

const SEATS = { director: 1, deputyDirector: 0, members: 4 };
/**
 * The founding plan's 10-day voter list notice and an 等额 list: departures from the 2026 law
 * (20 days, 差额) that the stage records with their basis.
 */
const RULES = { voterListNoticeDays: 10, candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } };
const byCandidates = '候选人名单已于2027年9月1日10:00公布，应选名额、选举规则和候选人都已固定，不能再修改。';
const byBallot = '选票已于2027年9月19日08:00开始发放，选举日、选举工作人员和选民名单都已固定，不能再修改。';
const byResults = '选举结果已于2027年9月19日17:30公布，选举的各项内容都已固定，不能再修改。';

describe('the voter list after its notice', () => {
  it('takes plain registrations and removals until the notice is out, then refuses them', async () => {
    at('2027-09-01T02:00:00Z');
    const e = await s.election(SEATS, RULES);
    const [a, b, c] = [await s.person('名单甲'), await s.person('名单乙'), await s.person('名单丙')];
    await s.registerVoter(e, a);
    // Published for 09:00 China time on 2 September, well before the 10 days the law asks.
    const notice = await post('/api/notices', {
      category: 'election',
      kind: 'voter_list',
      electionId: e,
      title: '选民名单公告',
      body: '选民名单已张贴在社区公告栏。',
      publishAt: '2027-09-02T01:00:00Z',
    });
    expect(notice.status).toBe(201);

    at('2027-09-02T00:59:00Z');
    expect((await post(`/api/elections/${e}/voters`, { residentId: b })).status).toBe(201);
    expect((await removeVoter(e, b)).status).toBe(204);
    expect((await post(`/api/elections/${e}/voters`, { all: true })).status).toBe(201);
    expect((await removeVoter(e, c)).status).toBe(204);

    at('2027-09-02T01:00:00Z');
    const detail = '选民名单已于2027年9月2日09:00公告，此后只能由选举委员会对异议作出决定并写明理由后更改，不能直接登记或移出选民。';
    expectProblem(await post(`/api/elections/${e}/voters`, { residentId: c }), 409, 'ELECTION_LOCKED', detail);
    expectProblem(await post(`/api/elections/${e}/voters`, { all: true }), 409, 'ELECTION_LOCKED', detail);
    expectProblem(await removeVoter(e, a), 409, 'ELECTION_LOCKED', detail);
    const list = await server.request('GET', `/api/elections/${e}/voters?limit=100`, { token: s.committee });
    expect(list.body.items.map((v: { residentId: string }) => v.residentId)).toContain(a);
    expect(list.body.items.map((v: { residentId: string }) => v.residentId)).not.toContain(c);
  });
});

describe('an election from set-up to published results', () => {
  let e: string;
  let voters: string[];
  let counters: { token: string; residentId: string }[];
  let cands: string[];
  let spare: string;

  beforeAll(async () => {
    at('2027-09-01T02:00:00Z');
    e = await s.election(SEATS, RULES);
    voters = [];
    // 锁定选民2, a member candidate, is a woman (the rulebook's womanMember).
    for (let i = 0; i < 10; i++) voters.push(await s.voter(e, `锁定选民${i}`, i === 2 ? 'female' : 'male'));
    counters = [await s.personWithAccount('锁定计票一'), await s.personWithAccount('锁定计票二')];
    spare = await s.person('锁定备选');
  });

  it('changes seats, rules and candidates until the candidate list is published, then refuses them', async () => {
    expect((await put(e, { seats: { ...SEATS, members: 5 } })).status).toBe(200);
    expect((await put(e, { seats: SEATS, rules: { repsPerGroup: 3 } })).status).toBe(200);
    cands = [
      await s.addCandidate(e, voters[0]!, 'director'),
      await s.addCandidate(e, voters[1]!, 'director'),
      await s.addCandidate(e, voters[2]!, 'members'),
      await s.addCandidate(e, voters[3]!, 'members'),
      await s.addCandidate(e, voters[4]!, 'members'),
      await s.addCandidate(e, voters[5]!, 'members'),
      await s.addCandidate(e, voters[6]!, 'members'),
    ];
    const extra = await s.addCandidate(e, voters[7]!, 'members');
    expect((await server.request('DELETE', `/api/elections/${e}/candidates/${extra}`, { token: s.committee })).status).toBe(204);
    const order = { seat: 'members', candidateIds: cands.slice(2).reverse() };
    expect((await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: s.committee, body: order })).status).toBe(200);
    expect((await post(`/api/elections/${e}/candidates/publish`)).status).toBe(201);

    expectProblem(await put(e, { seats: { ...SEATS, members: 5 } }), 409, 'ELECTION_LOCKED', byCandidates);
    expectProblem(await put(e, { rules: { repsPerGroup: 2 } }), 409, 'ELECTION_LOCKED', byCandidates);
    expectProblem(await post(`/api/elections/${e}/candidates`, { residentId: voters[7], seat: 'members' }), 409, 'ELECTION_LOCKED', byCandidates);
    expectProblem(await server.request('DELETE', `/api/elections/${e}/candidates/${cands[4]}`, { token: s.committee }), 409, 'ELECTION_LOCKED', byCandidates);
    expectProblem(
      await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: s.committee, body: order }),
      409,
      'ELECTION_LOCKED',
      byCandidates,
    );
    // How residents vote is fixed with the list too.
    expectProblem(await put(e, { mode: 'households' }), 409, 'ELECTION_LOCKED', byCandidates);
    // What is not being changed is not weighed: the same seats, rules and way of voting sent back with a new title.
    const retitled = await put(e, { title: '第十二届居委会换届选举', seats: SEATS, rules: { repsPerGroup: 3 }, mode: 'voters' });
    expect(retitled.status).toBe(200);
    expect(retitled.body.title).toBe('第十二届居委会换届选举');
  });

  it('leaves the refused election exactly as it was', async () => {
    const before = await server.request('GET', `/api/elections/${e}`, { token: s.committee });
    expectProblem(await put(e, { title: '不该改成的名字', seats: { ...SEATS, members: 6 }, rules: { repsPerGroup: 2 } }), 409, 'ELECTION_LOCKED', byCandidates);
    const after = await server.request('GET', `/api/elections/${e}`, { token: s.committee });
    expect(after.body).toEqual(before.body);
  });

  it('moves the day and appoints officials until the first ballot, then refuses both, and the voter list with them', async () => {
    expect((await put(e, { electionDay: '2027-09-20' })).status).toBe(200);
    expect((await put(e, { electionDay: DAY })).status).toBe(200);
    for (const c of counters) await s.appoint(e, c.residentId, 'counter');
    await s.openDesk(e);
    // Election day, 08:00 China time: the desk opens.
    at('2027-09-19T00:00:00Z');
    expect((await post(`/api/elections/${e}/officials`, { residentId: spare, role: 'monitor' })).status).toBe(201);
    expect((await post(`/api/elections/${e}/ballots`, { residentId: voters[0] })).status).toBe(201);

    expectProblem(await put(e, { electionDay: '2027-09-26' }), 409, 'ELECTION_LOCKED', byBallot);
    expectProblem(await post(`/api/elections/${e}/officials`, { residentId: voters[9], role: 'clerk' }), 409, 'ELECTION_LOCKED', byBallot);
    expectProblem(await post(`/api/elections/${e}/voters`, { residentId: spare }), 409, 'ELECTION_LOCKED', byBallot);
    expectProblem(await removeVoter(e, voters[9]!), 409, 'ELECTION_LOCKED', byBallot);
    // The title is fixed only with the results.
    expect((await put(e, { title: '第十二届居委会选举' })).status).toBe(200);
  });

  it('takes nominations and the proxy list until the results are published, then nothing at all', async () => {
    for (const v of voters.slice(1, 6)) expect((await post(`/api/elections/${e}/ballots`, { residentId: v })).status).toBe(201);
    const [n1, n2] = [
      await post(`/api/elections/${e}/nominations`, { residentId: voters[8] }),
      await post(`/api/elections/${e}/nominations`, { residentId: voters[9] }),
    ];
    expect([n1.status, n2.status]).toEqual([201, 201]);
    await s.approvedProxy(e, voters[8]!, voters[9]!);
    expect((await post(`/api/elections/${e}/proxy-applications/publish`)).status).toBe(201);

    // 17:00: two counters agree, 17:30 the committee publishes.
    at('2027-09-19T09:00:00Z');
    const count = {
      ballotsCast: 6,
      invalidBallots: 0,
      votes: { [cands[0]!]: 4, [cands[1]!]: 2, [cands[2]!]: 5, [cands[3]!]: 4, [cands[4]!]: 4, [cands[5]!]: 3, [cands[6]!]: 2 },
    };
    for (const c of counters) expect((await post(`/api/elections/${e}/tally`, count, c.token)).status).toBe(201);
    at('2027-09-19T09:30:00Z');
    expect((await post(`/api/elections/${e}/results/publish`)).status).toBe(201);

    expectProblem(await put(e, { title: '改名' }), 409, 'ELECTION_LOCKED', byResults);
    // The form sent back as it is changes nothing, and is not refused.
    const unchanged = await put(e, { title: '第十二届居委会选举', mode: 'voters' });
    expect(unchanged.status, unchanged.text).toBe(200);
    expect(unchanged.body.title).toBe('第十二届居委会选举');
    expect((await put(e, { mode: 'voters' })).status).toBe(200);
    expectProblem(await put(e, { seats: { ...SEATS, members: 5 } }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await put(e, { rules: { repsPerGroup: 2 } }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await put(e, { electionDay: '2027-09-26' }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/voters`, { residentId: spare }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/voters`, { all: true }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await removeVoter(e, voters[9]!), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/candidates`, { residentId: voters[7], seat: 'members' }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/officials`, { residentId: voters[9], role: 'clerk' }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/nominations`, { residentId: voters[7] }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/nominations/${n1.body.id}/confirm`), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await server.request('DELETE', `/api/elections/${e}/nominations/${n2.body.id}`, { token: s.committee }), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(await post(`/api/elections/${e}/proxy-applications/publish`), 409, 'ELECTION_LOCKED', byResults);
  });

  it('refuses every proxy write once the results are published', async () => {
    await s.approvedProxy(e, voters[2]!, voters[3]!, 'awaiting_approval');
    const apps = (await server.request('GET', `/api/elections/${e}/proxy-applications`, { token: s.committee })).body.items as { id: string; status: string }[];
    const waiting = apps.find((a) => a.status === 'awaiting_approval')!;
    const approved = apps.find((a) => a.status === 'approved')!;
    expectProblem(
      await post(`/api/elections/${e}/proxy-applications/${waiting.id}/decision`, { approve: false, note: '太晚了' }),
      409,
      'ELECTION_LOCKED',
      byResults,
    );
    const applicant = await s.personWithAccount('锁定申请人');
    expectProblem(
      await post(`/api/elections/${e}/proxy-applications`, { proxyResidentId: voters[3], reason: '外出务工' }, applicant.token),
      409,
      'ELECTION_LOCKED',
      byResults,
    );
    expectProblem(await post(`/api/elections/${e}/proxy-applications/${approved.id}/withdraw`, {}, applicant.token), 409, 'ELECTION_LOCKED', byResults);
    expectProblem(
      await post(`/api/elections/${e}/proxy-applications/${waiting.id}/consent`, { accept: true }, applicant.token),
      409,
      'ELECTION_LOCKED',
      byResults,
    );
  });
});
