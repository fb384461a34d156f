import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, electionBallots, electionTallies } from '../../db/schema/index.js';
import { voterCards } from '../../functions/election-day/ballots.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, register, verbCtx } from './helpers.js';

/**
 * The election-day rules one by one: each refusal's words, each field of a reply, what is
 * stored and what goes on the audit chain (election-day.test.ts walks the day as a whole).
 */
const DAY = '2027-05-16';
const TEN = `${DAY}T02:00:00Z`; // 10:00 China time on election day
let server: TestServer;
let stage: Awaited<ReturnType<typeof electionDayStage>>;
let committee: string;
let resident: string;
/** The group everyone the stage makes lives in. */
let groupName: string;

beforeAll(async () => {
  server = await startTestServer();
  stage = await electionDayStage(server, DAY);
  committee = stage.committee;
  resident = await server.login('resident1', 'Resident#2026');
  const groups = (await get('/api/groups', committee)).body.items as { id: string; name: string }[];
  groupName = groups.find((g) => g.id === stage.groupId)!.name;
});
afterAll(() => server.close());

const post = (path: string, token: string, body: unknown = {}) => server.request('POST', path, { token, body });
const get = (path: string, token: string) => server.request('GET', path, { token });

/** The candidate list's last lawful day (5 days before election day, CANDIDATES_TOO_LATE after it), 10:00 China time. */
const LIST_DAY = '2027-05-11T02:00:00Z';
/** Publishes the candidate list on its last lawful day, then the clock is back on election day. */
const publishCandidates = (e: string) => at(LIST_DAY, () => post(`/api/elections/${e}/candidates/publish`, committee));

/** Runs `fn` at another instant, then puts the clock back at 10:00 on election day. */
async function at<T>(instant: string, fn: () => Promise<T>): Promise<T> {
  server.setNow(new Date(instant));
  try {
    return await fn();
  } finally {
    server.setNow(new Date(TEN));
  }
}

/** The audit entries of one action in an election, oldest first, with their payloads. */
const auditOf = (electionId: string, action: string) =>
  server.db
    .select({ subject: auditLog.subject, payload: auditLog.payload })
    .from(auditLog)
    .where(and(eq(auditLog.electionId, electionId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.seq));

/**
 * An election ready to count: one director and four members to elect, two director and five
 * member candidates from ten voters, eight ballots out, two counters and a monitor.
 */
async function readyToCount({ publish = true } = {}) {
  const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 });
  const counters = [await stage.personWithAccount('计票甲'), await stage.personWithAccount('计票乙')];
  const monitor = await stage.personWithAccount('监票丙');
  const clerk = await stage.personWithAccount('发票丁');
  for (const c of counters) await stage.appoint(e, c.residentId, 'counter');
  await stage.appoint(e, monitor.residentId, 'monitor');
  await stage.appoint(e, clerk.residentId, 'clerk');
  const voters: string[] = [];
  // The last two are the voters a count writes in (另选他人): on the list, no ballot handed out.
  // 选民3, a member candidate, is a woman: the rulebook wants a woman on the list (womanMember).
  for (let i = 0; i < 10; i++) voters.push(await stage.voter(e, ['张三', '王五'][i - 8] ?? `选民${i}`, i === 3 ? 'female' : 'male'));
  const dir = [await stage.addCandidate(e, voters[0]!, 'director'), await stage.addCandidate(e, voters[1]!, 'director')];
  const mem: string[] = [];
  for (let i = 2; i < 7; i++) mem.push(await stage.addCandidate(e, voters[i]!, 'members'));
  if (publish) {
    expect((await publishCandidates(e)).status).toBe(201);
    await stage.openDesk(e);
    for (const v of voters.slice(0, 8)) expect((await post(`/api/elections/${e}/ballots`, clerk.token, { residentId: v })).status).toBe(201);
  }
  const votes = (d: [number, number], m: [number, number, number, number, number]) => ({
    [dir[0]!]: d[0],
    [dir[1]!]: d[1],
    [mem[0]!]: m[0],
    [mem[1]!]: m[1],
    [mem[2]!]: m[2],
    [mem[3]!]: m[3],
    [mem[4]!]: m[4],
  });
  const tally = (token: string, body: Record<string, unknown>) => post(`/api/elections/${e}/tally`, token, body);
  /** The committee matches each write-in of the open round to the voter of that name (张三, 王五), or records nobody eligible. */
  const matchWriteIns = async () => {
    const board = (await get(`/api/elections/${e}/results`, committee)).body;
    const byName: Record<string, string> = { 张三: voters[8]!, 王五: voters[9]! };
    for (const w of board.rounds.at(-1).writeIns as { id: string; name: string }[]) {
      const body = byName[w.name] ? { residentId: byName[w.name] } : { notEligible: true };
      const res = await post(`/api/elections/${e}/write-ins/${w.id}/match`, committee, body);
      expect(res.status, res.text).toBe(200);
    }
  };
  /** Both counters enter the same count, and the committee matches its write-ins: it is final. */
  const agree = async (body: Record<string, unknown>) => {
    expect((await tally(counters[0]!.token, body)).status).toBe(201);
    const second = await tally(counters[1]!.token, body);
    expect(second.body.status, second.text).toBe((body.writeIns as unknown[] | undefined)?.length ? 'matching' : 'final');
    await matchWriteIns();
    expect((await get(`/api/elections/${e}/results`, committee)).body.status).toBe('final');
  };
  return { e, counters, monitor, clerk, voters, dir, mem, votes, tally, agree, matchWriteIns };
}

/**
 * 8 cast, 1 invalid: director 选民0 elected with 6; members 选民2 (7) and 选民3 (5) elected, two
 * seats to a runoff among 选民4 (4), 选民5 (3) and the write-in 张三 (2); 选民6 has none.
 */
/** An 等额 list (as many candidates as seats): a departure from the law's 差额, with its basis (the stage gives one). */
const EQUAL = { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } };

const usual = (n: Awaited<ReturnType<typeof readyToCount>>) => ({
  ballotsCast: 8,
  invalidBallots: 1,
  votes: n.votes([6, 1], [7, 5, 4, 3, 0]),
  writeIns: [{ name: '张三', seat: 'members', votes: 2 }],
});

describe('the count, entry by entry', () => {
  let open: Awaited<ReturnType<typeof readyToCount>>;
  beforeAll(async () => {
    open = await readyToCount();
  });

  it('is entered from election day on: refused the day before in words naming the day, taken the day after', async () => {
    const n = await readyToCount();
    expectProblem(
      await at('2027-05-15T15:59:00Z', () => n.tally(n.counters[0]!.token, usual(n))),
      409,
      'NOT_ELECTION_DAY',
      `计票在选举日（${DAY}）投票结束后进行。`,
    );
    const late = await at('2027-05-17T03:00:00Z', () => n.tally(n.counters[0]!.token, usual(n)));
    expect(late.status, late.text).toBe(201);
  });

  it('waits for the published list, in words saying so', async () => {
    const n = await readyToCount({ publish: false });
    expectProblem(
      await n.tally(n.counters[0]!.token, { ballotsCast: 0, invalidBallots: 0, votes: n.votes([0, 0], [0, 0, 0, 0, 0]) }),
      409,
      'CONFLICT',
      '候选人名单还没有公布，不能计票。',
    );
  });

  it('is refused to the election’s monitor', async () => {
    expectProblem(await open.tally(open.monitor.token, usual(open)), 403, 'FORBIDDEN');
  });

  it('answers the entry as stored, write-ins merged by name and seat, and writes it on the audit chain', async () => {
    const n = await readyToCount();
    const body = {
      ...usual(n),
      writeIns: [
        { name: '张 三', seat: 'members', votes: 1 },
        { name: '张三', seat: 'members', votes: 1 },
        { name: '李四', seat: 'members', votes: 0 },
      ],
    };
    const res = await n.tally(n.counters[0]!.token, body);
    expect(res.status, res.text).toBe(201);
    const expected = { ballotsCast: 8, invalidBallots: 1, votes: usual(n).votes, writeIns: [{ name: '张三', seat: 'members', votes: 2 }] };
    expect(res.body).toEqual({ id: expect.any(String), round: 1, status: 'counting', ...expected, at: new Date(TEN).toISOString() });
    const [row] = await server.db.select().from(electionTallies).where(eq(electionTallies.id, res.body.id));
    expect(row).toMatchObject({ ...expected, counterResidentId: n.counters[0]!.residentId, electionId: n.e });
    const entries = await auditOf(n.e, 'tally.entered');
    expect(entries).toEqual([{ subject: `election:${n.e}`, payload: { tallyId: res.body.id, round: 1, ...expected } }]);
  });

  it('agrees whatever order the numbers and write-ins were typed in, and drops write-ins with no votes', async () => {
    const n = await readyToCount();
    const one = {
      ...usual(n),
      writeIns: [
        { name: '李四', seat: 'members', votes: 1 },
        { name: '张三', seat: 'members', votes: 1 },
      ],
    };
    const reversed = Object.fromEntries(Object.entries(one.votes).reverse());
    const two = {
      ...one,
      votes: reversed,
      writeIns: [
        { name: '王五', seat: 'members', votes: 0 },
        { name: '张三', seat: 'members', votes: 1 },
        { name: '李四', seat: 'members', votes: 1 },
      ],
    };
    expect((await n.tally(n.counters[0]!.token, one)).body.status).toBe('counting');
    const res = await n.tally(n.counters[1]!.token, two);
    expect(res.status, res.text).toBe(201);
    // Agreed, and waiting for the committee to match the two names written in.
    expect(res.body.status).toBe('matching');
  });

  it('keeps the same name in two seats apart: the entries then differ', async () => {
    const n = await readyToCount();
    const votes = n.votes([5, 1], [7, 5, 4, 3, 0]);
    const one = { ...usual(n), votes, writeIns: [{ name: '张三', seat: 'members', votes: 1 }] };
    const two = { ...usual(n), votes, writeIns: [{ name: '张三', seat: 'director', votes: 1 }] };
    expect((await n.tally(n.counters[0]!.token, one)).status).toBe(201);
    expectProblem(
      await n.tally(n.counters[1]!.token, two),
      409,
      'TALLY_MISMATCH',
      '您录入的计票结果与另一位计票员的不一致，已记录并交选举委员会核对。请一起重新清点后再录入。',
    );
  });

  it('is not final when one counter enters the same count twice', async () => {
    const n = await readyToCount();
    expect((await n.tally(n.counters[0]!.token, usual(n))).body.status).toBe('counting');
    const again = await n.tally(n.counters[0]!.token, usual(n));
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('counting');
    expect((await get(`/api/elections/${n.e}/results`, committee)).body.status).toBe('counting');
  });

  it('names the candidates left out, and the numbers for someone who is not a candidate', async () => {
    const stranger = randomUUID();
    const { [open.mem[0]!]: _, ...withoutFirstMember } = usual(open).votes;
    const res = await open.tally(open.counters[0]!.token, { ...usual(open), votes: { ...withoutFirstMember, [stranger]: 1 } });
    expectProblem(res, 400, 'VALIDATION_FAILED', '请填写每位候选人的得票数（缺：选民2）。');
    expect(res.body.errors).toEqual([
      { path: `body.votes.${open.mem[0]}`, message: '请填写选民2的得票数' },
      { path: `body.votes.${stranger}`, message: '不是本次选举的候选人' },
    ]);
    const unknown = await open.tally(open.counters[0]!.token, { ...usual(open), votes: { ...usual(open).votes, [stranger]: 1 } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED', '票数里有不是本次选举候选人的编号。');
    expect(unknown.body.errors).toEqual([{ path: `body.votes.${stranger}`, message: '不是本次选举的候选人' }]);
  });

  it('refuses a write-in for a seat the election does not have', async () => {
    const res = await open.tally(open.counters[0]!.token, { ...usual(open), writeIns: [{ name: '王五', seat: 'deputyDirector', votes: 1 }] });
    expectProblem(res, 400, 'VALIDATION_FAILED', '本次选举不设副主任。');
    expect(res.body.errors).toEqual([{ path: 'body.writeIns', message: '本次选举没有这个职位' }]);
  });

  it.each([
    ['more invalid ballots than cast', { ballotsCast: 8, invalidBallots: 9 }, [0, 0], [0, 0, 0, 0, 0], [], '废票9张，多于收回的8张'],
    ['a seat above valid ballots × its seats', { ballotsCast: 8, invalidBallots: 1 }, [0, 0], [7, 7, 7, 7, 1], [], '委员栏共29票，超过有效票7张×应选4名=28票'],
    [
      'one member above the valid ballots, the seat’s total within',
      { ballotsCast: 8, invalidBallots: 1 },
      [0, 0],
      [8, 0, 0, 0, 0],
      [],
      '选民2得8票，多于有效票7张',
    ],
    [
      'a write-in above the valid ballots',
      { ballotsCast: 8, invalidBallots: 1 },
      [0, 0],
      [0, 0, 0, 0, 0],
      [{ name: '张三', seat: 'members', votes: 8 }],
      '另选张三得8票，多于有效票7张',
    ],
  ] as const)('refuses %s, in words the counter can check (TALLY_IMPLAUSIBLE)', async (_, counts, d, m, writeIns, reason) => {
    expectProblem(
      await open.tally(open.counters[0]!.token, { ...counts, votes: open.votes([...d], [...m]), writeIns }),
      422,
      'TALLY_IMPLAUSIBLE',
      `计票数字不合理：${reason}。请核对后重新录入。`,
    );
  });

  it('accepts every ballot cast being invalid, and a write-in with every valid ballot', async () => {
    const n = await readyToCount();
    const allInvalid = await n.tally(n.counters[0]!.token, { ballotsCast: 8, invalidBallots: 8, votes: n.votes([0, 0], [0, 0, 0, 0, 0]) });
    expect(allInvalid.status, allInvalid.text).toBe(201);
    // The same counter corrects the entry: the latest stands.
    const writeIn = await n.tally(n.counters[0]!.token, {
      ballotsCast: 8,
      invalidBallots: 1,
      votes: n.votes([0, 0], [0, 0, 0, 0, 0]),
      writeIns: [{ name: '张三', seat: 'members', votes: 7 }],
    });
    expect(writeIn.status, writeIn.text).toBe(201);
  });
});

describe('the results', () => {
  it('shows no figures before the count is final, and each entry to the election’s officials only', async () => {
    const n = await readyToCount();
    expect((await n.tally(n.counters[0]!.token, usual(n))).status).toBe(201);
    const board = await get(`/api/elections/${n.e}/results`, n.monitor.token);
    expect(board.body).toMatchObject({
      status: 'counting',
      registered: 10,
      ballotsIssued: 8,
      ballotsCast: null,
      invalidBallots: null,
      valid: null,
      published: null,
    });
    expect(board.body.seats).toEqual({
      director: { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 },
      members: { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 },
    });
    expect(board.body.entries).toEqual([expect.objectContaining({ counterResidentId: n.counters[0]!.residentId, counterName: '计票甲', ballotsCast: 8 })]);
    expect(board.body.candidates).toHaveLength(7);
    expect(board.body.candidates[0]).toEqual({ id: n.dir[0], name: '选民0', seat: 'director', groupName });
    expect((await get(`/api/elections/${n.e}/results`, resident)).body.entries).toBeUndefined();
  });

  it('refuses to publish a count not yet agreed, saying why', async () => {
    const n = await readyToCount();
    expectProblem(
      await post(`/api/elections/${n.e}/results/publish`, committee),
      409,
      'CONFLICT',
      '第1轮计票还没有确认（需要两位计票员录入一致），暂不能公布。',
    );
    expect((await n.tally(n.counters[0]!.token, usual(n))).status).toBe(201);
    expectProblem(await n.tally(n.counters[1]!.token, { ...usual(n), invalidBallots: 0 }), 409, 'TALLY_MISMATCH');
    expectProblem(await post(`/api/elections/${n.e}/results/publish`, committee), 409, 'CONFLICT', '第1轮两位计票员的结果不一致，核对一致后才能公布。');
  });

  it('publishes a notice that states the count, the elected, and the runoff', async () => {
    const n = await readyToCount();
    await n.agree(usual(n));
    const board = (await get(`/api/elections/${n.e}/results`, resident)).body;
    expect(board.seats.members).toMatchObject({ tie: [], tieSeats: 0, runoffSeats: 2 });
    expect(board.seats.members.runoff).toEqual([
      { candidateId: n.mem[2], name: '选民4', votes: 4 },
      { candidateId: n.mem[3], name: '选民5', votes: 3 },
      { candidateId: expect.any(String), name: '张三', votes: 2 },
    ]);
    const res = await post(`/api/elections/${n.e}/results/publish`, committee);
    expect(res.status, res.text).toBe(201);
    expect(res.body.title).toMatch(/^第\d+届居委会选举结果公告$/);
    expect(res.body.body).toBe(
      [
        '应到选民10人，发出选票8张，收回8张，其中废票1张。',
        '参加投票的选民超过半数，选举有效。',
        '主任：选民0（6票）',
        '委员：选民2（7票）、选民3（5票）；另行选举2名，候选人：选民4、选民5、张三',
      ].join('\n'),
    );
    expect(res.body.onTime).toBe(true);
    expectProblem(await post(`/api/elections/${n.e}/results/publish`, committee), 409, 'CONFLICT', '选举结果已经公布过了。');
    const [entry] = await auditOf(n.e, 'results.published');
    expect(entry!.payload).toMatchObject({ noticeId: res.body.id, snapshot: { body: { status: 'final', ballotsCast: 8, invalidBallots: 1, valid: true } } });
  });

  it('announces a tie at the last seats and nobody elected there, and is late when published the next day', async () => {
    const n = await readyToCount();
    await n.agree({ ballotsCast: 8, invalidBallots: 0, votes: n.votes([5, 3], [5, 5, 5, 5, 5]) });
    const board = (await get(`/api/elections/${n.e}/results`, resident)).body;
    expect(board.seats.members).toMatchObject({ elected: [], tieSeats: 4, runoff: [], runoffSeats: 0 });
    expect(board.seats.members.tie).toHaveLength(5);
    const res = await at('2027-05-16T16:00:00Z', () => post(`/api/elections/${n.e}/results/publish`, committee));
    expect(res.status, res.text).toBe(201);
    expect(res.body.onTime).toBe(false);
    const lines = res.body.body.split('\n');
    expect(lines[2]).toBe('主任：选民0（5票）');
    expect(lines[3]).toBe('委员：无人当选；票数相等需再次投票：选民2、选民3、选民4、选民5、选民6（4名）');
  });

  it('publishes on time until midnight of election day, and takes no entry after the count is final', async () => {
    const n = await readyToCount();
    await n.agree(usual(n));
    const res = await at('2027-05-16T15:59:00Z', () => post(`/api/elections/${n.e}/results/publish`, committee));
    expect(res.body.onTime).toBe(true);
    expectProblem(
      await n.tally(n.counters[0]!.token, usual(n)),
      409,
      'ELECTION_LOCKED',
      '选举结果已于2027年5月16日23:59公布，计票和选票都已固定，不能再改动。',
    );
  });

  it('elects a write-in matched to a voter with a majority, who gets a certificate like any candidate', async () => {
    const n = await readyToCount();
    await n.agree({
      ballotsCast: 8,
      invalidBallots: 0,
      votes: n.votes([6, 1], [6, 6, 6, 0, 0]),
      writeIns: [{ name: '王五', seat: 'members', votes: 5 }],
    });
    const board = (await get(`/api/elections/${n.e}/results`, resident)).body;
    expect(board.seats.members.elected.map((c: { name: string }) => c.name)).toEqual(['选民2', '选民3', '选民4', '王五']);
    const writeInId = board.rounds[0].writeIns[0].id;
    expect(board.seats.members.elected[3]).toEqual({ candidateId: writeInId, name: '王五', votes: 5 });
    expect(board.seats.members.runoffSeats).toBe(0);
    expect((await post(`/api/elections/${n.e}/results/publish`, committee)).status).toBe(201);
    const cert = await get(`/api/elections/${n.e}/certificates/${writeInId}`, resident);
    expect(cert.status, cert.text).toBe(200);
    expect(cert.body).toMatchObject({ name: '王五', seat: 'members', seatName: '委员', votes: 5, round: 1 });
  });

  it('counts a write-in only in the seat it was written for', async () => {
    const n = await readyToCount();
    // 王五 written in for director only: the members' seat does not see those votes.
    await n.agree({
      ballotsCast: 8,
      invalidBallots: 0,
      votes: n.votes([1, 1], [6, 6, 6, 6, 0]),
      writeIns: [{ name: '王五', seat: 'director', votes: 6 }],
    });
    const board = (await get(`/api/elections/${n.e}/results`, resident)).body;
    expect(board.seats.director.elected).toEqual([expect.objectContaining({ name: '王五', candidateId: board.rounds[0].writeIns[0].id, votes: 6 })]);
    expect(board.seats.members.elected.map((c: { name: string }) => c.name)).toEqual(['选民2', '选民3', '选民4', '选民5']);
    expect(JSON.stringify(board.seats.members)).not.toContain('王五');
  });

  it('certifies the elected in words naming the community, the date and the seat, under the published head', async () => {
    const n = await readyToCount();
    await n.agree(usual(n));
    const community = (await get('/api/community', committee)).body as { name: string };
    // No certificate before the results are published: it is read from the published record.
    expectProblem(await get(`/api/elections/${n.e}/certificates/${n.mem[0]}`, resident), 404, 'NOT_FOUND');
    const published = await post(`/api/elections/${n.e}/results/publish`, committee);
    const before = await get(`/api/elections/${n.e}/certificates/${n.mem[0]}`, resident);
    expect(before.status, before.text).toBe(200);
    // Something else goes on the chain after publishing: the certificate keeps the published head.
    await stage.election();
    const cert = await get(`/api/elections/${n.e}/certificates/${n.mem[0]}`, resident);
    expect(cert.body).toEqual(before.body);
    expect(cert.body.anchor).toEqual({ seq: published.body.auditHead.seq, code: published.body.auditHead.hash.slice(0, 10) });
    expect(cert.body).toMatchObject({
      candidateId: n.mem[0],
      name: '选民2',
      seat: 'members',
      seatName: '委员',
      votes: 7,
      ballotsCast: 8,
      electionId: n.e,
      electionTitle: expect.stringMatching(/^第\d+届居委会选举$/),
      communityName: community.name,
      resultsPublishedAt: new Date(TEN).toISOString(),
      auditHead: published.body.auditHead,
    });
    expect(cert.body.text).toBe(`选民2同志在2027年5月16日举行的${community.name}${cert.body.electionTitle}中，当选为${community.name}居民委员会委员。`);
    expect(cert.body.certificateNo).toBe(before.body.certificateNo);
    const director = await get(`/api/elections/${n.e}/certificates/${n.dir[0]}`, resident);
    expect(director.body).toMatchObject({ seatName: '主任', votes: 6 });
    expect(director.body.certificateNo).not.toBe(cert.body.certificateNo);
    // Not elected (in the runoff): no certificate.
    expectProblem(await get(`/api/elections/${n.e}/certificates/${n.mem[2]}`, resident), 404, 'NOT_FOUND');
  });

  it('certifies nobody while the count is not final', async () => {
    const n = await readyToCount();
    expect((await n.tally(n.counters[0]!.token, usual(n))).status).toBe(201);
    expectProblem(await get(`/api/elections/${n.e}/certificates/${n.mem[0]}`, resident), 404, 'NOT_FOUND');
  });
});

describe('the ballot desk, rule by rule', () => {
  let e: string;
  let clerk: { token: string; residentId: string; name: string };
  let counter: { token: string; residentId: string; name: string };
  beforeAll(async () => {
    e = await stage.election();
    clerk = await stage.personWithAccount('发票员戊');
    counter = await stage.personWithAccount('计票员己');
    await stage.appoint(e, clerk.residentId, 'clerk');
    await stage.appoint(e, counter.residentId, 'counter');
    // The voter list is complete before the desk opens: from the first ballot it is fixed.
    for (const name of [
      '晚到者',
      '自托者',
      '有人',
      '名单内',
      '托付人',
      '代领甲',
      '缺席乙',
      '缺席丙',
      '正受托',
      '非受托',
      '缺席丁',
      '缺席戊',
      '受托己',
      '缺席庚',
      '受托辛',
      '缺席壬',
      '受托癸',
      '寻人缺席',
      '寻人受托',
      '寻人未领',
      '别人的证',
    ])
      voters.set(name, await stage.voter(e, name));
    self = await stage.personWithAccount('自己看证');
    await stage.registerVoter(e, self.residentId);
    await stage.openDesk(e);
  });
  const voters = new Map<string, string>();
  const voterNamed = (name: string) => voters.get(name)!;
  let self: { token: string; residentId: string; name: string };
  const issue = (token: string, residentId: string, onBehalfOfResidentId?: string) =>
    post(`/api/elections/${e}/ballots`, token, { residentId, onBehalfOfResidentId });

  it('refuses the day after election day too, in words naming the day', async () => {
    const v = voterNamed('晚到者');
    expectProblem(await at('2027-05-16T16:00:00Z', () => issue(clerk.token, v)), 409, 'NOT_ELECTION_DAY', `选票只在选举日（${DAY}）当天发放。`);
  });

  it('refuses a voter entrusting themselves', async () => {
    const v = voterNamed('自托者');
    const res = await issue(clerk.token, v, v);
    expectProblem(res, 400, 'VALIDATION_FAILED', '委托人和受托人不能是同一人。');
    expect(res.body.errors).toEqual([{ path: 'body.onBehalfOfResidentId', message: '不能委托自己' }]);
  });

  it('finds no resident of another id, as holder or as the absent voter', async () => {
    const v = voterNamed('有人');
    expectProblem(await issue(clerk.token, randomUUID()), 404, 'NOT_FOUND');
    expectProblem(await issue(clerk.token, v, randomUUID()), 404, 'NOT_FOUND');
  });

  it('says who is not on the list and what they cannot do', async () => {
    const outsider = await stage.person('名单外');
    expectProblem(await issue(clerk.token, outsider), 422, 'NOT_A_VOTER', '名单外不在本次选举的选民名单上，不能领取选票。');
    expectProblem(await issue(clerk.token, voterNamed('名单内'), outsider), 422, 'NOT_A_VOTER', '名单外不在本次选举的选民名单上，没有选票可以代领。');
    expectProblem(await issue(clerk.token, outsider, voterNamed('托付人')), 422, 'NOT_A_VOTER', '名单外不在本次选举的选民名单上，不能领取选票。');
  });

  it('names both people when an entrustment is not approved', async () => {
    expectProblem(
      await issue(clerk.token, voterNamed('代领甲'), voterNamed('缺席乙')),
      422,
      'PROXY_NOT_APPROVED',
      '缺席乙没有经选举委员会批准委托代领甲投票，不能代领选票。',
    );
  });

  it('refuses an entrustment approved for another proxy, or in another election', async () => {
    const absent = voterNamed('缺席丙');
    const approved = voterNamed('正受托');
    const other = voterNamed('非受托');
    await stage.approvedProxy(e, absent, approved);
    expectProblem(await issue(clerk.token, other, absent), 422, 'PROXY_NOT_APPROVED');
    const absent2 = voterNamed('缺席丁');
    const elsewhere = await stage.election();
    await stage.approvedProxy(elsewhere, absent2, approved);
    expectProblem(await issue(clerk.token, approved, absent2), 422, 'PROXY_NOT_APPROVED');
  });

  it('answers the ballot with both names, the time and the turnout after it, stores it and puts it on the chain', async () => {
    const absent = voterNamed('缺席戊');
    const proxy = voterNamed('受托己');
    await stage.approvedProxy(e, absent, proxy);
    const res = await issue(clerk.token, proxy, absent);
    expect(res.status, res.text).toBe(201);
    const turnout = (await get(`/api/elections/${e}/turnout`, resident)).body;
    expect(res.body).toEqual({
      id: expect.any(String),
      round: 1,
      voterResidentId: absent,
      voterName: '缺席戊',
      handedToResidentId: proxy,
      handedToName: '受托己',
      byProxy: true,
      issuedAt: new Date(TEN).toISOString(),
      turnout,
    });
    const [row] = await server.db.select().from(electionBallots).where(eq(electionBallots.id, res.body.id));
    expect(row!.proxyApplicationId).toEqual(expect.any(String));
    const entries = await auditOf(e, 'ballot.issued');
    expect(entries.find((x) => x.subject === `resident:${absent}`)!.payload).toEqual({
      ballotId: res.body.id,
      round: 1,
      voterResidentId: absent,
      handedToResidentId: proxy,
      proxyApplicationId: row!.proxyApplicationId,
    });
    const own = await issue(clerk.token, proxy);
    expect(own.body).toMatchObject({ voterName: '受托己', handedToName: '受托己', byProxy: false });
    const [ownRow] = await server.db.select().from(electionBallots).where(eq(electionBallots.id, own.body.id));
    expect(ownRow!.proxyApplicationId).toBeNull();
  });

  it('says when and to whom the ballot went out when it is asked for again', async () => {
    const absent = voterNamed('缺席庚');
    const proxy = voterNamed('受托辛');
    await stage.approvedProxy(e, absent, proxy);
    await at('2027-05-16T01:05:00Z', () => issue(clerk.token, proxy, absent));
    await at('2027-05-16T01:07:00Z', () => issue(clerk.token, proxy));
    expectProblem(await issue(clerk.token, absent), 409, 'ALREADY_ISSUED', '缺席庚的选票已于09:05由受托人受托辛代领，不能再发。');
    expectProblem(await issue(clerk.token, proxy), 409, 'ALREADY_ISSUED', '受托辛的选票已于09:07本人领取，不能再发。');
  });

  it('shows at the desk whom a voter entrusted and who took their ballot, and whether it is election day', async () => {
    const absent = voterNamed('缺席壬');
    const proxy = voterNamed('受托癸');
    await stage.approvedProxy(e, absent, proxy);
    const before = await get(`/api/elections/${e}/desk/${absent}`, counter.token);
    expect(before.body).toMatchObject({
      electionId: e,
      electionDay: DAY,
      isElectionDay: true,
      voter: { residentId: absent, name: '缺席壬', groupName, registered: true },
      ballot: null,
      entrustedTo: { residentId: proxy, name: '受托癸' },
      entrustments: [],
    });
    expect((await issue(clerk.token, proxy, absent)).status).toBe(201);
    const after = await get(`/api/elections/${e}/desk/${absent}`, counter.token);
    expect(after.body.ballot).toEqual({ issuedAt: new Date(TEN).toISOString(), handedToResidentId: proxy, handedToName: '受托癸', byProxy: true });
    const holder = await get(`/api/elections/${e}/desk/${proxy}`, clerk.token);
    expect(holder.body.entrustedTo).toBeNull();
    expect(holder.body.ballot).toBeNull();
    expect(holder.body.entrustments).toEqual([
      {
        applicantResidentId: absent,
        name: '缺席壬',
        groupName,
        registered: true,
        ballot: { issuedAt: new Date(TEN).toISOString(), handedToResidentId: proxy, handedToName: '受托癸', byProxy: true },
      },
    ]);
    expect(holder.body.turnout).toEqual((await get(`/api/elections/${e}/turnout`, resident)).body);
    const dayBefore = await at('2027-05-15T15:59:00Z', () => get(`/api/elections/${e}/desk/${absent}`, clerk.token));
    expect(dayBefore.body.isElectionDay).toBe(false);
  });

  it('shows at the desk that someone is not on the list', async () => {
    const outsider = await stage.person('不在名单');
    const record = await get(`/api/elections/${e}/desk/${outsider}`, clerk.token);
    expect(record.body.voter).toMatchObject({ residentId: outsider, registered: false });
    expectProblem(await get(`/api/elections/${e}/desk/${randomUUID()}`, clerk.token), 404, 'NOT_FOUND');
  });

  it('finds voters at the desk with whether their ballot went out and how', async () => {
    const absent = voterNamed('寻人缺席');
    const proxy = voterNamed('寻人受托');
    const waiting = voterNamed('寻人未领');
    await stage.approvedProxy(e, absent, proxy);
    await issue(clerk.token, proxy, absent);
    await issue(clerk.token, proxy);
    const found = await get(`/api/elections/${e}/desk?q=${encodeURIComponent('寻人')}&limit=10`, counter.token);
    const byId = Object.fromEntries(found.body.items.map((x: { residentId: string }) => [x.residentId, x]));
    expect(byId[absent]).toMatchObject({ name: '寻人缺席', groupName, issued: true, byProxy: true });
    expect(byId[proxy]).toMatchObject({ name: '寻人受托', issued: true, byProxy: false });
    expect(byId[waiting]).toMatchObject({ name: '寻人未领', issued: false, byProxy: false });
    expect(found.body.items).toHaveLength(3);
  });

  it('lists every voter at the desk without a name, and only the group asked for', async () => {
    const e2 = await stage.election();
    const a = await stage.voter(e2, '无名甲');
    const b = await stage.voter(e2, '无名乙');
    const all = await get(`/api/elections/${e2}/desk`, committee);
    expect(all.body.items.map((x: { residentId: string }) => x.residentId).sort()).toEqual([a, b].sort());
    const mine = await get(`/api/elections/${e2}/desk?groupId=${stage.groupId}`, committee);
    expect(mine.body.items).toHaveLength(2);
    const groups = (await get('/api/groups', committee)).body.items as { id: string }[];
    const other = groups.find((g) => g.id !== stage.groupId)!;
    expect((await get(`/api/elections/${e2}/desk?groupId=${other.id}`, committee)).body.items).toEqual([]);
  });

  it('shows a voter their own card, an official anyone’s, and nobody a card of someone off the list', async () => {
    const own = await get(`/api/elections/${e}/voter-cards/${self.residentId}`, self.token);
    expect(own.status, own.text).toBe(200);
    expect(own.body).toMatchObject({ electionId: e, electionDay: DAY, residentId: self.residentId, name: '自己看证', groupName });
    expect(own.body.electionTitle).toMatch(/^第\d+届居委会选举$/);
    const other = voterNamed('别人的证');
    expect((await get(`/api/elections/${e}/voter-cards/${other}`, counter.token)).status).toBe(200);
    expectProblem(await get(`/api/elections/${e}/voter-cards/${other}`, self.token), 404, 'NOT_FOUND');
    expectProblem(await get(`/api/elections/${e}/voter-cards/${await stage.person('名单外人')}`, committee), 404, 'NOT_FOUND');
    expectProblem(await get(`/api/elections/${e}/voter-cards/${randomUUID()}`, committee), 404, 'NOT_FOUND');
  });

  it('prints the cards of the list for the committee only, one group at a time if asked', async () => {
    const e2 = await stage.election();
    const v = await stage.voter(e2, '印证甲');
    expectProblem(await get(`/api/elections/${e}/voter-cards`, clerk.token), 403, 'FORBIDDEN');
    const cards = await get(`/api/elections/${e2}/voter-cards?groupId=${stage.groupId}`, committee);
    expect(cards.body).toMatchObject({ items: [{ residentId: v, name: '印证甲', groupName, electionId: e2 }], nextCursor: null });
    expect(cards.body.items[0].deskUrl).toContain(`/#/election-day/desk/index?e=${e2}&r=${v}`);
    const groups = (await get('/api/groups', committee)).body.items as { id: string }[];
    const other = groups.find((g) => g.id !== stage.groupId)!;
    expect((await get(`/api/elections/${e2}/voter-cards?groupId=${other.id}`, committee)).body.items).toEqual([]);
  });
});

describe('the candidate list, rule by rule', () => {
  it('answers the candidate added and puts them on the chain', async () => {
    const e = await stage.election();
    const id = await stage.voter(e, '新候选');
    const res = await post(`/api/elections/${e}/candidates`, committee, { residentId: id, seat: 'deputyDirector' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), residentId: id, name: '新候选', groupName, seat: 'deputyDirector' });
    expect(await auditOf(e, 'candidate.added')).toEqual([
      { subject: `resident:${id}`, payload: { candidateId: res.body.id, residentId: id, name: '新候选', seat: 'deputyDirector' } },
    ]);
    expect((await server.request('DELETE', `/api/elections/${e}/candidates/${res.body.id}`, { token: committee })).status).toBe(204);
    expect(await auditOf(e, 'candidate.removed')).toEqual([
      { subject: `resident:${id}`, payload: { candidateId: res.body.id, residentId: id, seat: 'deputyDirector' } },
    ]);
  });

  it('says why a candidate is refused', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 });
    const noSeat = await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.voter(e, '某甲'), seat: 'deputyDirector' });
    expectProblem(noSeat, 400, 'VALIDATION_FAILED', '本次选举不设副主任。');
    expect(noSeat.body.errors).toEqual([{ path: 'body.seat', message: '本次选举没有这个职位' }]);
    const notVoter = await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.person('某乙'), seat: 'members' });
    expect(notVoter.body.detail).toBe('某乙不在本次选举的选民名单上，只有登记的选民才能成为候选人。');
    const twice = await stage.voter(e, '某丙');
    await stage.addCandidate(e, twice, 'director');
    const again = await post(`/api/elections/${e}/candidates`, committee, { residentId: twice, seat: 'members' });
    expect(again.body.detail).toBe('某丙已经是本次选举的候选人了（每人只能竞选一个职位）。');
    const official = await stage.voter(e, '某丁');
    await stage.appoint(e, official, 'monitor');
    const asOfficial = await post(`/api/elections/${e}/candidates`, committee, { residentId: official, seat: 'members' });
    expect(asOfficial.body.detail).toBe('某丁已被任命为本次选举的工作人员，不能同时是候选人。');
    expectProblem(await post(`/api/elections/${e}/candidates`, committee, { residentId: randomUUID(), seat: 'members' }), 404, 'NOT_FOUND');
    expectProblem(await server.request('DELETE', `/api/elections/${e}/candidates/${randomUUID()}`, { token: committee }), 404, 'NOT_FOUND');
  });

  it('lists the seats in order, director first, each with its name, and shows the unpublished list to the election’s officials', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 1, members: 3 }, { candidateSurplus: { director: 0, deputyDirector: 0, members: 1 } });
    const m = await stage.addCandidate(e, await stage.voter(e, '丁委员'), 'members');
    const d2 = await stage.addCandidate(e, await stage.voter(e, '王副主任'), 'deputyDirector');
    const d1 = await stage.addCandidate(e, await stage.voter(e, '王主任'), 'director');
    const clerk = await stage.personWithAccount('看名单');
    await stage.appoint(e, clerk.residentId, 'clerk');
    const list = await get(`/api/elections/${e}/candidates`, clerk.token);
    expect(list.body.items.map((c: { id: string; seatName: string }) => [c.id, c.seatName])).toEqual([
      [d1, '主任'],
      [d2, '副主任'],
      [m, '委员'],
    ]);
    expect(list.body).toMatchObject({
      published: false,
      publishedAt: null,
      seats: { director: 1, deputyDirector: 1, members: 3 },
      candidateSurplus: { director: 0, deputyDirector: 0, members: 1 },
    });
    expect(list.body.items[0]).toMatchObject({ name: '王主任', groupName, sortOrder: 0, proxiesHeld: 0, proxyConflict: false });
    expect((await get(`/api/elections/${e}/candidates`, resident)).body).toEqual({
      items: [],
      published: false,
      publishedAt: null,
      seats: { director: 1, deputyDirector: 1, members: 3 },
    });
  });

  it('orders one seat only with each of its candidates once, answers the new order and puts it on the chain', async () => {
    const e = await stage.election();
    const a = await stage.addCandidate(e, await stage.voter(e, '丁一'), 'members');
    const b = await stage.addCandidate(e, await stage.voter(e, '王二'), 'members');
    const d = await stage.addCandidate(e, await stage.voter(e, '马三'), 'director');
    const order = (candidateIds: string[]) =>
      server.request('PUT', `/api/elections/${e}/candidates/order`, { token: committee, body: { seat: 'members', candidateIds } });
    for (const wrong of [
      [b, a, b],
      [b, d],
      [b, a, d],
    ]) {
      const res = await order(wrong);
      expectProblem(res, 400, 'VALIDATION_FAILED', '请按顺序列出这个职位的全部候选人，每人一次。');
      expect(res.body.errors).toEqual([{ path: 'body.candidateIds', message: '须包含该职位的全部候选人' }]);
    }
    const res = await order([b, a]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((c: { id: string; sortOrder: number }) => [c.id, c.sortOrder])).toEqual([
      [b, 1],
      [a, 2],
    ]);
    expect(await auditOf(e, 'candidate.ordered')).toEqual([{ subject: `election:${e}`, payload: { electionId: e, seat: 'members', candidateIds: [b, a] } }]);
  });

  it('puts the committee’s fixed order first and the rest after it by stroke order', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 1, members: 3 });
    const a = await stage.addCandidate(e, await stage.voter(e, '丁一'), 'members');
    const b = await stage.addCandidate(e, await stage.voter(e, '王二'), 'members');
    expect(
      (await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: committee, body: { seat: 'members', candidateIds: [b, a] } })).status,
    ).toBe(200);
    // Added after the order was fixed: no place of its own, so after the ordered ones although 丁 < 王.
    const c = await stage.addCandidate(e, await stage.voter(e, '丁三'), 'members');
    expect((await get(`/api/elections/${e}/candidates`, committee)).body.items.map((x: { id: string }) => x.id)).toEqual([b, a, c]);
  });

  it('publishes the list in a notice naming each seat’s candidates in ballot order and the day, then freezes its order', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
    await stage.addCandidate(e, await stage.voter(e, '王主'), 'director');
    for (const name of ['李委', '王委', '丁委', '马委'])
      await stage.addCandidate(e, await stage.voter(e, name, name === '马委' ? 'female' : 'male'), 'members');
    const res = await publishCandidates(e);
    expect(res.status, res.text).toBe(201);
    expect(res.body.title).toMatch(/^第\d+届居委会选举正式候选人名单$/);
    expect(res.body.body).toBe(`主任（应选1名）：王主\n委员（应选4名）：丁委、马委、王委、李委\n（按姓氏笔画排列）\n选举日：${DAY}`);
    // Published on the last lawful day (candidateNoticeDays before election day).
    expect(res.body.publishAt).toBe(new Date(LIST_DAY).toISOString());
    const list = await get(`/api/elections/${e}/candidates`, resident);
    expect(list.body).toMatchObject({ published: true, publishedAt: new Date(LIST_DAY).toISOString() });
    const [entry] = await auditOf(e, 'candidates.published');
    expect((entry!.payload as { snapshot: { name: string }[] }).snapshot.map((c) => c.name)).toEqual(['王主', '丁委', '马委', '王委', '李委']);
    expectProblem(await publishCandidates(e), 409, 'CONFLICT', '候选人名单已经公布过了。');
    const fixed = '候选人名单已于2027年5月11日10:00公布，应选名额、选举规则和候选人都已固定，不能再修改。';
    const add = await post(`/api/elections/${e}/candidates`, committee, { residentId: await stage.voter(e, '迟来'), seat: 'members' });
    expectProblem(add, 409, 'ELECTION_LOCKED', fixed);
    const ids = list.body.items.filter((c: { seat: string }) => c.seat === 'members').map((c: { id: string }) => c.id);
    expectProblem(
      await server.request('PUT', `/api/elections/${e}/candidates/order`, { token: committee, body: { seat: 'members', candidateIds: ids.reverse() } }),
      409,
      'ELECTION_LOCKED',
      fixed,
    );
  });

  it('names every seat short of candidates, and publishes a list with none for an absent seat', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, { candidateSurplus: { director: 1, deputyDirector: 2, members: 1 } });
    await stage.addCandidate(e, await stage.voter(e, '甲'), 'director');
    for (let i = 0; i < 4; i++) await stage.addCandidate(e, await stage.voter(e, `委${i}`, i === 0 ? 'female' : 'male'), 'members');
    expectProblem(await publishCandidates(e), 422, 'TOO_FEW_CANDIDATES', '候选人不够：主任需要至少2名候选人（现有1名）；委员需要至少5名候选人（现有4名）。');
    await stage.addCandidate(e, await stage.voter(e, '乙'), 'director');
    await stage.addCandidate(e, await stage.voter(e, '委4'), 'members');
    expect((await publishCandidates(e)).status).toBe(201);
  });

  it('names each candidate holding entrustments and how many', async () => {
    const e = await stage.election({ director: 1, deputyDirector: 0, members: 4 }, EQUAL);
    const holder = await stage.voter(e, '受托候选');
    await stage.addCandidate(e, holder, 'director');
    for (let i = 0; i < 4; i++) await stage.addCandidate(e, await stage.voter(e, `委员候选${i}`), 'members');
    await stage.approvedProxy(e, await stage.voter(e, '委托一'), holder);
    await stage.approvedProxy(e, await stage.voter(e, '委托二'), holder);
    // Not approved: does not count.
    await stage.approvedProxy(e, await stage.voter(e, '委托三'), holder, 'awaiting_approval');
    expectProblem(await publishCandidates(e), 422, 'CANDIDATE_HOLDS_PROXIES', '候选人不能接受委托投票：受托候选（2份）。请先让委托人另选受托人。');
  });
});

describe('the day’s officials, rule by rule', () => {
  it('answers the appointment with the role’s name and puts it on the chain', async () => {
    const e = await stage.election();
    const id = await stage.person('发票某');
    const res = await post(`/api/elections/${e}/officials`, committee, { residentId: id, role: 'clerk', approvedAt: `${DAY}T08:05:00+08:00` });
    expect(res.body).toEqual({
      id: expect.any(String),
      residentId: id,
      name: '发票某',
      groupName,
      role: 'clerk',
      roleName: '发票员',
      approvedAt: '2027-05-16T00:05:00.000Z',
    });
    expect(await auditOf(e, 'official.appointed')).toEqual([
      { subject: `resident:${id}`, payload: { residentId: id, name: '发票某', role: 'clerk', approvedAt: '2027-05-16T00:05:00.000Z' } },
    ]);
  });

  it('says why an appointment is refused', async () => {
    const e = await stage.election();
    const candidate = await stage.voter(e, '候选某');
    await stage.addCandidate(e, candidate, 'members');
    expectProblem(
      await post(`/api/elections/${e}/officials`, committee, { residentId: candidate, role: 'monitor' }),
      422,
      'OFFICIAL_IS_CANDIDATE',
      '候选某是本次选举的候选人，不能担任监票员。',
    );
    const id = await stage.person('工作某');
    await stage.appoint(e, id, 'counter');
    expectProblem(
      await post(`/api/elections/${e}/officials`, committee, { residentId: id, role: 'clerk' }),
      409,
      'CONFLICT',
      '工作某已经是本次选举的工作人员了（每人只担任一项）。',
    );
    expectProblem(await post(`/api/elections/${e}/officials`, committee, { residentId: randomUUID(), role: 'clerk' }), 404, 'NOT_FOUND');
  });

  it('tells an official their own role, and which officials can sign in', async () => {
    const e = await stage.election();
    const counter = await stage.personWithAccount('计票某');
    await stage.appoint(e, counter.residentId, 'counter');
    const paper = await stage.person('无账号某');
    await stage.appoint(e, paper, 'monitor');
    const list = await get(`/api/elections/${e}/officials`, counter.token);
    expect(list.body.me).toEqual({ residentId: counter.residentId, role: 'counter', roleName: '计票员' });
    const byId = Object.fromEntries(list.body.items.map((o: { residentId: string }) => [o.residentId, o]));
    expect(byId[counter.residentId]).toMatchObject({ name: '计票某', groupName, roleName: '计票员', hasAccount: true });
    expect(byId[paper]).toMatchObject({ name: '无账号某', roleName: '监票员', hasAccount: false });
  });
});

describe('who stands where on election day', () => {
  it('treats an account with no resident record as nobody: no role among the officials, no desk', async () => {
    const e = await stage.election();
    const stranger = await register(server, '无档案');
    const list = await get(`/api/elections/${e}/officials`, stranger.token);
    expect(list.status, list.text).toBe(200);
    expect(list.body.me).toBeNull();
    expectProblem(await post(`/api/elections/${e}/ballots`, stranger.token, { residentId: await stage.voter(e, '某选民') }), 403, 'FORBIDDEN');
  });

  it('shows at the desk that an entrustment’s voter is not on the list', async () => {
    const e = await stage.election();
    const holder = await stage.voter(e, '持托者');
    const offList = await stage.person('名单外托付');
    await stage.approvedProxy(e, offList, holder);
    const record = await get(`/api/elections/${e}/desk/${holder}`, committee);
    expect(record.body.entrustments).toEqual([expect.objectContaining({ applicantResidentId: offList, name: '名单外托付', registered: false, ballot: null })]);
  });

  it('prints voter cards for the committee only, not for an official, also when the verb is called directly', async () => {
    const e = await stage.election();
    await stage.voter(e, '印证乙');
    const clerk = await stage.personWithAccount('脚本发票员');
    await stage.appoint(e, clerk.residentId, 'clerk');
    const me = (await get('/api/me', clerk.token)).body as { account: { id: string } };
    const ctx = verbCtx(server, { accountId: me.account.id, name: '脚本发票员', communityId: stage.communityId, roles: [] });
    await expect(voterCards({ ctx, input: { electionId: e, limit: 10, origin: 'http://localhost' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
