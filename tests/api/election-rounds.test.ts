import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, notFoundDetail } from './helpers.js';

/**
 * A whole election with every kind of round, the clock pinned to election day: round one
 * elects the director and two members, leaves the deputy director's seat to a further round
 * (nobody above half) and the last member's seat to a tie; the tie's re-vote comes back with
 * more ballots than were handed out (void) and is held again; the further round elects a
 * write-in matched to a voter. Then the result is published and certified, and nothing written
 * afterwards changes it.
 */
const DAY = '2027-06-20';
let server: TestServer;
let stage: Awaited<ReturnType<typeof electionDayStage>>;
let committee: string;
let resident: string;

beforeAll(async () => {
  server = await startTestServer();
  stage = await electionDayStage(server, DAY);
  committee = stage.committee;
  resident = await server.login('resident1', 'Resident#2026');
});
afterAll(() => server.close());

const post = (path: string, token: string, body: unknown = {}) => server.request('POST', path, { token, body });
const get = (path: string, token: string) => server.request('GET', path, { token });

async function wholeElection() {
  const e = await stage.election({ director: 1, deputyDirector: 1, members: 3 });
  const counters = [await stage.personWithAccount('计票一'), await stage.personWithAccount('计票二')];
  const clerk = await stage.personWithAccount('发票三');
  for (const c of counters) await stage.appoint(e, c.residentId, 'counter');
  await stage.appoint(e, clerk.residentId, 'clerk');
  const names = ['丁一', '马二', '王三', '方四', '孔五', '白六', '冯七', '刘八', '许九', '王五'];
  const voters: string[] = [];
  // 孔五, a member candidate, is a woman (the rulebook's womanMember).
  for (const name of names) voters.push(await stage.voter(e, name, name === '孔五' ? 'female' : 'male'));
  for (let i = 0; i < 10; i++) voters.push(await stage.voter(e, `选民${i}`));
  const [a, b, c, d, e1, f, g, h, i1] = voters;
  const cand = {
    a: await stage.addCandidate(e, a!, 'director'),
    b: await stage.addCandidate(e, b!, 'director'),
    c: await stage.addCandidate(e, c!, 'deputyDirector'),
    d: await stage.addCandidate(e, d!, 'deputyDirector'),
    e: await stage.addCandidate(e, e1!, 'members'),
    f: await stage.addCandidate(e, f!, 'members'),
    g: await stage.addCandidate(e, g!, 'members'),
    h: await stage.addCandidate(e, h!, 'members'),
    i: await stage.addCandidate(e, i1!, 'members'),
  };
  // On the candidate list's last lawful day (5 days before), then back to 10:00 on election day.
  server.setNow(new Date('2027-06-15T02:00:00Z'));
  expect((await post(`/api/elections/${e}/candidates/publish`, committee)).status).toBe(201);
  server.setNow(new Date(`${DAY}T02:00:00Z`));
  await stage.openDesk(e);
  /** The desk hands the open round's ballots to the first `n` voters. */
  const handOut = async (n: number, round?: number) => {
    for (const v of voters.slice(0, n)) {
      const res = await post(`/api/elections/${e}/ballots`, clerk.token, { residentId: v, ...(round ? { round } : {}) });
      expect(res.status, res.text).toBe(201);
    }
  };
  /** Both counters enter the same count of the open round. */
  const count = async (body: Record<string, unknown>) => {
    expect((await post(`/api/elections/${e}/tally`, counters[0]!.token, body)).status).toBe(201);
    const second = await post(`/api/elections/${e}/tally`, counters[1]!.token, body);
    expect(second.status, second.text).toBe(201);
    return second.body as { status: string; round: number };
  };
  const board = async (token = committee) => (await get(`/api/elections/${e}/results`, token)).body;
  return { e, voters, cand, counters, clerk, handOut, count, board, wangWu: voters[9]! };
}

describe('a whole election, round by round', () => {
  it('fills every seat through a further round, a tie re-vote and a void round held again, and certifies every member', async () => {
    const w = await wholeElection();
    const { e, cand } = w;

    // Round one: 16 of 20 voters take a ballot and cast it.
    await w.handOut(16);
    const one = await w.count({
      ballotsCast: 16,
      invalidBallots: 0,
      votes: { [cand.a]: 10, [cand.b]: 6, [cand.c]: 8, [cand.d]: 8, [cand.e]: 12, [cand.f]: 11, [cand.g]: 9, [cand.h]: 9, [cand.i]: 2 },
      writeIns: [{ name: '王五', seat: 'members', votes: 5 }],
    });
    expect(one).toMatchObject({ round: 1, status: 'matching' });
    // No ballot after the count is agreed, whoever asks.
    expectProblem(
      await post(`/api/elections/${e}/ballots`, w.clerk.token, { residentId: w.voters[17] }),
      409,
      'ELECTION_LOCKED',
      '第1轮的计票已经确认，这一轮不能再发放选票。',
    );
    let b = await w.board();
    expect(b.status).toBe('counting');
    expect(b.next).toEqual([expect.objectContaining({ kind: 'match' })]);
    expectProblem(await post(`/api/elections/${e}/rounds`, committee, { kind: 'tie', seat: 'members' }), 409, 'ROUND_NOT_CLOSED');
    const writeIn = b.rounds[0].writeIns[0];
    expect(writeIn).toMatchObject({ name: '王五', seat: 'members', votes: 5, residentId: null, notEligible: false });
    // The vote goes to a voter of this election only.
    const notVoter = await stage.person('不是选民');
    expectProblem(
      await post(`/api/elections/${e}/write-ins/${writeIn.id}/match`, committee, { residentId: notVoter }),
      422,
      'NOT_A_VOTER',
      '不是选民不在本次选举的选民名单上，另选的票不能算给他。',
    );
    expectProblem(
      await post(`/api/elections/${e}/write-ins/${writeIn.id}/match`, committee, { residentId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND',
      notFoundDetail('居民'),
    );
    expectProblem(
      await post(`/api/elections/${e}/write-ins/00000000-0000-4000-8000-000000000000/match`, committee, { residentId: w.wangWu }),
      404,
      'NOT_FOUND',
      notFoundDetail('另选人'),
    );
    const matched = await post(`/api/elections/${e}/write-ins/${writeIn.id}/match`, committee, { residentId: w.wangWu });
    expect(matched.status, matched.text).toBe(200);

    b = await w.board();
    expect(b.status).toBe('final');
    expect(b.rounds[0]).toMatchObject({ n: 1, kind: 'main', status: 'final', valid: true, ballotsIssued: 16, ballotsCast: 16 });
    expect(b.seats.director.elected.map((x: { name: string }) => x.name)).toEqual(['丁一']);
    // 8 of 16 is not more than half: the deputy's seat goes to a further round between the two.
    expect(b.seats.deputyDirector).toMatchObject({ elected: [], runoffSeats: 1 });
    expect(b.seats.deputyDirector.runoff.map((x: { name: string }) => x.name).sort()).toEqual(['方四', '王三']);
    // 王三… 9 and 9 at the last member's seat: a tie.
    expect(b.seats.members.elected.map((x: { name: string }) => x.name)).toEqual(['孔五', '白六']);
    expect(b.seats.members).toMatchObject({ tieSeats: 1 });
    expect(b.seats.members.tie.map((x: { name: string }) => x.name).sort()).toEqual(['冯七', '刘八'].sort());
    expect(b.next.map((x: { kind: string; seat: string }) => `${x.kind}:${x.seat}`)).toEqual(['further:deputyDirector', 'tie:members']);
    expectProblem(
      await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'members' }),
      422,
      'ROUND_NOT_NEEDED',
      '委员有票数相等的人，须先就他们再次投票。',
    );
    expectProblem(await post(`/api/elections/${e}/rounds`, committee, { kind: 'repeat' }), 422, 'ROUND_NOT_NEEDED', '第1轮投票有效，不需要重新投票。');
    const outsider = await post(`/api/elections/${e}/rounds`, committee, { kind: 'tie', seat: 'members', candidateIds: [cand.g, cand.e] });
    expectProblem(outsider, 400, 'VALIDATION_FAILED');
    expect(outsider.body.detail).toMatch(/^再次投票只在票数相等的人中进行：(冯七、刘八|刘八、冯七)。$/);
    expect(outsider.body.errors).toEqual([{ path: 'body.candidateIds', message: '不在可选的人中' }]);
    // Each other round the committee might ask for, refused in words.
    const noSeat = await post(`/api/elections/${e}/rounds`, committee, { kind: 'further' });
    expectProblem(noSeat, 400, 'VALIDATION_FAILED', '请选择这一轮选哪个职位。');
    expect(noSeat.body.errors).toEqual([{ path: 'body.seat', message: '请选择职位' }]);
    expectProblem(
      await post(`/api/elections/${e}/rounds`, committee, { kind: 'tie', seat: 'director' }),
      422,
      'ROUND_NOT_NEEDED',
      '主任没有票数相等需要再次投票的人。',
    );
    expectProblem(
      await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'director' }),
      422,
      'ROUND_NOT_NEEDED',
      '主任没有空缺的名额需要另行选举。',
    );
    expectProblem(
      await post(`/api/elections/${e}/rounds`, committee, { kind: 'tie', seat: 'deputyDirector' }),
      422,
      'ROUND_NOT_NEEDED',
      '副主任没有票数相等需要再次投票的人。',
    );
    // A further election is contested: for one seat, at least two of those not elected.
    const single = await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'deputyDirector', candidateIds: [cand.c] });
    expectProblem(single, 400, 'VALIDATION_FAILED', '另行选举的候选人须多于应选的1名（差额）。');
    expect(single.body.errors).toEqual([{ path: 'body.candidateIds', message: '至少2人' }]);
    expect((await w.board()).rounds).toHaveLength(1);
    expectProblem(await post(`/api/elections/${e}/rounds`, resident, { kind: 'tie', seat: 'members' }), 403, 'FORBIDDEN');

    // Round two: the re-vote among the tied. More ballots come back than were handed out: void.
    const two = await post(`/api/elections/${e}/rounds`, committee, { kind: 'tie', seat: 'members' });
    expect(two.status, two.text).toBe(201);
    expect(two.body).toMatchObject({ n: 2, kind: 'tie', seat: 'members', seatsToFill: 1 });
    // Round one's write-ins are fixed once a new round has begun.
    expectProblem(
      await post(`/api/elections/${e}/write-ins/${writeIn.id}/match`, committee, { residentId: w.wangWu }),
      409,
      'ELECTION_LOCKED',
      '第1轮之后已经开始了新一轮投票，这一轮的另选人不能再改。',
    );
    expect(two.body.contenders.map((x: { id: string }) => x.id).sort()).toEqual([cand.g, cand.h].sort());
    // The desk's new round: one ballot per voter per round, the first round's ballots do not count.
    expect((await get(`/api/elections/${e}/turnout`, committee)).body).toMatchObject({ round: 2, ballotsIssued: 0 });
    await w.handOut(15);
    expectProblem(await post(`/api/elections/${e}/ballots`, w.clerk.token, { residentId: w.voters[0] }), 409, 'ALREADY_ISSUED');
    // Round one's candidates are not on round two's ballot.
    expectProblem(
      await post(`/api/elections/${e}/tally`, w.counters[0]!.token, { ballotsCast: 15, invalidBallots: 0, votes: { [cand.g]: 8, [cand.e]: 7 } }),
      400,
      'VALIDATION_FAILED',
    );
    const voided = await w.count({ ballotsCast: 16, invalidBallots: 0, votes: { [cand.g]: 9, [cand.h]: 7 } });
    expect(voided).toMatchObject({ round: 2, status: 'void' });
    b = await w.board();
    expect(b.rounds[1]).toMatchObject({
      n: 2,
      kind: 'tie',
      status: 'void',
      void: 'more_returned_than_issued',
      ballotsIssued: 15,
      ballotsCast: 16,
      elected: [],
    });
    expect(b.next).toEqual([{ kind: 'repeat', seat: 'members', text: '第2轮收回选票16张，多于发出的15张，这一轮投票无效，须重新投票。' }]);
    expectProblem(
      await post(`/api/elections/${e}/results/publish`, committee),
      409,
      'CONFLICT',
      '第2轮收回的选票多于发出的，这一轮无效，须重新投票后才能公布。',
    );
    expectProblem(
      await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'deputyDirector' }),
      422,
      'ROUND_NOT_NEEDED',
      '第2轮投票无效，须先重新投票。',
    );

    // Round three: the void round again.
    const three = await post(`/api/elections/${e}/rounds`, committee, { kind: 'repeat' });
    expect(three.body).toMatchObject({ n: 3, kind: 'repeat', seat: 'members', seatsToFill: 1, repeatOf: 2 });
    await w.handOut(15);
    expect(await w.count({ ballotsCast: 15, invalidBallots: 1, votes: { [cand.g]: 9, [cand.h]: 5 } })).toMatchObject({ round: 3, status: 'final' });

    // Round four: the further round for the deputy's seat; 王五 written in wins with more than a third.
    const four = await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'deputyDirector' });
    expect(four.status, four.text).toBe(201);
    await w.handOut(16);
    expect(
      await w.count({
        ballotsCast: 16,
        invalidBallots: 0,
        votes: { [cand.c]: 5, [cand.d]: 4 },
        writeIns: [{ name: '王五', seat: 'deputyDirector', votes: 7 }],
      }),
    ).toMatchObject({ round: 4, status: 'matching' });
    const wi = (await w.board()).rounds[3].writeIns[0];
    expect((await post(`/api/elections/${e}/write-ins/${wi.id}/match`, committee, { residentId: w.wangWu })).status).toBe(200);

    b = await w.board();
    expect(b).toMatchObject({ status: 'final', openRound: null, next: [] });
    expect(b.rounds.map((r: { n: number; kind: string; status: string }) => `${r.n}:${r.kind}:${r.status}`)).toEqual([
      '1:main:final',
      '2:tie:void',
      '3:repeat:final',
      '4:further:final',
    ]);
    expect(b.seats.members.elected.map((x: { name: string }) => x.name)).toEqual(['孔五', '白六', '冯七']);
    expect(b.seats.deputyDirector.elected).toEqual([{ candidateId: wi.id, name: '王五', votes: 7 }]);

    const published = await post(`/api/elections/${e}/results/publish`, committee);
    expect(published.status, published.text).toBe(201);
    expect(published.body.body.split('\n')).toEqual([
      '应到选民20人，发出选票16张，收回16张，其中废票0张。',
      '参加投票的选民超过半数，选举有效。',
      '主任：丁一（10票）',
      '副主任：无人当选；另行选举1名，候选人：方四、王三',
      '委员：孔五（12票）、白六（11票）；票数相等需再次投票：冯七、刘八（1名）',
      '第2轮（票数相等再次投票，委员）：发出选票15张，收回16张，收回多于发出，该轮投票无效。',
      '第3轮（重新投票，委员）：应到选民20人，发出选票15张，收回15张，其中废票1张。',
      '委员：冯七（9票）',
      '第4轮（另行选举，副主任）：应到选民20人，发出选票16张，收回16张，其中废票0张。',
      '副主任：王五（7票）',
    ]);
    const certificates = [cand.a, cand.e, cand.f, cand.g, wi.id];
    for (const id of certificates) {
      const cert = await get(`/api/elections/${e}/certificates/${id}`, resident);
      expect(cert.status, cert.text).toBe(200);
    }
    const wangWuCert = (await get(`/api/elections/${e}/certificates/${wi.id}`, resident)).body;
    expect(wangWuCert).toMatchObject({ name: '王五', seatName: '副主任', votes: 7, round: 4, ballotsCast: 16 });
    expect(wangWuCert.text).toContain('当选为');
    // The QR link is the configured public address (the test server's own), whatever Host the request named.
    expect(wangWuCert.verifyUrl).toBe(`${server.url}/#/election-day/verify/index?e=${e}&c=${wi.id}`);
    expectProblem(await get(`/api/elections/${e}/certificates/${cand.h}`, resident), 404, 'NOT_FOUND');
  });
});

describe('after the results are published', () => {
  it('refuses every change to the count and leaves the published result, certificates and notice byte for byte', async () => {
    const w = await wholeElection();
    const { e, cand } = w;
    await w.handOut(16);
    await w.count({
      ballotsCast: 16,
      invalidBallots: 0,
      votes: { [cand.a]: 10, [cand.b]: 6, [cand.c]: 12, [cand.d]: 4, [cand.e]: 12, [cand.f]: 11, [cand.g]: 10, [cand.h]: 9, [cand.i]: 2 },
    });
    const published = await post(`/api/elections/${e}/results/publish`, committee);
    expect(published.status, published.text).toBe(201);
    const snapshot = async () => ({
      results: (await get(`/api/elections/${e}/results`, resident)).text,
      certificate: (await get(`/api/elections/${e}/certificates/${cand.e}`, resident)).text,
      notice: (await get(`/api/notices/${published.body.id}`, resident)).text,
    });
    const before = await snapshot();
    expect(JSON.parse(before.results).anchor).toEqual({ seq: published.body.auditHead.seq, code: published.body.auditHead.hash.slice(0, 10) });

    const locked = (res: Awaited<ReturnType<typeof post>>) => {
      expect(res.status, res.text).toBe(409);
      expect(res.body.code).toBe('ELECTION_LOCKED');
      expect(res.body.detail).toMatch(/^选举结果已于2027年6月20日10:00公布/);
    };
    locked(await post(`/api/elections/${e}/ballots`, w.clerk.token, { residentId: w.voters[18] }));
    locked(await post(`/api/elections/${e}/tally`, w.counters[0]!.token, { ballotsCast: 16, invalidBallots: 1, votes: {} }));
    locked(await post(`/api/elections/${e}/rounds`, committee, { kind: 'further', seat: 'members' }));
    locked(await server.request('PUT', `/api/elections/${e}`, { token: committee, body: { seats: { director: 1, deputyDirector: 1, members: 4 } } }));
    locked(await server.request('PUT', `/api/elections/${e}`, { token: committee, body: { electionDay: '2027-06-27' } }));
    locked(await post(`/api/elections/${e}/voters`, committee, { residentId: await stage.person('新来的') }));
    // Registering every resident of age, which once turned a valid election invalid, is refused too.
    locked(await post(`/api/elections/${e}/voters`, committee, { all: true }));
    locked(await post(`/api/elections/${e}/write-ins/${cand.a}/match`, committee, { notEligible: true }));
    // Every other write route of the election, whatever it is sent: never a 5xx, and nothing moves.
    for (const route of await loadAllRoutes()) {
      if (route.method === 'get' || !route.path.startsWith('/api/elections/:id')) continue;
      const path = route.path.replace(':id', e).replace(/:[a-zA-Z]+/g, route.path.includes('voters') ? w.voters[0]! : cand.a);
      const res = await server.request(route.method.toUpperCase() as 'POST', path, { token: committee, body: {} });
      expect(res.status, `${route.method} ${route.path}: ${res.text}`).toBeLessThan(500);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('links printed on paper', () => {
  it('point at the configured public address, not at the address the request reached', async () => {
    const own = await startTestServer({ settings: { PUBLIC_URL: 'https://bazhu.example.cn/' } });
    try {
      const s = await electionDayStage(own, DAY);
      const e = await s.election();
      const voter = await s.voter(e, '印证人');
      const card = await own.request('GET', `/api/elections/${e}/voter-cards/${voter}`, { token: s.committee });
      expect(card.status, card.text).toBe(200);
      expect(card.body.deskUrl).toBe(`https://bazhu.example.cn/#/election-day/desk/index?e=${e}&r=${voter}`);
      expect(own.url.startsWith('http://127.0.0.1:')).toBe(true);
    } finally {
      await own.close();
    }
  });
});
