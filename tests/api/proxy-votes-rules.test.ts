import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, auditLog, electionCandidates, proxyApplications, residents } from '../../db/schema/index.js';
import { decideProxy } from '../../functions/proxy-votes/decide.js';
import { exportProxies } from '../../functions/proxy-votes/export.js';
import { publishProxyList } from '../../functions/proxy-votes/publish.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem, newIdNumber, verbCtx } from './helpers.js';
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
  withdraw,
} from './proxy-support.js';

/*
 * Each rule of a proxy vote, read the way the applicant, the proxy and the committee meet it: the
 * exact refusal they read, every field of the reply, what is stored and what the audit log keeps.
 */

let server: TestServer;
/** A new election far ahead with the given people on its voter list (proxy-support.ts). */
let electionWith: ReturnType<typeof electionMaker>;
let committee: string;
let committeeAccountId: string;
let groupName: string;
let communityId: string;
let a: Person;
let b: Person;
let c: Person;
let d: Person;
let e: Person;
let f: Person;
let g: Person;
let h: Person;

beforeAll(async () => {
  server = await startTestServer();
  committee = await server.login('staff', 'Staff#2026');
  const groups = await server.request('GET', '/api/groups', { token: committee });
  const groupId = groups.body.items[0].id;
  groupName = groups.body.items[0].name;
  const names = ['马秀英', '丁长福', '王玉兰', '杨建军', '何桂芳', '朱文华', '孙淑珍', '郭德明'];
  [a, b, c, d, e, f, g, h] = (await residentsWithAccounts(server, committee, groupId, names)) as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  electionWith = electionMaker(server, committee, 2029);
  const me = await server.request('GET', '/api/me', { token: committee });
  communityId = me.body.account.roles[0].communityId;
  committeeAccountId = me.body.account.id;
});
afterAll(() => server.close());

/** A clock pinned a little in the past, to whole seconds, so stored times can be compared exactly. */
const pinned = (secondsAgo: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - secondsAgo * 1000);

const accountIdOf = async (p: Person) => (await server.request('GET', '/api/me', { token: p.token })).body.account.id as string;
const storedRow = async (id: string) => (await server.db.select().from(proxyApplications).where(eq(proxyApplications.id, id)))[0]!;
const auditOf = async (id: string) =>
  (
    await server.db
      .select({ action: auditLog.action, electionId: auditLog.electionId, payload: auditLog.payload, at: auditLog.at, actorAccountId: auditLog.actorAccountId })
      .from(auditLog)
      .where(eq(auditLog.subject, `proxy_application:${id}`))
      .orderBy(asc(auditLog.seq))
  ).map((r) => ({ ...r, at: r.at.toISOString() }));
const expectDetail = (res: { status: number; body: { code?: string; detail?: string } }, status: number, code: string, detail: string) => {
  expectProblem(res as never, status, code);
  expect(res.body.detail).toBe(detail);
};
const removeVoter = (electionId: string, p: Person) =>
  server.request('DELETE', `/api/elections/${electionId}/voters/${p.residentId}?reason=${encodeURIComponent('户籍迁出')}`, { token: committee });
const makeCandidate = (electionId: string, p: Person) =>
  server.db.insert(electionCandidates).values({ communityId, electionId, residentId: p.residentId, seat: 'members', createdAt: new Date() });

async function consented(electionId: string, applicant: Person, proxy: Person) {
  const applied = await applyFor(server, electionId, applicant, proxy.residentId);
  expect(applied.status, applied.text).toBe(201);
  const ok = await consent(server, electionId, applied.body.id, proxy);
  expect(ok.status, ok.text).toBe(200);
  return applied.body.id as string;
}
async function approved(electionId: string, applicant: Person, proxy: Person) {
  const pid = await consented(electionId, applicant, proxy);
  const res = await decide(server, electionId, pid, committee);
  expect(res.status, res.text).toBe(200);
  return pid;
}

const PERSON = (p: Person) => ({ residentId: p.residentId, name: p.name, groupName });
/** A resident's sex as stored from their ID number: the application names the applicant's (他 or 她). */
async function sexOf(residentId: string) {
  const [row] = await server.db.select({ sex: residents.sex }).from(residents).where(eq(residents.id, residentId));
  expect(row!.sex).toMatch(/^(male|female)$/);
  return row!.sex;
}

/** The eight checks the committee sees, every one passing unless `failing` says otherwise. */
function checksOf(electionDay: string, max: number, approvedCount: number, failing: Partial<Record<string, string>> = {}) {
  const rows: [string, string][] = [
    ['selfProxy', '委托人和受托人不是同一人'],
    ['applicantVoter', '委托人在选民名单上'],
    ['applicantNotOfficial', '委托人不是选举工作人员'],
    ['proxyVoter', '受托人在选民名单上'],
    ['beforeElectionDay', `选举日（${electionDay}）之前批准`],
    ['proxyNotCandidate', '受托人不是候选人'],
    ['proxyNotEntrusting', '受托人自己没有委托别人'],
    ['proxyLimit', `受托人接受的委托不超过${max}份（已批准${approvedCount}份）`],
  ];
  return rows.map(([rule, label]) => (failing[rule] ? { rule, ok: false, label, detail: failing[rule] } : { rule, ok: true, label }));
}

const DETAIL = {
  applicantNotVoter: '委托人不在本次选举的选民名单上，不能委托投票。',
  proxyNotVoter: '受托人不在本次选举的选民名单上，只能委托本社区已登记的选民。',
  candidate: '受托人是本次选举的候选人，按规定候选人不能接受委托，请另选一位选民。',
  entrusting: '受托人自己已委托别人投票，当天不能到场代投，请另选一位选民。',
  limit: (n: number, max: number) => `受托人已接受${n}份委托，每位选民最多接受${max}份，请另选一位选民。`,
  electionDay: (day: string) => `选举日（${day}）已到，委托投票不能再批准或撤回。`,
  callerNotVoter: '您不在本次选举的选民名单上，不能委托投票。如有疑问请联系选举委员会。',
  official: (role: string) =>
    `委托人已被推选为本次选举的${role}，选举当天要在投票站工作，可以自己投票，不能再请别人替投。如确实不能到场，请选举委员会先另选${role}。`,
};

describe('applying', () => {
  it('answers and stores the application as written, at the moment of the request, with its audit entry', async () => {
    const el = await electionWith([a, b]);
    const at = pinned(30);
    let res: Awaited<ReturnType<typeof applyFor>>;
    try {
      server.setNow(at);
      res = await applyFor(server, el.id, a, b.residentId, '在兰州打工');
    } finally {
      server.setNow(null);
    }
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      electionId: el.id,
      status: 'awaiting_consent',
      reason: '在兰州打工',
      applicant: { ...PERSON(a), sex: await sexOf(a.residentId) },
      proxy: PERSON(b),
      role: 'applicant',
      createdAt: at.toISOString(),
      consentedAt: null,
      decidedAt: null,
      decisionNote: null,
      withdrawnAt: null,
      updatedAt: at.toISOString(),
    });
    const row = await storedRow(res.body.id);
    expect(row).toMatchObject({
      communityId,
      electionId: el.id,
      applicantResidentId: a.residentId,
      proxyResidentId: b.residentId,
      reason: '在兰州打工',
      status: 'awaiting_consent',
      createdByAccountId: await accountIdOf(a),
      createdAt: at,
      updatedAt: at,
    });
    expect(await auditOf(res.body.id)).toEqual([
      {
        action: 'proxy.applied',
        electionId: el.id,
        payload: { applicantResidentId: a.residentId, proxyResidentId: b.residentId, reason: '在兰州打工' },
        at: at.toISOString(),
        actorAccountId: await accountIdOf(a),
      },
    ]);
  });

  it('says exactly why it refuses', async () => {
    const el = await electionWith([a, b, c, d, e, f, g], { maxProxiesPerVoter: 1 });
    expectDetail(await applyFor(server, el.id, a, a.residentId), 422, 'SELF_PROXY', '不能委托自己投票，请选择另一位选民。');
    expectDetail(await applyFor(server, el.id, h, b.residentId), 422, 'APPLICANT_NOT_VOTER', DETAIL.callerNotVoter);
    expectDetail(await applyFor(server, el.id, a, h.residentId), 422, 'PROXY_NOT_VOTER', DETAIL.proxyNotVoter);
    await makeCandidate(el.id, g);
    expectDetail(await applyFor(server, el.id, a, g.residentId), 422, 'PROXY_IS_CANDIDATE', DETAIL.candidate);
    await approved(el.id, c, d);
    expectDetail(await applyFor(server, el.id, a, d.residentId), 409, 'PROXY_LIMIT_REACHED', DETAIL.limit(1, 1));
    expectDetail(await applyFor(server, el.id, a, c.residentId), 422, 'PROXY_HAS_ENTRUSTED', DETAIL.entrusting);
    expectDetail(
      await applyFor(server, el.id, d, a.residentId),
      422,
      'APPLICANT_IS_PROXY',
      '您已接受别人的委托，要到场替他们投票，不能再委托别人。如确实不能到场，请先告知委托您的人撤回申请。',
    );
    expect((await applyFor(server, el.id, a, b.residentId)).status).toBe(201);
    expectDetail(
      await applyFor(server, el.id, a, e.residentId),
      409,
      'DUPLICATE_APPLICATION',
      '您已经有一份委托投票申请在办理或已批准。如要改托别人，请先撤回原来的申请。',
    );
  });

  it('says when applications closed', async () => {
    const el = await createElection(server, committee, daysAhead(10));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId]);
    try {
      server.setNow(beijingMidnight(el.electionDay, -1));
      expectDetail(
        await applyFor(server, el.id, a, b.residentId),
        422,
        'PROXY_DEADLINE_PASSED',
        `委托投票申请已于${el.deadlines.proxyApplyBy}截止（选举日${el.electionDay}），不能再申请。`,
      );
    } finally {
      server.setNow(null);
    }
  });

  it('weighs the voter list, candidates, live applications and approvals of this election only', async () => {
    const other = await electionWith([a, b, c, d, e, h], { maxProxiesPerVoter: 1 });
    await makeCandidate(other.id, b);
    await approved(other.id, c, e);
    expect((await applyFor(server, other.id, h, d.residentId)).status).toBe(201);
    const el = await electionWith([b, c, d, e, f, g, h], { maxProxiesPerVoter: 1 });
    // On the other election's list only.
    expectDetail(await applyFor(server, el.id, a, b.residentId), 422, 'APPLICANT_NOT_VOTER', DETAIL.callerNotVoter);
    // A live application elsewhere is no duplicate here.
    const own = await applyFor(server, el.id, h, g.residentId);
    expect(own.status, own.text).toBe(201);
    await withdraw(server, el.id, own.body.id, h);
    // A candidate elsewhere, a full proxy elsewhere, a proxy entrusting elsewhere: none of it counts here.
    const pids: string[] = [];
    for (const [applicant, proxy] of [
      [g, b],
      [d, e],
      [f, c],
    ] as const) {
      const res = await applyFor(server, el.id, applicant, proxy.residentId);
      expect(res.status, res.text).toBe(201);
      expect((await consent(server, el.id, res.body.id, proxy)).status).toBe(200);
      pids.push(res.body.id);
    }
    const listed = await server.request('GET', `/api/elections/${el.id}/proxy-applications?status=awaiting_approval`, { token: committee });
    expect(listed.body.items).toHaveLength(3);
    for (const item of listed.body.items) expect(item.checks).toEqual(checksOf(el.electionDay, 1, 0));
    for (const pid of pids) expect((await decide(server, el.id, pid, committee)).body.status).toBe('approved');
  });

  it('lets a voter named in a request they have not accepted entrust their own vote, not once they accepted', async () => {
    const el = await electionWith([a, b, c, d, e]);
    const toA = (await applyFor(server, el.id, b, a.residentId)).body.id;
    const own = await applyFor(server, el.id, a, c.residentId);
    expect(own.status, own.text).toBe(201);
    await withdraw(server, el.id, own.body.id, a);
    // Accepted (awaiting approval), then approved: refused both times.
    expect((await consent(server, el.id, toA, a)).status).toBe(200);
    expectProblem(await applyFor(server, el.id, a, c.residentId), 422, 'APPLICANT_IS_PROXY');
    expect((await decide(server, el.id, toA, committee)).status).toBe(200);
    expectProblem(await applyFor(server, el.id, a, c.residentId), 422, 'APPLICANT_IS_PROXY');
    // Once that entrustment is withdrawn, the proxy is free to entrust again.
    await withdraw(server, el.id, toA, b);
    expect((await applyFor(server, el.id, a, c.residentId)).status).toBe(201);
  });

  it('refuses to entrust the vote of an official of the day, when she applies and when the committee approves (APPLICANT_IS_OFFICIAL)', async () => {
    const el = await electionWith([a, b, c, d]);
    const appoint = (p: Person, role: string) =>
      server.request('POST', `/api/elections/${el.id}/officials`, { token: committee, body: { residentId: p.residentId, role } });
    // Appointed first, then applying: refused at once, in words that name her post.
    expect((await appoint(a, 'monitor')).status).toBe(201);
    expectDetail(await applyFor(server, el.id, a, b.residentId), 422, 'APPLICANT_IS_OFFICIAL', DETAIL.official('监票员'));
    expect(await server.db.select().from(proxyApplications).where(eq(proxyApplications.electionId, el.id))).toEqual([]);
    // Applying first, appointed while the application waits: the queue shows why, approval is refused, rejection still works.
    const pid = await consented(el.id, c, d);
    const checksOfC = async () =>
      (await server.request('GET', `/api/elections/${el.id}/proxy-applications/${pid}`, { token: committee })).body.checks as unknown[];
    expect(await checksOfC()).toEqual(checksOf(el.electionDay, 3, 0));
    expect((await appoint(c, 'counter')).status).toBe(201);
    expect(await checksOfC()).toEqual(checksOf(el.electionDay, 3, 0, { applicantNotOfficial: DETAIL.official('计票员') }));
    expectDetail(await decide(server, el.id, pid, committee), 422, 'APPLICANT_IS_OFFICIAL', DETAIL.official('计票员'));
    expect((await storedRow(pid)).status).toBe('awaiting_approval');
    expect((await decide(server, el.id, pid, committee, false, '已推选为计票员')).status).toBe(200);
    expect((await storedRow(pid)).status).toBe('rejected');
  });

  it('counts on the committee’s page each proxy’s own approved entrustments, not another proxy’s', async () => {
    const el = await electionWith([a, b, c, d, e]);
    await approved(el.id, c, d);
    const toB = (await applyFor(server, el.id, a, b.residentId)).body.id as string;
    const toD = (await applyFor(server, el.id, e, d.residentId)).body.id as string;
    const listed = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: committee });
    const checksOfApp = (id: string) => listed.body.items.find((i: { id: string }) => i.id === id).checks;
    expect(checksOfApp(toB)).toEqual(checksOf(el.electionDay, 3, 0));
    expect(checksOfApp(toD)).toEqual(checksOf(el.electionDay, 3, 1));
  });

  it('refuses a proxy whose own entrustment is awaiting consent, awaiting approval or approved, and the committee sees why', async () => {
    const el = await electionWith([a, b, c, d, e]);
    // Named first (a request not yet accepted), then entrusting their own vote.
    const toB = (await applyFor(server, el.id, d, b.residentId)).body.id;
    const mine = (await applyFor(server, el.id, b, c.residentId)).body.id;
    const notEntrusting = checksOf(el.electionDay, 3, 0);
    const entrusting = checksOf(el.electionDay, 3, 0, { proxyNotEntrusting: DETAIL.entrusting });
    const checksOfToB = async () =>
      (await server.request('GET', `/api/elections/${el.id}/proxy-applications/${toB}`, { token: committee })).body.checks as unknown[];
    const refusedAt = async () => {
      expectDetail(await applyFor(server, el.id, a, b.residentId), 422, 'PROXY_HAS_ENTRUSTED', DETAIL.entrusting);
      expectProblem(await consent(server, el.id, toB, b), 422, 'PROXY_HAS_ENTRUSTED');
      expect(await checksOfToB()).toEqual(entrusting);
    };
    await refusedAt();
    await consent(server, el.id, mine, c);
    await refusedAt();
    await decide(server, el.id, mine, committee);
    await refusedAt();
    await withdraw(server, el.id, mine, b);
    expect(await checksOfToB()).toEqual(notEntrusting);
    expect((await applyFor(server, el.id, a, b.residentId)).status).toBe(201);
  });

  it('no longer counts a proxy’s declined or rejected entrustment as live', async () => {
    const el = await electionWith([a, b, c, d, e]);
    const declined = (await applyFor(server, el.id, b, c.residentId)).body.id;
    await consent(server, el.id, declined, c, false);
    expect((await applyFor(server, el.id, a, b.residentId)).status).toBe(201);
    const rejected = await consented(el.id, d, e);
    await decide(server, el.id, rejected, committee, false, '理由不充分');
    expect((await applyFor(server, el.id, c, d.residentId)).status).toBe(201);
  });
});

describe('the proxy’s answer', () => {
  it('stores the acceptance at the moment it is given, with its audit entry', async () => {
    const el = await electionWith([a, b, c]);
    const pid = (await applyFor(server, el.id, a, b.residentId)).body.id;
    const other = (await applyFor(server, el.id, c, b.residentId)).body.id;
    const at = pinned(20);
    const answers: Awaited<ReturnType<typeof consent>>[] = [];
    try {
      server.setNow(at);
      answers.push(await consent(server, el.id, pid, b, true), await consent(server, el.id, other, b, false));
    } finally {
      server.setNow(null);
    }
    expect(answers[0]!.body).toMatchObject({ status: 'awaiting_approval', role: 'proxy', consentedAt: at.toISOString(), updatedAt: at.toISOString() });
    expect(answers[1]!.body).toMatchObject({ status: 'declined', role: 'proxy', consentedAt: at.toISOString(), updatedAt: at.toISOString() });
    expect(await storedRow(pid)).toMatchObject({ status: 'awaiting_approval', consentedAt: at, updatedAt: at });
    expect(await storedRow(other)).toMatchObject({ status: 'declined', consentedAt: at, updatedAt: at });
    expect((await auditOf(pid))[1]).toMatchObject({
      action: 'proxy.consented',
      electionId: el.id,
      payload: { applicantResidentId: a.residentId, proxyResidentId: b.residentId },
      at: at.toISOString(),
    });
    expect((await auditOf(other))[1]).toMatchObject({
      action: 'proxy.declined',
      electionId: el.id,
      payload: { applicantResidentId: c.residentId, proxyResidentId: b.residentId },
    });
  });

  it('lets a proxy who entrusts their own vote decline, and tells them why they cannot accept', async () => {
    const el = await electionWith([a, b, c]);
    const first = (await applyFor(server, el.id, a, b.residentId)).body.id;
    await applyFor(server, el.id, b, c.residentId);
    expectDetail(
      await consent(server, el.id, first, b, true),
      422,
      'PROXY_HAS_ENTRUSTED',
      '您自己已委托别人投票，选举日不能到场替别人投票。如要接受委托，请先撤回您自己的委托申请。',
    );
    expect((await consent(server, el.id, first, b, false)).body.status).toBe('declined');
  });

  it('is given until 00:00 China time on election day', async () => {
    const el = await createElection(server, committee, daysAhead(14));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId, c.residentId, d.residentId]);
    const p1 = (await applyFor(server, el.id, a, b.residentId)).body.id;
    const p2 = (await applyFor(server, el.id, c, d.residentId)).body.id;
    const dayStarts = beijingMidnight(el.electionDay);
    try {
      server.setNow(justBefore(dayStarts));
      expect((await consent(server, el.id, p1, b)).body.status).toBe('awaiting_approval');
      server.setNow(dayStarts);
      expectDetail(await consent(server, el.id, p2, d), 422, 'PROXY_DEADLINE_PASSED', `选举日（${el.electionDay}）已到，委托投票不能再确认。`);
      expectDetail(await decide(server, el.id, p1, committee), 422, 'PROXY_DEADLINE_PASSED', DETAIL.electionDay(el.electionDay));
      // On election day the committee's queue shows the calendar check failing.
      const detail = await server.request('GET', `/api/elections/${el.id}/proxy-applications/${p1}`, { token: committee });
      expect(detail.body.checks).toEqual(checksOf(el.electionDay, 3, 0, { beforeElectionDay: DETAIL.electionDay(el.electionDay) }));
    } finally {
      server.setNow(null);
    }
    expect((await storedRow(p2)).status).toBe('awaiting_consent');
  });
});

describe('a step the status does not allow', () => {
  it('says which stage the application is at', async () => {
    const el = await electionWith([a, b, c, d, e, f]);
    const refusal = (stage: string) => `${stage}不能再办理这一步。`;
    const waiting = (await applyFor(server, el.id, a, b.residentId)).body.id;
    expectDetail(await decide(server, el.id, waiting, committee), 409, 'CONFLICT', refusal('这份委托还在等受托人确认。'));
    await consent(server, el.id, waiting, b);
    expectDetail(await consent(server, el.id, waiting, b), 409, 'CONFLICT', refusal('受托人已经确认，这份委托正在等选举委员会审批。'));
    await decide(server, el.id, waiting, committee);
    expectDetail(await decide(server, el.id, waiting, committee), 409, 'CONFLICT', refusal('这份委托已经批准。'));
    const rejected = await consented(el.id, c, d);
    await decide(server, el.id, rejected, committee, false, '不符合条件');
    expectDetail(await withdraw(server, el.id, rejected, c), 409, 'CONFLICT', refusal('这份委托已被选举委员会驳回。'));
    const declined = (await applyFor(server, el.id, e, f.residentId)).body.id;
    await consent(server, el.id, declined, f, false);
    expectDetail(await withdraw(server, el.id, declined, e), 409, 'CONFLICT', refusal('受托人已经拒绝了这份委托。'));
    await withdraw(server, el.id, waiting, a);
    expectDetail(await withdraw(server, el.id, waiting, a), 409, 'CONFLICT', refusal('这份委托已经撤回。'));
  });
});

describe('the committee’s decision', () => {
  it('stores who approved and when, answers without a role, and audits it', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    const at = pinned(10);
    let res: Awaited<ReturnType<typeof decide>>;
    try {
      server.setNow(at);
      res = await decide(server, el.id, pid, committee);
    } finally {
      server.setNow(null);
    }
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', decidedAt: at.toISOString(), decisionNote: null, updatedAt: at.toISOString() });
    expect(res.body).not.toHaveProperty('role');
    expect(await storedRow(pid)).toMatchObject({
      status: 'approved',
      decidedAt: at,
      decidedByAccountId: committeeAccountId,
      decisionNote: null,
      updatedAt: at,
    });
    expect((await auditOf(pid))[2]).toEqual({
      action: 'proxy.approved',
      electionId: el.id,
      payload: { applicantResidentId: a.residentId, proxyResidentId: b.residentId, note: null },
      at: at.toISOString(),
      actorAccountId: committeeAccountId,
    });
  });

  it('may reject an entrustment that breaks a rule, and audits the reason', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    await removeVoter(el.id, b);
    expectDetail(await decide(server, el.id, pid, committee), 422, 'PROXY_NOT_VOTER', DETAIL.proxyNotVoter);
    const res = await decide(server, el.id, pid, committee, false, '受托人已不在选民名单上');
    expect(res.body).toMatchObject({ status: 'rejected', decisionNote: '受托人已不在选民名单上', decidedAt: expect.any(String) });
    expect(await storedRow(pid)).toMatchObject({ status: 'rejected', decidedByAccountId: committeeAccountId, decisionNote: '受托人已不在选民名单上' });
    expect((await auditOf(pid))[2]).toMatchObject({
      action: 'proxy.rejected',
      payload: { applicantResidentId: a.residentId, proxyResidentId: b.residentId, note: '受托人已不在选民名单上' },
    });
  });

  it('reads the proxy’s place on this election’s list, not another’s', async () => {
    // Registered on an earlier election's list, taken off this one.
    await electionWith([b]);
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    await removeVoter(el.id, b);
    expectProblem(await decide(server, el.id, pid, committee), 422, 'PROXY_NOT_VOTER');
  });

  it('refuses an applicant taken off the list, and a proxy at the limit, in words', async () => {
    const el = await electionWith([a, b, c, d, e, f], { maxProxiesPerVoter: 2 });
    const p1 = await consented(el.id, a, b);
    await removeVoter(el.id, a);
    expectDetail(await decide(server, el.id, p1, committee), 422, 'APPLICANT_NOT_VOTER', DETAIL.applicantNotVoter);
    const third = await consented(el.id, f, e);
    await approved(el.id, c, e);
    await approved(el.id, d, e);
    expectDetail(await decide(server, el.id, third, committee), 409, 'PROXY_LIMIT_REACHED', DETAIL.limit(2, 2));
    expect((await storedRow(third)).status).toBe('awaiting_approval');
  });

  it('holds in the verbs themselves: a resident’s ctx cannot decide, publish or export', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    await decide(server, el.id, pid, committee);
    const me = (await server.request('GET', '/api/me', { token: c.token })).body;
    const ctx = verbCtx(server, { accountId: me.account.id, name: me.account.name, communityId, roles: ['resident'] });
    await expect(decideProxy({ ctx, input: { electionId: el.id, applicationId: pid, approve: false, note: '冒名' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(publishProxyList({ ctx, input: { electionId: el.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportProxies({ ctx, input: { electionId: el.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await storedRow(pid)).status).toBe('approved');
    const notices = await server.request('GET', `/api/notices?limit=100`, { token: committee });
    expect((notices.body.items ?? []).filter((n: { electionId?: string }) => n.electionId === el.id)).toEqual([]);
  });
});

describe('withdrawing', () => {
  it('stores the moment and audits the stage it was withdrawn from', async () => {
    const el = await electionWith([a, b]);
    const pid = await approved(el.id, a, b);
    const at = pinned(5);
    let res: Awaited<ReturnType<typeof withdraw>>;
    try {
      server.setNow(at);
      res = await withdraw(server, el.id, pid, a);
    } finally {
      server.setNow(null);
    }
    expect(res.body).toMatchObject({ status: 'withdrawn', role: 'applicant', withdrawnAt: at.toISOString(), updatedAt: at.toISOString() });
    expect(await storedRow(pid)).toMatchObject({ status: 'withdrawn', withdrawnAt: at, updatedAt: at });
    expect((await auditOf(pid)).at(-1)).toEqual({
      action: 'proxy.withdrawn',
      electionId: el.id,
      payload: { previousStatus: 'approved', applicantResidentId: a.residentId, proxyResidentId: b.residentId },
      at: at.toISOString(),
      actorAccountId: await accountIdOf(a),
    });
  });

  it('says it is too late on election day', async () => {
    const el = await createElection(server, committee, daysAhead(15));
    await registerVoters(server, committee, el.id, [a.residentId, b.residentId]);
    const pid = (await applyFor(server, el.id, a, b.residentId)).body.id;
    try {
      server.setNow(beijingMidnight(el.electionDay));
      expectDetail(await withdraw(server, el.id, pid, a), 422, 'PROXY_DEADLINE_PASSED', `选举日（${el.electionDay}）已到，委托不能再撤回。`);
    } finally {
      server.setNow(null);
    }
    expect((await storedRow(pid)).status).toBe('awaiting_consent');
  });
});

describe('the committee’s queue', () => {
  it('shows each open application’s checks as they stand, and none on closed ones', async () => {
    const el = await electionWith([a, b, c, d, e, f, g, h], { maxProxiesPerVoter: 1 });
    const day = el.electionDay;
    const candidate = await consented(el.id, a, b);
    await makeCandidate(el.id, b);
    const entrusting = (await applyFor(server, el.id, c, d.residentId)).body.id;
    const offList = (await applyFor(server, el.id, d, e.residentId)).body.id;
    const done = await consented(el.id, f, g);
    const full = await consented(el.id, h, g);
    await decide(server, el.id, done, committee);
    await removeVoter(el.id, e);
    await removeVoter(el.id, h);
    const listed = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: committee });
    const checks = new Map(listed.body.items.map((i: { id: string; checks?: unknown }) => [i.id, i.checks]));
    expect(checks.get(candidate)).toEqual(checksOf(day, 1, 0, { proxyNotCandidate: DETAIL.candidate }));
    expect(checks.get(entrusting)).toEqual(checksOf(day, 1, 0, { proxyNotEntrusting: DETAIL.entrusting }));
    expect(checks.get(offList)).toEqual(checksOf(day, 1, 0, { proxyVoter: DETAIL.proxyNotVoter }));
    expect(checks.get(full)).toEqual(checksOf(day, 1, 1, { applicantVoter: DETAIL.applicantNotVoter, proxyLimit: DETAIL.limit(1, 1) }));
    expect(checks.has(done)).toBe(true);
    expect(checks.get(done)).toBeUndefined();
    // One application's page shows the same.
    const one = await server.request('GET', `/api/elections/${el.id}/proxy-applications/${full}`, { token: committee });
    expect(one.body.checks).toEqual(checks.get(full));
    const closed = await server.request('GET', `/api/elections/${el.id}/proxy-applications/${done}`, { token: committee });
    expect(closed.body).not.toHaveProperty('checks');
    expect(closed.body.election).toEqual({ id: el.id, title: `委托投票测试${day}`, electionDay: day });
  });

  it('answers an application under another election of the community as not found', async () => {
    const el = await electionWith([a, b]);
    const other = await electionWith([a, b]);
    const pid = (await applyFor(server, el.id, a, b.residentId)).body.id;
    for (const token of [committee, a.token]) {
      expectProblem(await server.request('GET', `/api/elections/${other.id}/proxy-applications/${pid}`, { token }), 404, 'NOT_FOUND');
    }
    expectProblem(await consent(server, other.id, pid, b), 404, 'NOT_FOUND');
    expectProblem(await withdraw(server, other.id, pid, a), 404, 'NOT_FOUND');
    expect((await storedRow(pid)).status).toBe('awaiting_consent');
  });

  it('is empty for an account without a resident record', async () => {
    const el = await electionWith([a, b]);
    await applyFor(server, el.id, a, b.residentId);
    const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13712349902', password: 'NoRes#2026', name: '新用户' } });
    const res = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: reg.body.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });
});

describe('committee members and administrators who are residents too', () => {
  it('see the whole queue with its checks, with no part of their own in others’ applications', async () => {
    const el = await electionWith([a, b, c]);
    const pid = (await applyFor(server, el.id, a, b.residentId)).body.id;
    const granted = await server.db
      .insert(accountRoles)
      .values([
        { accountId: await accountIdOf(c), communityId, role: 'committee' as const },
        { accountId: await accountIdOf(d), communityId, role: 'admin' as const },
      ])
      .returning({ id: accountRoles.id });
    try {
      for (const who of [c, d]) {
        const listed = await server.request('GET', `/api/elections/${el.id}/proxy-applications`, { token: who.token });
        expect(listed.status, listed.text).toBe(200);
        expect(listed.body.items).toEqual([expect.objectContaining({ id: pid, role: null, checks: checksOf(el.electionDay, 3, 0) })]);
        const one = await server.request('GET', `/api/elections/${el.id}/proxy-applications/${pid}`, { token: who.token });
        expect(one.body).toMatchObject({ id: pid, role: null, checks: checksOf(el.electionDay, 3, 0) });
      }
      // The administrator is not on this voter list, yet may look a voter up.
      const found = await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent(b.name)}`, { token: d.token });
      expect(found.body.items).toEqual([PERSON(b)]);
    } finally {
      await server.db.delete(accountRoles).where(
        inArray(
          accountRoles.id,
          granted.map((r) => r.id),
        ),
      );
    }
  });
});

describe('my election page', () => {
  it('lists the entrustments I made or am named in, of this election only', async () => {
    const el = await electionWith([a, b, c, d]);
    const other = await electionWith([a, b]);
    const namingMe = (await applyFor(server, el.id, c, a.residentId)).body.id;
    const mine = (await applyFor(server, el.id, a, b.residentId)).body.id;
    await applyFor(server, el.id, d, b.residentId);
    await applyFor(server, other.id, a, b.residentId);
    const me = await server.request('GET', `/api/elections/${el.id}/me`, { token: a.token });
    expect(me.body.proxyApplications.map((p: { id: string; role: string }) => [p.id, p.role]).sort()).toEqual(
      [
        [mine, 'applicant'],
        [namingMe, 'proxy'],
      ].sort(),
    );
  });
});

describe('finding the proxy by name', () => {
  it('lists registered voters of this election only, by name, at most twenty', async () => {
    const el = await electionWith([a, b, c, d, e, f]);
    await electionWith([g]);
    await removeVoter(el.id, f);
    const find = async (name: string) =>
      (await server.request('GET', `/api/elections/${el.id}/proxy-search?name=${encodeURIComponent(name)}`, { token: a.token })).body.items;
    // 孙淑珍 is a voter elsewhere only; 朱文华 was taken off this list.
    expect(await find('孙')).toEqual([]);
    expect(await find('朱')).toEqual([]);
    for (const p of [b, c, d, e]) expect(await find(p.name)).toEqual([PERSON(p)]);
    // Twenty at most, sorted by name.
    const many = await electionWith([a]);
    const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[0].id;
    const ids: string[] = [];
    for (let i = 0; i < 21; i += 1) {
      const created = await server.request('POST', '/api/residents', {
        token: committee,
        body: { name: `同名${String.fromCharCode(0x4e00 + 20 - i)}`, idNumber: newIdNumber('19700101'), groupId },
      });
      expect(created.status, created.text).toBe(201);
      ids.push(created.body.id);
    }
    await registerVoters(server, committee, many.id, ids);
    const found = (await server.request('GET', `/api/elections/${many.id}/proxy-search?name=${encodeURIComponent('同名')}`, { token: a.token })).body.items;
    expect(found).toHaveLength(20);
    const names = found.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('publishing the approved list', () => {
  it('publishes the approved entrustments in stroke order, numbered, with the election’s day', async () => {
    const el = await electionWith([a, b, c, d]);
    const publish = () => server.request('POST', `/api/elections/${el.id}/proxy-applications/publish`, { token: committee, body: {} });
    expectDetail(await publish(), 422, 'PROXY_LIST_EMPTY', '还没有批准的委托投票，暂时不用公布名单。');
    await approved(el.id, a, b);
    await approved(el.id, c, d);
    const res = await publish();
    expect(res.status, res.text).toBe(201);
    expect(res.body.title).toBe(`委托投票测试${el.electionDay}委托投票名单`);
    // 丁 (2 strokes) before 马 (3) before 王 (4): here 马秀英 and 王玉兰 are the applicants.
    expect(res.body.body).toBe(
      [
        `经选举委员会批准，以下2位选民委托他人在选举日（${el.electionDay}）代为投票：`,
        `1. 委托人 ${a.name}（${groupName}），受托人 ${b.name}（${groupName}）`,
        `2. 委托人 ${c.name}（${groupName}），受托人 ${d.name}（${groupName}）`,
        '受托人请于选举日带上委托书到投票站。如有异议，请向选举委员会反映。',
      ].join('\n'),
    );
  });

  it('goes out at once to residents who follow election notices on WeChat', async () => {
    const el = await electionWith([a, b]);
    const wx = (path: string, body: unknown) => server.request('POST', `/__wechat${path}`, { body });
    const openid = `o-${randomUUID()}`;
    const login = await server.request('POST', '/api/auth/wechat', { body: { code: (await wx('/test/login-code', { openid })).body.code } });
    const token = login.body.token as string;
    expect((await server.request('PUT', '/api/subscriptions', { token, body: { categories: ['election'] } })).status).toBe(200);
    await wx('/test/subscribe-accept', { openid, templateId: 'stand-in-notice-template' });
    await server.request('POST', '/api/subscriptions/grants', { token, body: { results: { 'stand-in-notice-template': 'accept' } } });
    await approved(el.id, a, b);
    const res = await server.request('POST', `/api/elections/${el.id}/proxy-applications/publish`, { token: committee, body: {} });
    expect(res.status, res.text).toBe(201);
    // No scheduled run is needed: publishing starts the delivery itself.
    let got: { page: string }[] = [];
    for (let i = 0; i < 50 && got.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      got = (await server.request('GET', `/__wechat/test/messages?openid=${openid}`)).body.items;
    }
    expect(got).toHaveLength(1);
    expect(got[0]!.page).toBe(`notices/detail/index?id=${res.body.id}`);
  });
});

describe('the approved list for the polling station', () => {
  it('heads the sheet with the election and gives each approval its China time, as a named download', async () => {
    const el = await electionWith([a, b]);
    const pid = await consented(el.id, a, b);
    const at = pinned(90);
    // 批准时间 is the minute in Beijing (UTC+8).
    const beijingMinute = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    try {
      server.setNow(at);
      expect((await decide(server, el.id, pid, committee)).status).toBe(200);
    } finally {
      server.setNow(null);
    }
    const exportedAt = pinned(30);
    let res: Response;
    try {
      server.setNow(exportedAt);
      res = await fetch(`${server.url}/api/elections/${el.id}/exports/proxies.xlsx`, { headers: { Authorization: `Bearer ${committee}` } });
    } finally {
      server.setNow(null);
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="proxies.xlsx"; filename*=UTF-8''${encodeURIComponent('委托投票名单.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.created).toEqual(exportedAt);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('委托投票名单');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      [`委托投票测试${el.electionDay}　委托投票名单（选举日 ${el.electionDay}）`],
      ['序号', '委托人', '委托人所在小组', '受托人', '受托人所在小组', '批准时间'],
      [1, a.name, groupName, b.name, groupName, beijingMinute],
      // The printed list's check code (API.md "Anchors"), below a blank row.
      [expect.stringMatching(/^核验码 [0-9a-f]{10}（第\d+条记录）　可在“公告核验”页输入核验码查验$/)],
    ]);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getRow(2).font).toMatchObject({ bold: true });
    expect(sheet.columns.map((col) => col.width)).toEqual([6, 12, 16, 12, 16, 18]);
  });
});
