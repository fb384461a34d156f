import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCandidates, proxyApplications, residents } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem, newIdNumber } from './helpers.js';

/** A resident's sex as stored from their ID number: the application names the applicant's (他 or 她). */
async function sexOf(residentId: string) {
  const [row] = await server.db.select({ sex: residents.sex }).from(residents).where(eq(residents.id, residentId));
  expect(row!.sex).toMatch(/^(male|female)$/);
  return row!.sex;
}

import {
  applyFor,
  beijingMidnight,
  consent,
  createElection,
  daysAhead,
  decide,
  electionMaker,
  justBefore,
  type Person,
  registerVoters,
  residentsWithAccounts,
  residentWithAccount,
  withdraw,
} from './proxy-support.js';

/** What anyone told an application is not theirs reads (it may not exist at all). */
const NOT_FOUND_APPLICATION = '没有找到该委托申请，可能已被删除或您无权查看。';

let server: TestServer;
/** A new election far ahead with the given people on its voter list (proxy-support.ts). */
let electionWith: ReturnType<typeof electionMaker>;
let committee: string;
let otherCommittee: string;
let groupId: string;
let groupName: string;
let communityId: string;
/** Six residents with accounts, a … f (f has a name a spreadsheet would take for a formula). */
let a: Person;
let b: Person;
let c: Person;
let d: Person;
let e: Person;
let f: Person;
let outsider: Person;

beforeAll(async () => {
  server = await startTestServer();
  [committee, otherCommittee] = await Promise.all([server.login('staff', 'Staff#2026'), server.login('staff@other', 'Staff#2026')]);
  const groups = await server.request('GET', '/api/groups', { token: committee });
  groupId = groups.body.items[0].id;
  groupName = groups.body.items[0].name;
  const names = ['马秀英', '丁长福', '王玉兰', '杨建军', '何桂芳', '=HYPERLINK("x")'];
  [a, b, c, d, e, f] = (await residentsWithAccounts(server, committee, groupId, names)) as [Person, Person, Person, Person, Person, Person];
  electionWith = electionMaker(server, committee, 2028);
  // A registered resident of this community who is never put on a voter list.
  outsider = await residentWithAccount(server, committee, groupId, '陈不登记');
  const me = await server.request('GET', '/api/me', { token: committee });
  communityId = me.body.account.roles[0].communityId;
});
afterAll(() => server.close());

const rowsOf = async (electionId: string) => {
  const [row] = await server.db.select({ n: count() }).from(proxyApplications).where(eq(proxyApplications.electionId, electionId));
  return row!.n;
};
const auditActions = async (electionId: string) =>
  (await server.request('GET', `/api/audit?electionId=${electionId}&limit=100`, { token: committee })).body.items.map((i: { action: string }) => i.action);

/** Applies, has the proxy consent and returns the application's id. */
async function consented(electionId: string, applicant: Person, proxy: Person) {
  const applied = await applyFor(server, electionId, applicant, proxy.residentId);
  expect(applied.status, applied.text).toBe(201);
  const ok = await consent(server, electionId, applied.body.id, proxy);
  expect(ok.status, ok.text).toBe(200);
  return applied.body.id as string;
}

describe('applying', () => {
  it('lets a registered voter entrust another, who is named with their group only, and records it', async () => {
    const el = await electionWith([a, b]);
    const res = await applyFor(server, el.id, a, b.residentId, '在兰州打工，选举日回不来');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'awaiting_consent',
      reason: '在兰州打工，选举日回不来',
      applicant: { residentId: a.residentId, name: a.name, groupName, sex: await sexOf(a.residentId) },
      proxy: { residentId: b.residentId, name: b.name, groupName },
      role: 'applicant',
    });
    expect(Object.keys(res.body.proxy).sort()).toEqual(['groupName', 'name', 'residentId']);
    expect(await auditActions(el.id)).toContain('proxy.applied');
  });

  it('refuses to entrust oneself', async () => {
    const el = await electionWith([a, b]);
    expectProblem(await applyFor(server, el.id, a, a.residentId), 422, 'SELF_PROXY');
    expect(await rowsOf(el.id)).toBe(0);
  });

  it('refuses an applicant who is not on the voter list, and an account without a resident record', async () => {
    const el = await electionWith([b]);
    expectProblem(await applyFor(server, el.id, outsider, b.residentId), 422, 'APPLICANT_NOT_VOTER');
    const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13712349901', password: 'NoRes#2026', name: '新用户' } });
    expectProblem(await applyFor(server, el.id, { token: reg.body.token, residentId: '', name: '' }, b.residentId), 422, 'APPLICANT_NOT_VOTER');
    expect(await rowsOf(el.id)).toBe(0);
  });

  it('refuses a proxy who is not on the voter list, who was taken off it, or who lives in another community', async () => {
    const el = await electionWith([a, b]);
    expectProblem(await applyFor(server, el.id, a, outsider.residentId), 422, 'PROXY_NOT_VOTER');
    const removed = await server.request('DELETE', `/api/elections/${el.id}/voters/${b.residentId}?reason=${encodeURIComponent('户籍迁出')}`, {
      token: committee,
    });
    expect(removed.status).toBe(204);
    expectProblem(await applyFor(server, el.id, a, b.residentId), 422, 'PROXY_NOT_VOTER');
    const foreign = await server.request('POST', '/api/residents', {
      token: otherCommittee,
      body: {
        name: '外社区居民',
        idNumber: newIdNumber('19750101'),
        groupId: (await server.request('GET', '/api/groups', { token: otherCommittee })).body.items[0].id,
      },
    });
    expect(foreign.status).toBe(201);
    expectProblem(await applyFor(server, el.id, a, foreign.body.id), 422, 'PROXY_NOT_VOTER');
    expectProblem(await applyFor(server, el.id, a, randomUUID()), 422, 'PROXY_NOT_VOTER');
    expect(await rowsOf(el.id)).toBe(0);
  });

  it('allows one live application at a time, and a new one after withdrawing', async () => {
    const el = await electionWith([a, b, c]);
    const first = await applyFor(server, el.id, a, b.residentId);
    expect(first.status).toBe(201);
    expectProblem(await applyFor(server, el.id, a, c.residentId), 409, 'DUPLICATE_APPLICATION');
    expect((await withdraw(server, el.id, first.body.id, a)).body.status).toBe('withdrawn');
    expect((await applyFor(server, el.id, a, c.residentId)).status).toBe(201);
  });

  it('holds one live application under two submissions at once', async () => {
    const el = await electionWith([a, b, c]);
    const results = await Promise.all([applyFor(server, el.id, a, b.residentId), applyFor(server, el.id, a, c.residentId)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await rowsOf(el.id)).toBe(1);
  });

  it('closes at 00:00 China time the day before election day (proxyApplyDaysBefore 1)', async () => {
    const el = await createElection(server, committee, daysAhead(10));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId, c.residentId]);
    const closes = beijingMidnight(el.electionDay, -1);
    expect(el.deadlines.proxyApplyClosesAt).toBe(closes.toISOString());
    try {
      server.setNow(justBefore(closes));
      expect((await applyFor(server, el.id, a, b.residentId)).status).toBe(201);
      server.setNow(closes);
      const late = await applyFor(server, el.id, c, b.residentId);
      expectProblem(late, 422, 'PROXY_DEADLINE_PASSED');
      expect(late.body.detail).toContain(el.deadlines.proxyApplyBy);
      // An election that is over refuses too.
      server.setNow(beijingMidnight(el.electionDay, 2));
      expectProblem(await applyFor(server, el.id, c, b.residentId), 422, 'PROXY_DEADLINE_PASSED');
    } finally {
      server.setNow(null);
    }
    expect(await rowsOf(el.id)).toBe(1);
  });

  it('follows the election’s own proxyApplyDaysBefore', async () => {
    const el = await createElection(server, committee, daysAhead(11), { proxyApplyDaysBefore: 3 });
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId]);
    const closes = beijingMidnight(el.electionDay, -3);
    try {
      server.setNow(closes);
      expectProblem(await applyFor(server, el.id, a, b.residentId), 422, 'PROXY_DEADLINE_PASSED');
      server.setNow(justBefore(closes));
      expect((await applyFor(server, el.id, a, b.residentId)).status).toBe(201);
    } finally {
      server.setNow(null);
    }
  });

  it('refuses a proxy who entrusts their own vote, and an applicant who holds others’ entrustments', async () => {
    const el = await electionWith([a, b, c, d]);
    expect((await applyFor(server, el.id, b, c.residentId)).status).toBe(201);
    expectProblem(await applyFor(server, el.id, a, b.residentId), 422, 'PROXY_HAS_ENTRUSTED');
    await consented(el.id, d, a);
    expectProblem(await applyFor(server, el.id, a, c.residentId), 422, 'APPLICANT_IS_PROXY');
  });

  it('refuses another community’s election as not found, and bad ids and empty reasons as validation errors', async () => {
    const el = await electionWith([a, b]);
    const other = await createElection(server, otherCommittee, '2028-12-01');
    expectProblem(await applyFor(server, other.id, a, b.residentId), 404, 'NOT_FOUND');
    expectProblem(
      await server.request('POST', `/api/elections/${el.id}/proxy-applications`, { token: a.token, body: { proxyResidentId: 'x', reason: '' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await server.request('POST', `/api/elections/${el.id}/proxy-applications`, { token: a.token, body: { proxyResidentId: b.residentId, reason: '   ' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await rowsOf(el.id)).toBe(0);
  });
});

describe('finding the proxy by name', () => {
  it('shows registered voters matching the name with their group only, never the searcher', async () => {
    const el = await electionWith([a, b, c]);
    const res = await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('丁')}`, { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ residentId: b.residentId, name: b.name, groupName }]);
    const self = await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('马秀')}`, { token: a.token });
    expect(self.body.items).toEqual([]);
    // Not on this list: not found, though a resident.
    const notVoter = await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('杨')}`, { token: a.token });
    expect(notVoter.body.items).toEqual([]);
    // A wildcard is a letter.
    expect((await server.request('GET', `/api/elections/${el.id}/proxy-search?name=%25`, { token: a.token })).body.items).toEqual([]);
  });

  it('is for voters of the election (and the committee)', async () => {
    const el = await electionWith([a, b]);
    expectProblem(
      await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('丁')}`, { token: outsider.token }),
      422,
      'APPLICANT_NOT_VOTER',
    );
    expect(
      (await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('丁')}`, { token: committee })).body.items,
    ).toHaveLength(1);
    expectProblem(await server.request('GET', `/api/elections/${el.id}/proxy-search?name=`, { token: a.token }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent('丁')}`, { token: otherCommittee }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the proxy’s consent', () => {
  it('moves an accepted request to the committee and closes a declined one', async () => {
    const el = await electionWith([a, b, c]);
    const one = await applyFor(server, el.id, a, b.residentId);
    const accepted = await consent(server, el.id, one.body.id, b, true);
    expect(accepted.body).toMatchObject({ status: 'awaiting_approval', role: 'proxy', consentedAt: expect.any(String) });
    const two = await applyFor(server, el.id, c, b.residentId);
    expect((await consent(server, el.id, two.body.id, b, false)).body.status).toBe('declined');
    // A declined request is closed: neither consent nor approval moves it again.
    expectProblem(await consent(server, el.id, two.body.id, b, true), 409, 'CONFLICT');
    expectProblem(await decide(server, el.id, two.body.id, committee), 409, 'CONFLICT');
    expect(await auditActions(el.id)).toEqual(expect.arrayContaining(['proxy.consented', 'proxy.declined']));
  });

  it('is the named proxy’s alone: the applicant, another voter and the committee get not found', async () => {
    const el = await electionWith([a, b, c]);
    const app = await applyFor(server, el.id, a, b.residentId);
    for (const who of [a, c]) expectProblem(await consent(server, el.id, app.body.id, who), 404, 'NOT_FOUND', NOT_FOUND_APPLICATION);
    expectProblem(
      await server.request('POST', `/api/elections/${el.id}/proxy-applications/${app.body.id}/consent`, { token: committee, body: { accept: true } }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await server.request('POST', `/api/elections/${el.id}/proxy-applications/${app.body.id}/consent`, { token: b.token, body: {} }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses to accept while the proxy entrusts their own vote, and accepts once they withdraw it', async () => {
    const el = await electionWith([a, b, c]);
    const forB = await applyFor(server, el.id, a, b.residentId);
    const own = await applyFor(server, el.id, b, c.residentId);
    expectProblem(await consent(server, el.id, forB.body.id, b), 422, 'PROXY_HAS_ENTRUSTED');
    await withdraw(server, el.id, own.body.id, b);
    expect((await consent(server, el.id, forB.body.id, b)).body.status).toBe('awaiting_approval');
  });

  it('cannot answer a withdrawn request', async () => {
    const el = await electionWith([a, b]);
    const app = await applyFor(server, el.id, a, b.residentId);
    await withdraw(server, el.id, app.body.id, a);
    expectProblem(await consent(server, el.id, app.body.id, b), 409, 'CONFLICT');
  });
});

describe('the committee’s decision', () => {
  it('approves a consented entrustment, and both people see it approved', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    const res = await decide(server, el.id, pid, committee, true, '材料齐全');
    expect(res.body).toMatchObject({ status: 'approved', decisionNote: '材料齐全', decidedAt: expect.any(String) });
    for (const who of [a, b]) {
      const me = await server.request('GET', `/api/elections/${el.id}/me`, { token: who.token });
      expect(me.body.proxyApplications).toEqual([expect.objectContaining({ id: pid, status: 'approved', role: who === a ? 'applicant' : 'proxy' })]);
    }
    expect(await auditActions(el.id)).toEqual([
      'election.created',
      'voter.registered',
      'voter.registered',
      'proxy.applied',
      'proxy.consented',
      'proxy.approved',
    ]);
  });

  it('rejects with a reason, and not without one', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    expectProblem(await decide(server, el.id, pid, committee, false), 400, 'VALIDATION_FAILED');
    expect((await decide(server, el.id, pid, committee, false, '本人选举日在家，可以到场')).body).toMatchObject({
      status: 'rejected',
      decisionNote: '本人选举日在家，可以到场',
    });
    expectProblem(await decide(server, el.id, pid, committee, true), 409, 'CONFLICT');
    expect(await auditActions(el.id)).toContain('proxy.rejected');
  });

  it('waits for the proxy’s consent first', async () => {
    const el = await electionWith([a, b]);
    const app = await applyFor(server, el.id, a, b.residentId);
    expectProblem(await decide(server, el.id, app.body.id, committee), 409, 'CONFLICT');
  });

  it('is for the committee only; another community’s committee gets not found', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    expectProblem(await decide(server, el.id, pid, a.token), 403, 'FORBIDDEN');
    expectProblem(await decide(server, el.id, pid, otherCommittee), 404, 'NOT_FOUND');
    const otherElection = await createElection(server, otherCommittee, '2028-12-02');
    expectProblem(await decide(server, otherElection.id, pid, otherCommittee), 404, 'NOT_FOUND');
  });

  it('refuses an approval beyond maxProxiesPerVoter, and frees the place when one is withdrawn', async () => {
    const el = await electionWith([a, b, c, d, e], { maxProxiesPerVoter: 2 });
    const p1 = await consented(el.id, a, e);
    const p2 = await consented(el.id, b, e);
    const p3 = await consented(el.id, c, e);
    expect((await decide(server, el.id, p1, committee)).status).toBe(200);
    expect((await decide(server, el.id, p2, committee)).status).toBe(200);
    const third = await decide(server, el.id, p3, committee);
    expectProblem(third, 409, 'PROXY_LIMIT_REACHED');
    expect(third.body.detail).toContain('最多接受2份');
    // A full proxy is refused at the application already.
    expectProblem(await applyFor(server, el.id, d, e.residentId), 409, 'PROXY_LIMIT_REACHED');
    // The third waits; once an approved one is withdrawn it fits.
    expect((await server.request('GET', `/api/elections/${el.id}/proxy-applications/${p3}`, { token: c.token })).body.status).toBe('awaiting_approval');
    expect((await withdraw(server, el.id, p1, a)).body.status).toBe('withdrawn');
    expect((await decide(server, el.id, p3, committee)).body.status).toBe('approved');
  });

  it('re-checks the voter list at the moment of approval', async () => {
    const el = await electionWith([a, b, c, d]);
    const p1 = await consented(el.id, a, b);
    const p2 = await consented(el.id, c, d);
    await server.request('DELETE', `/api/elections/${el.id}/voters/${b.residentId}?reason=${encodeURIComponent('已去世')}`, { token: committee });
    await server.request('DELETE', `/api/elections/${el.id}/voters/${c.residentId}?reason=${encodeURIComponent('户籍迁出')}`, { token: committee });
    expectProblem(await decide(server, el.id, p1, committee), 422, 'PROXY_NOT_VOTER');
    expectProblem(await decide(server, el.id, p2, committee), 422, 'APPLICANT_NOT_VOTER');
    const listed = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: committee });
    const checks = listed.body.items.find((i: { id: string }) => i.id === p1).checks;
    expect(checks).toContainEqual(expect.objectContaining({ rule: 'proxyVoter', ok: false, detail: expect.stringContaining('选民名单') }));
  });

  it('approves until 00:00 China time on election day, not after', async () => {
    const el = await createElection(server, committee, daysAhead(12));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId, c.residentId, d.residentId]);
    const p1 = await consented(el.id, a, b);
    const p2 = await consented(el.id, c, d);
    try {
      server.setNow(justBefore(beijingMidnight(el.electionDay)));
      expect((await decide(server, el.id, p1, committee)).body.status).toBe('approved');
      server.setNow(beijingMidnight(el.electionDay));
      expectProblem(await decide(server, el.id, p2, committee), 422, 'PROXY_DEADLINE_PASSED');
    } finally {
      server.setNow(null);
    }
  });

  it('refuses a candidate as proxy unless the rules allow it', async () => {
    const strict = await electionWith([a, b, c]);
    const lenient = await electionWith([a, b], { proxyMayBeCandidate: true });
    const pStrict = await consented(strict.id, a, b);
    const pLenient = await consented(lenient.id, a, b);
    // The candidate list is another engineer's; this suite writes the row the way it would.
    for (const el of [strict, lenient]) {
      await server.db.insert(electionCandidates).values({ communityId, electionId: el.id, residentId: b.residentId, seat: 'members', createdAt: new Date() });
    }
    expectProblem(await decide(server, strict.id, pStrict, committee), 422, 'PROXY_IS_CANDIDATE');
    expect((await decide(server, lenient.id, pLenient, committee)).body.status).toBe('approved');
    // And a candidate cannot be chosen in the first place.
    expectProblem(await applyFor(server, strict.id, c, b.residentId), 422, 'PROXY_IS_CANDIDATE');
    const [row] = await server.db
      .select({ status: proxyApplications.status })
      .from(proxyApplications)
      .where(and(eq(proxyApplications.id, pStrict)));
    expect(row!.status).toBe('awaiting_approval');
  });
});

describe('withdrawing', () => {
  it('is the applicant’s, at any stage, until 00:00 China time on election day', async () => {
    const el = await createElection(server, committee, daysAhead(13));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId, c.residentId, d.residentId]);
    const electionDayStarts = beijingMidnight(el.electionDay);
    const p1 = await consented(el.id, a, b);
    await decide(server, el.id, p1, committee);
    const p2 = await consented(el.id, c, d);
    expectProblem(await withdraw(server, el.id, p1, b), 404, 'NOT_FOUND', NOT_FOUND_APPLICATION);
    expectProblem(await server.request('POST', `/api/elections/${el.id}/proxy-applications/${p1}/withdraw`, { token: committee, body: {} }), 404, 'NOT_FOUND');
    try {
      server.setNow(justBefore(electionDayStarts));
      expect((await withdraw(server, el.id, p1, a)).body).toMatchObject({ status: 'withdrawn', withdrawnAt: justBefore(electionDayStarts).toISOString() });
      server.setNow(electionDayStarts);
      expectProblem(await withdraw(server, el.id, p2, c), 422, 'PROXY_DEADLINE_PASSED');
    } finally {
      server.setNow(null);
    }
    expectProblem(await withdraw(server, el.id, p1, a), 409, 'CONFLICT');
    expect(await auditActions(el.id)).toContain('proxy.withdrawn');
  });
});

describe('the lists', () => {
  it('show the committee every application with its rule checks, and each person only their own', async () => {
    const el = await electionWith([a, b, c, d]);
    const p1 = await consented(el.id, a, b);
    const p2 = (await applyFor(server, el.id, c, d.residentId)).body.id;
    const all = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: committee });
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([p1, p2]);
    expect(all.body.items[0].checks.map((ch: { rule: string; ok: boolean }) => [ch.rule, ch.ok])).toEqual([
      ['selfProxy', true],
      ['applicantVoter', true],
      ['applicantNotOfficial', true],
      ['proxyVoter', true],
      ['beforeElectionDay', true],
      ['proxyNotCandidate', true],
      ['proxyNotEntrusting', true],
      ['proxyLimit', true],
    ]);
    const mine = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: b.token });
    expect(mine.body.items.map((i: { id: string; role: string }) => [i.id, i.role])).toEqual([[p1, 'proxy']]);
    expect(mine.body.items[0].checks).toBeUndefined();
    expect((await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: e.token })).body.items).toEqual([]);
    const filtered = await server.request('GET', `/api/elections/${el.id}/proxy-applications?status=awaiting_consent`, { token: committee });
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([p2]);
    const paged = await server.request('GET', `/api/elections/${el.id}/proxy-applications?limit=1`, { token: committee });
    const next = await server.request('GET', `/api/elections/${el.id}/proxy-applications?limit=1&cursor=${paged.body.nextCursor}`, { token: committee });
    expect([...paged.body.items, ...next.body.items].map((i: { id: string }) => i.id)).toEqual([p1, p2]);
    expectProblem(await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: otherCommittee }), 404, 'NOT_FOUND');
  });

  it('check the rules of a whole page for the committee in as many statements as for one application', async () => {
    const el = await electionWith([a, b, c, d, e, f]);
    const list = async () => {
      const before = server.queryCount();
      const res = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: committee });
      expect(res.body.items.every((i: { checks?: unknown[] }) => i.checks?.length === 8)).toBe(true);
      return server.queryCount() - before;
    };
    await applyFor(server, el.id, a, b.residentId);
    const one = await list();
    await applyFor(server, el.id, c, d.residentId);
    await applyFor(server, el.id, e, f.residentId);
    expect(await list()).toBe(one);
  });

  it('show one application to its applicant, its proxy and the committee only', async () => {
    const el = await electionWith([a, b, c]);
    const pid = (await applyFor(server, el.id, a, b.residentId)).body.id;
    for (const token of [a.token, b.token, committee]) {
      const res = await server.request('GET', `/api/elections/${el.id}/proxy-applications/${pid}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.election).toMatchObject({ id: el.id, electionDay: el.electionDay });
    }
    expectProblem(
      await server.request('GET', `/api/elections/${el.id}/proxy-applications/${pid}`, { token: c.token }),
      404,
      'NOT_FOUND',
      NOT_FOUND_APPLICATION,
    );
    expectProblem(await server.request('GET', `/api/elections/${el.id}/proxy-applications/${pid}`, { token: otherCommittee }), 404, 'NOT_FOUND');
    expectProblem(
      await server.request('GET', `/api/elections/${el.id}/proxy-applications/${randomUUID()}`, { token: committee }),
      404,
      'NOT_FOUND',
      NOT_FOUND_APPLICATION,
    );
  });
});

describe('the approved list for the polling station', () => {
  it('exports approved entrustments only, in stroke order, with typed text never run as a formula', async () => {
    const el = await electionWith([a, b, c, d, f]);
    const p1 = await consented(el.id, a, b);
    await consented(el.id, c, d);
    const p3 = await consented(el.id, f, d);
    await decide(server, el.id, p1, committee);
    await decide(server, el.id, p3, committee);
    const res = await fetch(`${server.url}/api/elections/${el.id}/exports/proxies.xlsx`, { headers: { Authorization: `Bearer ${committee}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual(['序号', '委托人', '委托人所在小组', '受托人', '受托人所在小组', '批准时间']);
    const body = rows.slice(2).filter((r) => typeof r[0] === 'number');
    expect(body.map((r) => [r[1], r[3]])).toEqual([
      [f.name, d.name],
      [a.name, b.name],
    ]);
    // The formula-like name is the text as typed, never a formula, and formatted as text.
    expect(sheet.getCell('B3').formula).toBeUndefined();
    expect(sheet.getCell('B3').numFmt).toBe('@');
    expect(sheet.getCell('B4').numFmt).not.toBe('@');
  });

  it('is for the committee only', async () => {
    const el = await electionWith([a]);
    expectProblem(await server.request('GET', `/api/elections/${el.id}/exports/proxies.xlsx`, { token: a.token }), 403, 'FORBIDDEN');
    expectProblem(await server.request('GET', `/api/elections/${el.id}/exports/proxies.xlsx`, { token: otherCommittee }), 404, 'NOT_FOUND');
  });
});

describe('publishing the approved list', () => {
  it('publishes approved entrustments only as a proxy_list notice that residents read', async () => {
    const el = await electionWith([a, b, c, d]);
    const publish = (token: string) => server.request('POST', `/api/elections/${el.id}/proxy-applications/publish`, { token, body: {} });
    expectProblem(await publish(committee), 422, 'PROXY_LIST_EMPTY');
    const pid = await consented(el.id, a, b);
    await decide(server, el.id, pid, committee);
    await consented(el.id, c, d);
    expectProblem(await publish(a.token), 403, 'FORBIDDEN');
    expectProblem(await publish(otherCommittee), 404, 'NOT_FOUND');
    const res = await publish(committee);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ category: 'election', kind: 'proxy_list', electionId: el.id });
    expect(res.body.body).toContain(`委托人 ${a.name}（${groupName}），受托人 ${b.name}（${groupName}）`);
    expect(res.body.body).not.toContain(c.name);
    const read = await server.request('GET', `/api/notices/${res.body.id}`, { token: d.token });
    expect(read.status).toBe(200);
    expect(read.body.title).toContain('委托投票名单');
    expect(await auditActions(el.id)).toContain('notice.published');
  });
});

describe('the audit chain', () => {
  it('holds every step of an entrustment and still verifies', async () => {
    const el = await electionWith([a, b, c]);
    const pid = await consented(el.id, a, b);
    await decide(server, el.id, pid, committee);
    await withdraw(server, el.id, pid, a);
    const declined = await applyFor(server, el.id, c, b.residentId);
    await consent(server, el.id, declined.body.id, b, false);
    const proxySteps = (await auditActions(el.id)).filter((x: string) => x.startsWith('proxy.'));
    expect(proxySteps).toEqual(['proxy.applied', 'proxy.consented', 'proxy.approved', 'proxy.withdrawn', 'proxy.applied', 'proxy.declined']);
    expect((await server.request('GET', '/api/audit/verify', { token: committee })).body.ok).toBe(true);
  });
});
