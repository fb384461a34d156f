import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem } from './helpers.js';

/**
 * Candidates nominated by the voters (API.md "Election lifecycle and the law"). Election day is
 * 20 March 2028; the voter list notice goes up at 09:00 China time on 21 February (20 days before at the latest); nominations close
 * at 00:00 China time on 13 March (7 days before), so 12 March is their last day; the candidate
 * list is due by 15 March (5 days before).
 */
const DAY = '2028-03-20';
const SET_UP = '2028-02-20T02:00:00Z';
const OPENS = '2028-02-21T01:00:00Z';
const CLOSES = '2028-03-12T16:00:00Z';
const SEATS = { director: 1, deputyDirector: 0, members: 4 };

let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;
let other: string;
let resident1: string;

beforeAll(async () => {
  server = await startTestServer();
  s = await electionDayStage(server, DAY, SET_UP);
  other = await server.login('staff@other', 'Staff#2026');
  resident1 = await server.login('resident1', 'Resident#2026');
});
afterAll(() => server.close());

const at = (iso: string) => server.setNow(new Date(iso));
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const post = (path: string, token: string, body: unknown = {}) => server.request('POST', path, { token, body });
type Voter = { token: string; residentId: string; name: string };

let n = 0;
/** An election with its voter list notice for OPENS, and voters with accounts of their own. */
async function world(voters: number, plain = 0, rules: Record<string, unknown> = {}) {
  at(SET_UP);
  const e = await s.election(SEATS, rules);
  const people: Voter[] = [];
  for (let i = 0; i < voters; i++) {
    const v = await s.personWithAccount(`提名选民${++n}`);
    await s.registerVoter(e, v.residentId);
    people.push(v);
  }
  // Voters without an account of their own (registered before the notice fixes the list).
  const others: string[] = [];
  // The first of them is a woman: a list typed in from them names one (the rulebook's womanMember).
  for (let i = 0; i < plain; i++) others.push(await s.voter(e, `选民${++n}`, i === 0 ? 'female' : 'male'));
  const notice = await post('/api/notices', s.committee, {
    category: 'election',
    kind: 'voter_list',
    electionId: e,
    title: '选民名单公告',
    body: '选民名单已张贴在社区公告栏。',
    publishAt: OPENS,
  });
  if (notice.status !== 201) throw new Error(`notice: ${notice.status} ${notice.text}`);
  return { e, people, others };
}

const nominate = (e: string, by: Voter | string, body: Record<string, unknown>) =>
  post(`/api/elections/${e}/candidate-nominations`, typeof by === 'string' ? by : by.token, body);
const sign = (e: string, nid: string, by: Voter) => post(`/api/elections/${e}/candidate-nominations/${nid}/sign`, by.token);
const answer = (e: string, nid: string, by: Voter, accept: boolean) => post(`/api/elections/${e}/candidate-nominations/${nid}/answer`, by.token, { accept });
const list = (e: string, token: string) => server.request('GET', `/api/elections/${e}/candidate-nominations`, { token });
const fix = (e: string, seat: string, token = s.committee) => post(`/api/elections/${e}/candidates/fix`, token, { seat });

/** A nomination accepted by its nominee. */
async function accepted(e: string, by: Voter, nominee: Voter, seat = 'director') {
  const made = await nominate(e, by, { nomineeResidentId: nominee.residentId, seat });
  expect(made.status, made.text).toBe(201);
  expect((await answer(e, made.body.id, nominee, true)).status).toBe(200);
  return made.body.id as string;
}

describe('the nomination window', () => {
  it('opens at the voter list notice and closes at 00:00 China time seven days before election day, naming the dates', async () => {
    const { e, people } = await world(5);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    const notOpen = '候选人提名从选民名单公告之日开始，到2028年3月12日24时截止；选民名单还没有公告，现在还不能提名。';
    const closed = '候选人提名已于2028年3月12日24时截止，不能再提名、联名或答复。';

    at(plus(OPENS, -1));
    expectProblem(await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'director' }), 422, 'NOMINATION_WINDOW_CLOSED', notOpen);
    expect((await list(e, a.token)).body.window).toMatchObject({
      state: 'not_open',
      lastDay: '2028-03-12',
      opensAt: null,
      closesAt: '2028-03-12T16:00:00.000Z',
    });

    at(OPENS);
    const first = await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'director' });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      status: 'awaiting_acceptance',
      seat: 'director',
      seatName: '主任',
      nominee: { residentId: b.residentId },
      myParts: ['nominator'],
    });
    expect((await list(e, a.token)).body.window).toMatchObject({ state: 'open', opensAt: '2028-02-21T01:00:00.000Z' });

    at(plus(CLOSES, -1));
    const last = await nominate(e, c, { nomineeResidentId: d.residentId, seat: 'members', coSignerResidentIds: [a.residentId] });
    expect(last.status, last.text).toBe(201);
    expect(last.body.status).toBe('awaiting_signatures');

    at(CLOSES);
    expectProblem(await nominate(e, d, { nomineeResidentId: c.residentId, seat: 'members' }), 422, 'NOMINATION_WINDOW_CLOSED', closed);
    expectProblem(await sign(e, last.body.id, a), 422, 'NOMINATION_WINDOW_CLOSED', closed);
    expectProblem(await answer(e, first.body.id, b, true), 422, 'NOMINATION_WINDOW_CLOSED', closed);
    expect((await list(e, a.token)).body.window.state).toBe('closed');
  });
});

describe('who nominates whom', () => {
  it('refuses a nominator or a nominee not on the voter list, and a co-signer off it', async () => {
    const { e, people } = await world(2);
    const [a, b] = people as [Voter, Voter];
    const outsider = await s.person('未登记甲');
    at(OPENS);
    expectProblem(
      await nominate(e, resident1, { nomineeResidentId: a.residentId, seat: 'director' }),
      422,
      'NOT_A_VOTER',
      '您不在本次选举的选民名单上，不能提名候选人。如有疑问请联系选举委员会。',
    );
    expectProblem(
      await nominate(e, a, { nomineeResidentId: outsider, seat: 'director' }),
      422,
      'NOMINEE_NOT_VOTER',
      '未登记甲不在本次选举的选民名单上，只能提名登记的选民。',
    );
    expectProblem(
      await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'director', coSignerResidentIds: [outsider] }),
      422,
      'NOT_A_VOTER',
      '联名人未登记甲不在本次选举的选民名单上，只有登记的选民才能联名提名。',
    );
    expectProblem(
      await nominate(e, a, { nomineeResidentId: a.residentId, seat: 'director' }),
      400,
      'VALIDATION_FAILED',
      '不能提名自己，也不能为提名自己联名。',
    );
    expectProblem(await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'deputyDirector' }), 400, 'VALIDATION_FAILED', '本次选举不设副主任。');
    expect((await list(e, s.committee)).body.items).toEqual([]);
  });

  it('refuses the same voter nominating the same nominee again, also as a co-signer of another nomination', async () => {
    const { e, people } = await world(4);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    expect((await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'members' })).status).toBe(201);
    const again = '您已经提名（或联名提名）过这位选民了，每人对同一位被提名人只能提名一次。';
    expectProblem(await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'members' }), 409, 'ALREADY_NOMINATED_BY_YOU', again);
    expectProblem(await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'director' }), 409, 'ALREADY_NOMINATED_BY_YOU', again);
    expectProblem(
      await nominate(e, c, { nomineeResidentId: b.residentId, seat: 'members', coSignerResidentIds: [a.residentId, d.residentId] }),
      409,
      'ALREADY_NOMINATED_BY_YOU',
      `${a.name}已经提名或联名提名过${b.name}，同一人不能重复提名。`,
    );
  });

  it('lets a voter name as many nominees per seat as it has places, and one more once a nominee declines', async () => {
    const { e, people } = await world(4);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    const one = await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'director' });
    expect(one.status).toBe(201);
    expectProblem(
      await nominate(e, a, { nomineeResidentId: c.residentId, seat: 'director' }),
      409,
      'NOMINATION_LIMIT_REACHED',
      '您已经提名了1位主任候选人，每人提名的人数不能超过应选名额（1名）。被提名人不接受的，可以另提一位。',
    );
    // A co-signature counts when given: a, who named b for director, cannot sign for a second director.
    const joint = await nominate(e, c, { nomineeResidentId: d.residentId, seat: 'director', coSignerResidentIds: [a.residentId] });
    expect(joint.status).toBe(201);
    expectProblem(await sign(e, joint.body.id, a), 409, 'NOMINATION_LIMIT_REACHED');
    // Four members' places: members are counted on their own.
    expect((await nominate(e, a, { nomineeResidentId: c.residentId, seat: 'members' })).status).toBe(201);
    expect((await answer(e, one.body.id, b, false)).body.status).toBe('declined');
    expect((await sign(e, joint.body.id, a)).body.status).toBe('awaiting_acceptance');
  });
});

describe('co-signing and answering', () => {
  it('lets only the named co-signers sign, and sends the nomination to the nominee after the last signature', async () => {
    const { e, people } = await world(5);
    const [a, b, c, d, x] = people as [Voter, Voter, Voter, Voter, Voter];
    at(OPENS);
    const made = await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'members', coSignerResidentIds: [c.residentId, d.residentId] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'awaiting_signatures', signers: [{ signedAt: null }, { signedAt: null }] });
    const nid = made.body.id as string;
    expectProblem(await sign(e, nid, x), 404, 'NOT_FOUND');
    expectProblem(await sign(e, nid, a), 404, 'NOT_FOUND');
    expectProblem(await answer(e, nid, b, true), 409, 'CONFLICT', '联名人还没有全部签名，签完名后您才能答复。');
    // Named co-signers see it before signing; others do not.
    expect((await list(e, c.token)).body.items.map((i: { id: string }) => i.id)).toEqual([nid]);
    expect((await list(e, x.token)).body.items).toEqual([]);
    const half = await sign(e, nid, c);
    expect(half.status).toBe(200);
    expect(half.body).toMatchObject({ status: 'awaiting_signatures', myParts: ['signer'] });
    expectProblem(await sign(e, nid, c), 409, 'CONFLICT', '您已经签过名了。');
    expect((await sign(e, nid, d)).body.status).toBe('awaiting_acceptance');
  });

  it('lets the nominee alone accept or decline, once', async () => {
    const { e, people } = await world(4);
    const [a, b, c, x] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    const one = (await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'members' })).body.id as string;
    const two = (await nominate(e, a, { nomineeResidentId: c.residentId, seat: 'members' })).body.id as string;
    expectProblem(await answer(e, one, x, true), 404, 'NOT_FOUND');
    expectProblem(await answer(e, one, a, true), 404, 'NOT_FOUND');
    const yes = await answer(e, one, b, true);
    expect(yes.body).toMatchObject({ status: 'accepted', myParts: ['nominee'], answeredAt: OPENS.replace('Z', '.000Z') });
    expectProblem(await answer(e, one, b, false), 409, 'CONFLICT', '您已经接受了这份提名。');
    expect((await answer(e, two, c, false)).body.status).toBe('declined');
    expectProblem(await answer(e, two, c, true), 409, 'CONFLICT', '您已经答复过这份提名了。');
    expectProblem(await post(`/api/elections/${e}/candidate-nominations/${one}/answer`, b.token, { accept: '是' }), 400, 'VALIDATION_FAILED');
  });

  it('takes a paper form from the committee with its signers signed, and from nobody else', async () => {
    const { e, people } = await world(4);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    const paper = { nomineeResidentId: b.residentId, seat: 'members', nominatorResidentId: a.residentId, coSignerResidentIds: [c.residentId], onPaper: true };
    expectProblem(await nominate(e, d, paper), 403, 'FORBIDDEN');
    const made = await nominate(e, s.committee, paper);
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ status: 'awaiting_acceptance', onPaper: true, nominator: { residentId: a.residentId }, myParts: [] });
    expect(made.body.signers[0].signedAt).toBe(OPENS.replace('Z', '.000Z'));
    expectProblem(await nominate(e, s.committee, { ...paper, onPaper: undefined }), 400, 'VALIDATION_FAILED');
  });
});

describe('what each one sees', () => {
  it('shows the committee every nomination, a voter the accepted counts and those they are named on', async () => {
    const { e, people } = await world(6);
    const [a, b, c, d, f, x] = people as [Voter, Voter, Voter, Voter, Voter, Voter];
    at(OPENS);
    await accepted(e, a, b, 'members');
    await accepted(e, c, b, 'members');
    const pending = (await nominate(e, d, { nomineeResidentId: f.residentId, seat: 'members' })).body.id as string;
    const all = (await list(e, s.committee)).body;
    expect(all.items).toHaveLength(3);
    expect(all.counts).toEqual([{ seat: 'members', seatName: '委员', residentId: b.residentId, name: b.name, groupName: expect.any(String), nominations: 2 }]);
    const mine = (await list(e, x.token)).body;
    expect(mine.counts).toEqual(all.counts);
    expect(mine.items).toEqual([]);
    const nominee = (await list(e, f.token)).body;
    expect(nominee.items.map((i: { id: string }) => i.id)).toEqual([pending]);
    expect(nominee.items[0].myParts).toEqual(['nominee']);
    expect((await list(e, b.token)).body.items).toHaveLength(2);
    expectProblem(await list(e, other), 404, 'NOT_FOUND');
  });
});

describe('fixing the 正式候选人 from the counts', () => {
  it('waits for the window to close, then takes the most nominated with a tie at the cut-off in whole', async () => {
    const { e, people } = await world(12);
    const [A, B, C, D, ...rest] = people as [Voter, Voter, Voter, Voter, ...Voter[]];
    at(OPENS);
    // A 3, B 2, C 2, D 1: one director and one more (差额) is 2 places; B and C tie for the second.
    const nominators = rest as Voter[];
    for (const [nominee, count] of [
      [A, 3],
      [B, 2],
      [C, 2],
      [D, 1],
    ] as const) {
      for (let i = 0; i < count; i++) await accepted(e, nominators.shift()!, nominee);
    }
    expectProblem(await fix(e, 'director'), 409, 'NOMINATIONS_STILL_OPEN', '候选人提名到2028年3月12日24时才截止，截止后才能按提名票数确定正式候选人。');
    at(plus(CLOSES, -1));
    expectProblem(await fix(e, 'director'), 409, 'NOMINATIONS_STILL_OPEN');
    at(CLOSES);
    const fixed = await fix(e, 'director');
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body).toMatchObject({ seat: 'director', seatName: '主任', need: 2 });
    const items = fixed.body.items as { residentId: string; nominations: number }[];
    expect(items[0]).toMatchObject({ residentId: A.residentId, nominations: 3 });
    expect(
      items
        .slice(1)
        .map((c) => [c.residentId, c.nominations])
        .sort(),
    ).toEqual(
      [
        [B.residentId, 2],
        [C.residentId, 2],
      ].sort(),
    );
    expect(fixed.body.tieAtCutOff.map((t: { residentId: string }) => t.residentId).sort()).toEqual([B.residentId, C.residentId].sort());
    const candidates = (await server.request('GET', `/api/elections/${e}/candidates`, { token: s.committee })).body.items;
    expect(candidates.map((c: { residentId: string }) => c.residentId).sort()).toEqual([A.residentId, B.residentId, C.residentId].sort());
    const audit = (await server.request('GET', `/api/audit?electionId=${e}&limit=100`, { token: s.committee })).body.items.map(
      (x: { action: string }) => x.action,
    );
    expect(audit).toContain('candidates.fixed');
    expect(audit).toContain('candidate_nomination.accepted');
    // Members had no nominations: too few, naming how many are needed.
    expectProblem(await fix(e, 'members'), 422, 'TOO_FEW_CANDIDATES', '委员应选4名，正式候选人需要至少5名（差额选举），接受提名的只有0名，不能确定。');
  });

  it('sends too many nominees to a preliminary vote (预选) where the rulebook asks, then fixes by its count, a tie voted again', async () => {
    // preliminaryAbove 1: more than 1 × (1 + 1) = 2 nominees for the one director go to a preliminary vote.
    const { e, people } = await world(12, 0, { preliminaryAbove: 1 });
    const [A, B, C, D, ...rest] = people as [Voter, Voter, Voter, Voter, ...Voter[]];
    at(OPENS);
    const nominators = rest as Voter[];
    for (const [nominee, count] of [
      [A, 3],
      [B, 2],
      [C, 2],
      [D, 1],
    ] as const) {
      for (let i = 0; i < count; i++) await accepted(e, nominators.shift()!, nominee);
    }
    at(CLOSES);
    expectProblem(await fix(e, 'director'), 409, 'PRELIMINARY_VOTE_NEEDED', '主任有4人被提名，超过选举规则定的预选人数，须由选民预选确定正式候选人。');
    const fixWith = (votes: [Voter, number][]) =>
      post(`/api/elections/${e}/candidates/fix`, s.committee, {
        seat: 'director',
        preliminary: { heldOn: '2028-03-13', votes: votes.map(([v, n]) => ({ residentId: v.residentId, votes: n })) },
      });
    const missing = await fixWith([
      [A, 30],
      [B, 20],
      [C, 10],
    ]);
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.detail).toContain(`预选结果少了${D.name}的票数`);
    expectProblem(
      await fixWith([
        [A, 30],
        [B, 20],
        [C, 20],
        [D, 5],
      ]),
      409,
      'PRELIMINARY_VOTE_NEEDED',
    );
    // Nothing was fixed by the refusals.
    expect((await server.request('GET', `/api/elections/${e}/candidates`, { token: s.committee })).body.items).toEqual([]);
    const fixed = await fixWith([
      [A, 12],
      [B, 9],
      [C, 25],
      [D, 4],
    ]);
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body.items.map((c: { residentId: string }) => c.residentId).sort()).toEqual([A.residentId, C.residentId].sort());
    // The preliminary count is on the audit chain with the fixing.
    const [entry] = await server.db
      .select({ payload: auditLog.payload })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'candidates.fixed'), eq(auditLog.subject, `election:${e}`)));
    expect(entry!.payload).toMatchObject({ preliminary: { heldOn: '2028-03-13', votes: expect.arrayContaining([{ residentId: C.residentId, votes: 25 }]) } });
  });

  it('refuses a preliminary count for a seat the nominations settle', async () => {
    const { e, people } = await world(4);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    await accepted(e, a, b);
    await accepted(e, c, d);
    at(CLOSES);
    expectProblem(
      await post(`/api/elections/${e}/candidates/fix`, s.committee, {
        seat: 'director',
        preliminary: {
          heldOn: '2028-03-13',
          votes: [
            { residentId: b.residentId, votes: 3 },
            { residentId: d.residentId, votes: 2 },
          ],
        },
      }),
      409,
      'CONFLICT',
      '主任的正式候选人按提名票数就能确定，不需要预选。请不填预选结果再确定。',
    );
  });

  it('refuses to fix a nominee who is a near relative of an official (OFFICIAL_IS_RELATIVE), naming both', async () => {
    const { e, people } = await world(4);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    await accepted(e, a, b);
    await accepted(e, c, d);
    at(CLOSES);
    const official = await s.person('监票亲属');
    expect((await post(`/api/residents/${b.residentId}/relations`, s.committee, { relatedResidentId: official, relation: 'spouse' })).status).toBe(201);
    await s.appoint(e, official, 'monitor');
    expectProblem(
      await fix(e, 'director'),
      422,
      'OFFICIAL_IS_RELATIVE',
      `${b.name}是本次选举工作人员监票亲属的近亲属，工作人员应当回避：请先另行任命工作人员，再确定正式候选人。`,
    );
  });

  it('refuses a seat with fewer accepted nominees than seats and surplus, counting no declined one', async () => {
    const { e, people } = await world(3);
    const [a, b, c] = people as [Voter, Voter, Voter];
    at(OPENS);
    await accepted(e, a, b);
    const declined = (await nominate(e, b, { nomineeResidentId: c.residentId, seat: 'director' })).body.id as string;
    expect((await answer(e, declined, c, false)).status).toBe(200);
    at(CLOSES);
    expectProblem(await fix(e, 'director'), 422, 'TOO_FEW_CANDIDATES', '主任应选1名，正式候选人需要至少2名（差额选举），接受提名的只有1名，不能确定。');
  });

  it('refuses typing in a candidate for a nominated seat, fixes it before publication only, and publishes by the fifth day before', async () => {
    const { e, people, others } = await world(4, 5);
    const [a, b, c, d] = people as [Voter, Voter, Voter, Voter];
    at(OPENS);
    await accepted(e, a, b);
    await accepted(e, c, d);
    expectProblem(
      await post(`/api/elections/${e}/candidates`, s.committee, { residentId: a.residentId, seat: 'director' }),
      409,
      'SEAT_HAS_NOMINATIONS',
      '选民已经提名了主任候选人，正式候选人要在提名截止后按提名票数确定（“确定正式候选人”），不能直接添加。',
    );
    at(CLOSES);
    expect((await fix(e, 'director')).status).toBe(200);
    // Members nobody was nominated for: the committee types them in (still allowed for such a seat).
    for (const id of others) await s.addCandidate(e, id, 'members');
    // 15 March is the last day: 00:00 on the 16th China time is too late.
    at('2028-03-15T16:00:00Z');
    expectProblem(
      await post(`/api/elections/${e}/candidates/publish`, s.committee),
      422,
      'CANDIDATES_TOO_LATE',
      '正式候选人名单须在选举日前5天公布，最晚是2028年3月15日；现在已经过了，不能公布。如要公布，须先把选举日推后。',
    );
    at('2028-03-15T15:59:00Z');
    const published = await post(`/api/elections/${e}/candidates/publish`, s.committee);
    expect(published.status, published.text).toBe(201);
    expectProblem(await fix(e, 'director'), 409, 'ELECTION_LOCKED');
  });
});

describe('access', () => {
  it('refuses fixing to a resident (403), and answers another community 404 everywhere', async () => {
    const { e, people } = await world(2);
    const [a, b] = people as [Voter, Voter];
    at(OPENS);
    const made = (await nominate(e, a, { nomineeResidentId: b.residentId, seat: 'members' })).body.id as string;
    at(CLOSES);
    expectProblem(await fix(e, 'director', a.token), 403, 'FORBIDDEN');
    at(OPENS);
    expectProblem(await nominate(e, other, { nomineeResidentId: b.residentId, seat: 'members' }), 404, 'NOT_FOUND');
    expectProblem(await post(`/api/elections/${e}/candidate-nominations/${made}/sign`, other), 404, 'NOT_FOUND');
    expectProblem(await post(`/api/elections/${e}/candidate-nominations/${made}/answer`, other, { accept: true }), 404, 'NOT_FOUND');
    expectProblem(await fix(e, 'members', other), 404, 'NOT_FOUND');
  });

  it('says in Chinese what is wrong with the input', async () => {
    const { e, people } = await world(1);
    const [a] = people as [Voter];
    at(OPENS);
    const bad = await nominate(e, a, { nomineeResidentId: 'x', seat: 'mayor' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((x: { message: string }) => x.message)).toEqual(expect.arrayContaining(['请选择被提名人', '请选择职位：主任、副主任或委员']));
    expectProblem(await post(`/api/elections/not-an-id/candidate-nominations/x/sign`, a.token), 400, 'VALIDATION_FAILED');
    const noSeat = await fix(e, '');
    expectProblem(noSeat, 400, 'VALIDATION_FAILED');
    expect(noSeat.body.errors[0].message).toBe('请选择职位：主任、副主任或委员');
  });
});
