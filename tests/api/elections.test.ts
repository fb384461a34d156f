import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem, newIdNumber, withBasis } from './helpers.js';

let server: TestServer;
let committee: string;
let resident: string;
let leader: string;
let otherCommittee: string;
let groupId: string;

beforeAll(async () => {
  server = await startTestServer();
  [committee, resident, leader, otherCommittee] = await Promise.all([
    server.login('staff', 'Staff#2026'),
    server.login('resident1', 'Resident#2026'),
    server.login('leader1', 'Leader#2026'),
    server.login('staff@other', 'Staff#2026'),
  ]);
  const groups = await server.request('GET', '/api/groups', { token: committee });
  groupId = groups.body.items[0].id;
});
afterAll(() => server.close());

const seats = { director: 1, deputyDirector: 1, members: 3 };
let dayCounter = 0;
/** Each election of this suite gets a day of its own, far enough ahead to be the upcoming one only when wanted. */
async function newElection(electionDay: string, extra: Record<string, unknown> = {}, token = committee) {
  const body = { title: `第${++dayCounter}届居委会选举`, electionDay, seats, ...withBasis(extra.rules as Record<string, unknown> | undefined), ...extra };
  const res = await server.request('POST', '/api/elections', { token, body });
  if (res.status !== 201) throw new Error(`election: ${res.status} ${res.text}`);
  return res.body as { id: string; electionDay: string; deadlines: Record<string, string> };
}

/** A verified resident entered at the window, born on the given date (YYYYMMDD). */
async function residentBorn(birth: string, name = '马文才') {
  const res = await server.request('POST', '/api/residents', { token: committee, body: { name, idNumber: newIdNumber(birth), groupId } });
  if (res.status !== 201) throw new Error(`resident: ${res.status} ${res.text}`);
  return res.body.id as string;
}

const register = (electionId: string, residentId: string, token = committee) =>
  server.request('POST', `/api/elections/${electionId}/voters`, { token, body: { residentId } });

describe('setting up an election', () => {
  it('creates an election under the 2026 law with its default rules, by all voters, and its deadlines in China time', async () => {
    const e = await newElection('2027-03-20');
    expect(e).toMatchObject({
      electionDay: '2027-03-20',
      seats,
      law: 'gansu-2026',
      mode: 'voters',
      term: '2027',
      basis: null,
      departures: [],
      rules: {
        minVoterAge: 18,
        voterListNoticeDays: 20,
        repsPerGroup: 2,
        maxProxiesPerVoter: 3,
        proxyApplyDaysBefore: 1,
        candidateSurplus: { director: 1, deputyDirector: 1, members: 1 },
        objectionDays: 5,
        objectionDecisionDays: 3,
        womanMember: true,
      },
    });
    expect(e.deadlines).toMatchObject({
      voterListNoticeBy: '2027-02-28',
      proxyApplyBy: '2027-03-18',
      // 00:00 China time on 19 March is 16:00 UTC on the 18th.
      proxyApplyClosesAt: '2027-03-18T16:00:00.000Z',
      resultsNoticeBy: '2027-03-20',
    });
  });

  it('keeps rules given at creation with their basis, fills the rest from the law, and names each departure with its source', async () => {
    const e = await newElection('2027-04-20', { rules: { voterListNoticeDays: 25, maxProxiesPerVoter: 2 }, basis: '居民代表会议2027年3月1日决定' });
    expect(e).toMatchObject({
      rules: { voterListNoticeDays: 25, maxProxiesPerVoter: 2, minVoterAge: 18 },
      deadlines: { voterListNoticeBy: '2027-03-26' },
      basis: '居民代表会议2027年3月1日决定',
      departures: [
        { rule: 'voterListNoticeDays', name: '选民名单提前公布天数', value: 25, lawDefault: 20, source: expect.stringContaining('第十四条') },
        { rule: 'maxProxiesPerVoter', name: '每人最多接受委托数', value: 2, lawDefault: 3, source: expect.stringContaining('不得超过三人') },
      ],
    });
  });

  it('refuses a rule the law fixes, and a departure from the law without its basis, at the boundary', async () => {
    const post = (body: Record<string, unknown>) =>
      server.request('POST', '/api/elections', { token: committee, body: { title: '选举', electionDay: '2027-05-01', seats, ...body } });
    const fixed = await post({ rules: { minVoterAge: 16 }, basis: '居民会议决定' });
    expectProblem(
      fixed,
      422,
      'RULE_FIXED_BY_LAW',
      '选民年龄由法律规定，不能修改（《甘肃省居民委员会选举办法》第十五条：年满十八周岁的居民……年龄计算以选举日为截止日期）。',
    );
    // The form marks the field the law fixes.
    expect(fixed.body.errors).toEqual([{ path: 'body.rules.minVoterAge', message: '由法律规定，不能修改' }]);
    // Naming the law's own value is no departure.
    expect((await post({ rules: { minVoterAge: 18, voterListNoticeDays: 20 } })).status).toBe(201);
    expectProblem(
      await post({ rules: { voterListNoticeDays: 10 } }),
      422,
      'BASIS_REQUIRED',
      '选民名单提前公布天数与法律规定的默认值不同，请写明依据（如居民会议的决定），公告时一并公布。',
    );
    // Two departures are named together, and the form marks the basis to write.
    const two = await post({ rules: { voterListNoticeDays: 10, maxProxiesPerVoter: 2 } });
    expectProblem(
      two,
      422,
      'BASIS_REQUIRED',
      '选民名单提前公布天数、每人最多接受委托数与法律规定的默认值不同，请写明依据（如居民会议的决定），公告时一并公布。',
    );
    expect(two.body.errors).toEqual([{ path: 'body.basis', message: '请写明依据' }]);
    expectProblem(await post({ rules: { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } }, basis: '  ' }), 422, 'BASIS_REQUIRED');
    const equal = await post({ rules: { candidateSurplus: { director: 0, deputyDirector: 0, members: 0 } }, basis: '街道批复同意等额选举' });
    expect(equal.status, equal.text).toBe(201);
    expectProblem(
      await server.request('PUT', `/api/elections/${equal.body.id}`, { token: committee, body: { rules: { minVoterAge: 20 } } }),
      422,
      'RULE_FIXED_BY_LAW',
    );
    // Dropping the basis while the departure stands is refused too.
    expectProblem(await server.request('PUT', `/api/elections/${equal.body.id}`, { token: committee, body: { basis: '' } }), 422, 'BASIS_REQUIRED');
    expectProblem(await server.request('PUT', `/api/elections/${equal.body.id}`, { token: committee, body: { basis: '   ' } }), 422, 'BASIS_REQUIRED');
    const back = await server.request('PUT', `/api/elections/${equal.body.id}`, {
      token: committee,
      body: { rules: { candidateSurplus: { director: 1, deputyDirector: 1, members: 1 } }, basis: '' },
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ basis: null, departures: [] });
  });

  it('runs by households or by the groups’ representatives when the committee says so', async () => {
    const e = await newElection('2027-05-02', { mode: 'households' });
    expect(e).toMatchObject({ mode: 'households' });
    const changed = await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { mode: 'representatives' } });
    expect(changed.body.mode).toBe('representatives');
    expectProblem(await server.request('PUT', `/api/elections/${e.id}`, { token: committee, body: { mode: 'everyone' } }), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['a negative age', { rules: { minVoterAge: -1 } }],
    ['zero representatives per group', { rules: { repsPerGroup: 0 } }],
    ['zero members', { seats: { director: 1, deputyDirector: 1, members: 0 } }],
    ['more than nine seats', { seats: { director: 1, deputyDirector: 3, members: 8 } }],
    ['a day that does not exist', { electionDay: '2027-02-30' }],
  ])('refuses %s with a Chinese reason', async (_, patch) => {
    const res = await server.request('POST', '/api/elections', { token: committee, body: { title: '选举', electionDay: '2027-05-01', seats, ...patch } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('is for the committee only', async () => {
    expectProblem(
      await server.request('POST', '/api/elections', { token: resident, body: { title: '选举', electionDay: '2027-05-01', seats } }),
      403,
      'FORBIDDEN',
    );
  });

  it('records the creation on the audit chain', async () => {
    const e = await newElection('2027-06-01');
    const audit = await server.request('GET', `/api/audit?electionId=${e.id}`, { token: committee });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(['election.created']);
  });
});

describe('the current election', () => {
  it('is the nearest upcoming one, with the phase of the plan and what is left to do', async () => {
    // A fresh server: this suite's other elections must not be nearer.
    const own = await startTestServer();
    try {
      const token = await own.login('staff', 'Staff#2026');
      const none = await own.request('GET', '/api/elections/current', { token });
      expect(none.body).toEqual({ election: null });
      for (const electionDay of ['2027-01-10', '2026-12-20', '2026-10-01']) {
        await own.request('POST', '/api/elections', { token, body: { title: `选举${electionDay}`, electionDay, seats } });
      }
      own.setNow(new Date('2026-11-25T02:00:00Z'));
      const res = await own.request('GET', '/api/elections/current', { token: await own.login('resident1', 'Resident#2026') });
      expect(res.status).toBe(200);
      expect(res.body.election.electionDay).toBe('2026-12-20');
      // The 2026 law's 20 days before election day.
      expect(res.body.deadlines.voterListNoticeBy).toBe('2026-11-30');
      expect(res.body.phase).toMatchObject({ code: 'mobilisation', name: '宣传动员' });
      expect(res.body.phase.todo).toContain('入户登记选民');
      own.setNow(new Date('2026-12-15T02:00:00Z'));
      expect((await own.request('GET', '/api/elections/current', { token })).body.phase.code).toBe('implementation');
      // After the last one, the latest past election is current, in review.
      own.setNow(new Date('2027-02-01T02:00:00Z'));
      const after = await own.request('GET', '/api/elections/current', { token: await own.login('staff', 'Staff#2026') });
      expect(after.body.election.electionDay).toBe('2027-01-10');
      expect(after.body.phase.code).toBe('review');
    } finally {
      await own.close();
    }
  });
});

describe('voter registration', () => {
  it('registers a verified adult and answers their own status', async () => {
    const e = await newElection('2027-07-01');
    const id = await residentBorn('19700101', '韩春生');
    const res = await register(e.id, id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ residentId: id, name: '韩春生', age: 57, status: 'registered' });
    const list = await server.request('GET', `/api/elections/${e.id}/voters`, { token: committee });
    expect(list.body.items).toEqual([expect.objectContaining({ residentId: id, name: '韩春生', groupId, age: 57 })]);
  });

  it('counts a resident whose 18th birthday is election day, and not one whose birthday is the day after', async () => {
    const e = await newElection('2027-08-15');
    expect((await register(e.id, await residentBorn('20090815'))).status).toBe(201);
    const young = await register(e.id, await residentBorn('20090816'));
    expectProblem(young, 422, 'VOTER_UNDERAGE');
    expect(young.body.detail).toContain('17周岁');
  });

  it('lets a 29 February child come of age on 1 March in a common year', async () => {
    const feb28 = await newElection('2026-02-28');
    const mar1 = await newElection('2026-03-01');
    const born = await residentBorn('20080229', '闰年生');
    expectProblem(await register(feb28.id, born), 422, 'VOTER_UNDERAGE');
    expect((await register(mar1.id, born)).status).toBe(201);
    // The batch registration agrees with the one-by-one rule.
    const all28 = await server.request('POST', `/api/elections/${feb28.id}/voters`, { token: committee, body: { all: true } });
    expect(all28.status).toBe(201);
    const list = await server.request('GET', `/api/elections/${feb28.id}/voters?limit=100`, { token: committee });
    expect(list.body.items.map((v: { residentId: string }) => v.residentId)).not.toContain(born);
  });

  it('refuses a resident whose claim staff have not verified', async () => {
    const e = await newElection('2027-09-01');
    const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13712340001', password: 'Pending#2026', name: '未核实' } });
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token: reg.body.token,
      body: { name: '未核实', idNumber: newIdNumber('19800101'), groupId },
    });
    expect(claim.status).toBe(201);
    expectProblem(await register(e.id, claim.body.resident.id), 422, 'RESIDENT_NOT_VERIFIED');
  });

  it('refuses a second registration of the same resident', async () => {
    const e = await newElection('2027-09-02');
    const id = await residentBorn('19650505');
    expect((await register(e.id, id)).status).toBe(201);
    expectProblem(await register(e.id, id), 409, 'ALREADY_REGISTERED');
  });

  it('registers every verified adult at once, and only those not yet registered', async () => {
    const e = await newElection('2027-10-01');
    const adult = await residentBorn('19900101');
    const child = await residentBorn('20150101', '小明');
    const first = await server.request('POST', `/api/elections/${e.id}/voters`, { token: committee, body: { all: true } });
    expect(first.status).toBe(201);
    expect(first.body.registered).toBeGreaterThan(1);
    // Nobody is held by another community here: nothing is reported skipped.
    expect(first.body.skipped).toEqual([]);
    const again = await server.request('POST', `/api/elections/${e.id}/voters`, { token: committee, body: { all: true } });
    expect(again.body.registered).toBe(0);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const pageRes: { body: { items: { residentId: string }[]; nextCursor: string | null } } = await server.request(
        'GET',
        `/api/elections/${e.id}/voters?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: committee },
      );
      ids.push(...pageRes.body.items.map((v) => v.residentId));
      cursor = pageRes.body.nextCursor;
    } while (cursor);
    expect(ids).toContain(adult);
    expect(ids).not.toContain(child);
    expect(ids.length).toBe(first.body.registered);
    const audit = await server.request('GET', `/api/audit?electionId=${e.id}`, { token: committee });
    expect(audit.body.items.filter((i: { action: string }) => i.action === 'voter.registered')).toHaveLength(1);
  });

  it('takes a voter off with a reason, shows it to them, and can put them back', async () => {
    const e = await newElection('2027-10-02');
    const me = await server.request('GET', '/api/me', { token: resident });
    const residentId = me.body.resident.id;
    expect((await register(e.id, residentId)).status).toBe(201);
    expect((await server.request('GET', `/api/elections/${e.id}/me`, { token: resident })).body.voter).toMatchObject({ residentId, status: 'registered' });
    expectProblem(await server.request('DELETE', `/api/elections/${e.id}/voters/${residentId}`, { token: committee }), 400, 'VALIDATION_FAILED');
    const removed = await server.request('DELETE', `/api/elections/${e.id}/voters/${residentId}?reason=${encodeURIComponent('户籍已迁出')}`, {
      token: committee,
    });
    expect(removed.status).toBe(204);
    const mine = await server.request('GET', `/api/elections/${e.id}/me`, { token: resident });
    expect(mine.body.voter).toBeNull();
    expect(mine.body.reason).toContain('户籍已迁出');
    expect((await register(e.id, residentId)).status).toBe(201);
    const actions = (await server.request('GET', `/api/audit?electionId=${e.id}`, { token: committee })).body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(['election.created', 'voter.registered', 'voter.removed', 'voter.registered']);
  });

  it('tells an account without a resident record why it is not a voter', async () => {
    const e = await newElection('2027-10-03');
    const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13712340002', password: 'NoRes#2026', name: '新用户' } });
    const mine = await server.request('GET', `/api/elections/${e.id}/me`, { token: reg.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ voter: null, reason: expect.stringContaining('居民认证') });
  });

  it('is for the committee only, and another community’s election or resident is not found', async () => {
    const e = await newElection('2027-10-04');
    const id = await residentBorn('19750101');
    expectProblem(await register(e.id, id, leader), 403, 'FORBIDDEN');
    expectProblem(await register(e.id, id, otherCommittee), 404, 'NOT_FOUND');
    expectProblem(await server.request('GET', `/api/elections/${e.id}`, { token: otherCommittee }), 404, 'NOT_FOUND');
    const otherElection = await newElection('2027-10-05', {}, otherCommittee);
    expectProblem(await register(otherElection.id, id, otherCommittee), 404, 'NOT_FOUND');
  });
});

describe('the audit chain over elections', () => {
  it('names the entry whose row was changed in SQL', async () => {
    const own = await startTestServer();
    try {
      const token = await own.login('staff', 'Staff#2026');
      const created = await own.request('POST', '/api/elections', { token, body: { title: '核验', electionDay: '2027-11-01', seats } });
      const me = await own.request('GET', '/api/me', { token: await own.login('resident1', 'Resident#2026') });
      await own.request('POST', `/api/elections/${created.body.id}/voters`, { token, body: { residentId: me.body.resident.id } });
      expect((await own.request('GET', '/api/audit/verify', { token })).body.ok).toBe(true);
      const [entry] = await own.db.select().from(auditLog).where(eq(auditLog.action, 'voter.registered'));
      await own.db.execute(sql`update audit_log set subject = 'resident:forged' where community_id = ${entry!.communityId} and seq = ${entry!.seq}`);
      const verify = await own.request('GET', '/api/audit/verify', { token });
      expect(verify.body).toMatchObject({ ok: false, brokenAt: entry!.seq, brokenEntry: { seq: entry!.seq, action: 'voter.registered' } });
    } finally {
      await own.close();
    }
  });
});
