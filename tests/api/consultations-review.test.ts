import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditAnchors,
  electionBallots,
  electionRounds,
  electionTallies,
  electionVoters,
  proxyApplications,
  residentGroups,
  residents,
  serviceRatings,
  serviceRequestEvents,
  serviceRequests,
  voterObjections,
} from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem } from './helpers.js';

/**
 * The review report (回头检视报告) against an independent recount: the test generates a whole
 * election's record (voters, ballots by group, proxies, objections, rounds and counts, anchors),
 * a quarter of service requests and a consultation, keeps its own tally of what it made, and
 * checks every figure of GET /api/reviews against it.
 */
let server: TestServer;
let committee: string;
let resident: string;
let communityId: string;
let staffAccountId: string;
let electionId: string;

// A small deterministic generator, so a failure is the same on every run.
let seed = 20270101;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const expected = {
  voters: 0,
  ballots: 0,
  byProxy: 0,
  proxies: 0,
  proxiesApproved: 0,
  objections: 0,
  upheld: 0,
  dismissed: 0,
  open: 0,
  rounds: 1,
  invalid: 0,
  cast: 0,
  anchors: 0,
  byGroup: new Map<string, { voters: number; voted: number }>(),
  requests: 0,
  repliedInTime: 0,
  resolved: 0,
  resolvedInTime: 0,
  reopened: 0,
  ratings: [] as number[],
  replyHours: [] as number[],
  resolveHours: [] as number[],
  byCategory: new Map<string, number>(),
};

const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  server.setNow(new Date('2027-04-02T02:00:00Z'));
  committee = await server.login('staff', 'Staff#2026');
  resident = await server.login('resident1', 'Resident#2026');
  communityId = (await server.request('GET', '/api/community', { token: committee })).body.id;
  staffAccountId = (await server.request('GET', '/api/me', { token: committee })).body.account.id;
  const e = await server.request('POST', '/api/elections', {
    token: committee,
    body: { title: '第一届居委会选举', electionDay: '2027-01-16', seats: { director: 1, deputyDirector: 1, members: 3 } },
  });
  expect(e.status, e.text).toBe(201);
  electionId = e.body.id;
  server.setNow(new Date('2026-12-10T02:00:00Z'));
  const reg = await server.request('POST', `/api/elections/${electionId}/voters`, { token: committee, body: { all: true } });
  expect(reg.status, reg.text).toBeLessThan(300);
  server.setNow(new Date('2027-04-02T02:00:00Z'));

  // The voters and, for some, a ballot on the day (some through a proxy).
  const groups = await server.db.select().from(residentGroups).where(eq(residentGroups.communityId, communityId));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const voters = await server.db
    .select({ id: residents.id, groupId: residents.groupId })
    .from(electionVoters)
    .innerJoin(residents, eq(residents.id, electionVoters.residentId))
    .where(and(eq(electionVoters.electionId, electionId), eq(electionVoters.status, 'registered')));
  expect(voters.length).toBeGreaterThan(20);
  expected.voters = voters.length;
  const dayAt = new Date('2027-01-16T01:00:00Z');
  for (const v of voters) {
    const g = expected.byGroup.get(groupName.get(v.groupId)!) ?? { voters: 0, voted: 0 };
    g.voters++;
    expected.byGroup.set(groupName.get(v.groupId)!, g);
  }
  const holder = voters[0]!;
  for (const [i, v] of voters.entries()) {
    if (rand() < 0.2) continue;
    let proxyApplicationId: string | null = null;
    if (i > 0 && rand() < 0.1) {
      const [p] = await server.db
        .insert(proxyApplications)
        .values({
          communityId,
          electionId,
          applicantResidentId: v.id,
          proxyResidentId: holder.id,
          reason: '外出务工',
          status: 'approved',
          createdAt: dayAt,
          updatedAt: dayAt,
          decidedAt: dayAt,
        })
        .returning();
      proxyApplicationId = p!.id;
      expected.proxies++;
      expected.proxiesApproved++;
      expected.byProxy++;
    }
    await server.db.insert(electionBallots).values({
      communityId,
      electionId,
      voterResidentId: v.id,
      handedToResidentId: proxyApplicationId ? holder.id : v.id,
      proxyApplicationId,
      issuedAt: dayAt,
      round: 1,
    });
    expected.ballots++;
    expected.byGroup.get(groupName.get(v.groupId)!)!.voted++;
  }
  // A declined entrustment: counted as an application, not approved.
  await server.db.insert(proxyApplications).values({
    communityId,
    electionId,
    applicantResidentId: voters[1]!.id,
    proxyResidentId: voters[2]!.id,
    reason: '生病',
    status: 'declined',
    createdAt: dayAt,
    updatedAt: dayAt,
  });
  expected.proxies++;
  // Objections and their outcomes.
  for (const [i, status] of (['upheld', 'dismissed', 'dismissed', 'open'] as const).entries()) {
    await server.db.insert(voterObjections).values({
      communityId,
      electionId,
      kind: 'omitted',
      reason: `异议${i}`,
      status,
      objectorAccountId: staffAccountId,
      dueBy: '2026-12-20',
      createdAt: new Date('2026-12-15T02:00:00Z'),
    } as typeof voterObjections.$inferInsert);
    expected.objections++;
    if (status === 'upheld') expected.upheld++;
    else if (status === 'dismissed') expected.dismissed++;
    else expected.open++;
  }
  // Two counters' entries per round; the later entry of each round is the one that stands. A further round.
  const counter = voters[3]!.id;
  const entries = [
    { round: 1, cast: expected.ballots, invalid: 5, at: '2027-01-16T08:00:00Z' },
    { round: 1, cast: expected.ballots, invalid: 4, at: '2027-01-16T08:10:00Z' },
    { round: 2, cast: 30, invalid: 2, at: '2027-01-16T10:00:00Z' },
    { round: 2, cast: 30, invalid: 2, at: '2027-01-16T10:05:00Z' },
  ];
  for (const t of entries) {
    await server.db.insert(electionTallies).values({
      communityId,
      electionId,
      round: t.round,
      counterResidentId: counter,
      enteredByAccountId: staffAccountId,
      ballotsCast: t.cast,
      invalidBallots: t.invalid,
      votes: {},
      writeIns: [],
      fingerprint: `${t.round}:${t.cast}:${t.invalid}`,
      createdAt: new Date(t.at),
    });
  }
  expected.invalid = 4 + 2;
  expected.cast = expected.ballots + 30;
  await server.db.insert(electionRounds).values({
    communityId,
    electionId,
    n: 2,
    kind: 'further',
    seat: 'members',
    seatsToFill: 1,
    contenders: [],
    openedAt: new Date('2027-01-16T09:00:00Z'),
  });
  expected.rounds = 2;
  for (const [i, what] of ['notice', 'results_poster', 'certificate'].entries()) {
    await server.db.insert(auditAnchors).values({
      communityId,
      seq: 1000 + i,
      hash: `${'a'.repeat(60)}${i}000`,
      code: `aaaaaaaaa${i}`,
      what,
      subject: electionId,
      label: `锚点${i}`,
      electionId,
      at: dayAt,
    });
    expected.anchors++;
  }

  // A quarter of service requests (and some outside it, which the report must leave out).
  const cats = [
    { code: 'certificate', name: '证明开具', accept: 8, resolve: 48 },
    { code: 'sanitation', name: '环境卫生', accept: 8, resolve: 72 },
    { code: 'employment', name: '就业介绍', accept: 24, resolve: 168 },
  ];
  const quarterStart = Date.parse('2027-01-01T00:00:00+08:00');
  for (let i = 0; i < 120; i++) {
    const cat = cats[i % cats.length]!;
    const inQuarter = i < 100;
    const created = new Date(inQuarter ? quarterStart + Math.floor(rand() * 89 * 24) * HOUR : Date.parse('2026-12-20T02:00:00Z'));
    const replyAfter = rand() < 0.9 ? Math.floor(rand() * 16) + 1 : null;
    const resolveAfter = replyAfter !== null && rand() < 0.8 ? replyAfter + Math.floor(rand() * 100) : null;
    const acceptDue = new Date(created.getTime() + cat.accept * HOUR);
    const resolveDue = new Date(created.getTime() + cat.resolve * HOUR);
    const firstReplyAt = replyAfter === null ? null : new Date(created.getTime() + replyAfter * HOUR);
    const resolvedAt = resolveAfter === null ? null : new Date(created.getTime() + resolveAfter * HOUR);
    const [r] = await server.db
      .insert(serviceRequests)
      .values({
        communityId,
        filedByAccountId: staffAccountId,
        ownerAccountId: staffAccountId,
        onBehalf: true,
        categoryCode: cat.code,
        title: `申请${i}`,
        description: '生成的申请',
        status: resolvedAt ? 'resolved' : firstReplyAt ? 'accepted' : 'submitted',
        acceptDueAt: acceptDue,
        resolveDueAt: resolveDue,
        firstReplyAt,
        acceptedAt: firstReplyAt,
        resolvedAt,
        createdAt: created,
        updatedAt: created,
      } as typeof serviceRequests.$inferInsert)
      .returning();
    const reopened = resolvedAt && rand() < 0.15;
    if (reopened) {
      await server.db.insert(serviceRequestEvents).values({
        communityId,
        requestId: r!.id,
        type: 'reopened',
        actorName: '居民',
        at: new Date(resolvedAt!.getTime() + HOUR),
      });
    }
    const score = resolvedAt && rand() < 0.6 ? 1 + Math.floor(rand() * 5) : null;
    if (score) await server.db.insert(serviceRatings).values({ communityId, requestId: r!.id, score, at: new Date(resolvedAt!.getTime() + 2 * HOUR) });
    if (!inQuarter) continue;
    expected.requests++;
    expected.byCategory.set(cat.name, (expected.byCategory.get(cat.name) ?? 0) + 1);
    if (firstReplyAt) {
      expected.replyHours.push(replyAfter!);
      if (firstReplyAt <= acceptDue) expected.repliedInTime++;
    }
    if (resolvedAt) {
      expected.resolved++;
      expected.resolveHours.push(resolveAfter!);
      if (resolvedAt <= resolveDue) expected.resolvedInTime++;
    }
    if (reopened) expected.reopened++;
    if (score) expected.ratings.push(score);
  }
}, 300_000);
afterAll(() => server?.close());

const avg1 = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

describe('the review report', () => {
  const period = () => `/api/reviews?electionId=${electionId}&from=2027-01-01&to=2027-03-31`;

  it('matches an independent recount of the election it was generated from', async () => {
    const res = await server.request('GET', period(), { token: committee });
    expect(res.status, res.text).toBe(200);
    const figures = Object.fromEntries(
      res.body.sections.flatMap((s: { figures: { key: string; value: number | null; source: string }[] }) => s.figures.map((f) => [f.key, f])),
    );
    for (const f of Object.values(figures) as { source: string }[]) expect(f.source).toMatch(/[\u4e00-\u9fa5]/);
    const value = (k: string) => figures[k].value;
    expect(value('voters')).toBe(expected.voters);
    expect(value('ballots')).toBe(expected.ballots);
    expect(value('turnout')).toBe(pct(expected.ballots, expected.voters));
    expect(value('byProxy')).toBe(expected.byProxy);
    expect(value('proxies')).toBe(expected.proxies);
    expect(value('proxiesApproved')).toBe(expected.proxiesApproved);
    expect(value('objections')).toBe(expected.objections);
    expect(value('objectionsUpheld')).toBe(expected.upheld);
    expect(value('objectionsDismissed')).toBe(expected.dismissed);
    expect(value('objectionsOpen')).toBe(expected.open);
    expect(value('rounds')).toBe(expected.rounds);
    expect(value('invalidBallots')).toBe(expected.invalid);
    expect(value('ballotsCast')).toBe(expected.cast);
    expect(value('anchors')).toBe(expected.anchors);
    const election = res.body.sections.find((s: { key: string }) => s.key === 'election');
    const table = election.tables.find((t: { key: string }) => t.key === 'turnoutByGroup');
    for (const [name, g] of expected.byGroup) {
      expect(table.rows.find((r: unknown[]) => r[0] === name)).toEqual([name, g.voters, g.voted, pct(g.voted, g.voters)]);
    }
    // The calendar: the desk's steps, each with its deadline, kept or missed.
    const calendar = res.body.sections.find((s: { key: string }) => s.key === 'calendar');
    const steps = await server.request('GET', `/api/elections/${electionId}/steps`, { token: committee });
    expect(calendar.tables[0].rows.map((r: unknown[]) => [r[0], r[1]])).toEqual(
      steps.body.steps.map((s: { title: string; dueBy: string | null }) => [s.title, s.dueBy]),
    );
    expect(calendar.figures.find((f: { key: string }) => f.key === 'stepsLate').value).toBe(
      steps.body.steps.filter((s: { state: string }) => s.state === 'late').length +
        steps.body.steps.filter(
          (s: { state: string; dueBy: string | null; doneAt: string | null }) =>
            s.state === 'done' && s.dueBy && s.doneAt && new Date(new Date(s.doneAt).getTime() + 8 * HOUR).toISOString().slice(0, 10) > s.dueBy,
        ).length,
    );
  });

  it("matches an independent recount of the quarter's service requests", async () => {
    const res = await server.request('GET', period(), { token: committee });
    const service = res.body.sections.find((s: { key: string }) => s.key === 'service');
    const value = (k: string) => service.figures.find((f: { key: string }) => f.key === k).value;
    expect(value('requests')).toBe(expected.requests);
    expect(value('repliedInTime')).toBe(expected.repliedInTime);
    expect(value('repliedInTimeRate')).toBe(pct(expected.repliedInTime, expected.requests));
    expect(value('replyHours')).toBe(avg1(expected.replyHours));
    expect(value('resolved')).toBe(expected.resolved);
    expect(value('resolvedInTime')).toBe(expected.resolvedInTime);
    expect(value('resolveHours')).toBe(avg1(expected.resolveHours));
    expect(value('reopened')).toBe(expected.reopened);
    expect(value('rated')).toBe(expected.ratings.length);
    expect(value('rating')).toBe(avg1(expected.ratings));
    const byCat = service.tables[0].rows.map((r: unknown[]) => [r[0], r[1]]);
    expect(new Map(byCat)).toEqual(expected.byCategory);
  });

  it("lists the period's consultations with exact turnout", async () => {
    server.setNow(new Date('2027-03-01T02:00:00Z'));
    try {
      const c = await server.request('POST', '/api/consultations', {
        token: committee,
        body: {
          title: '回头看满意度',
          purpose: '回头看',
          questions: [{ kind: 'scale', text: '满意吗' }],
          opensAt: '2027-03-01T00:00:00Z',
          closesAt: '2027-03-10T00:00:00Z',
        },
      });
      expect(c.status, c.text).toBe(201);
      expect((await server.request('PUT', `/api/consultations/${c.body.id}/answer`, { token: resident, body: { answers: [{ value: 5 }] } })).status).toBe(200);
      const audience = await server.db
        .select({ id: residents.id })
        .from(residents)
        .where(and(eq(residents.communityId, communityId), eq(residents.status, 'verified')));
      server.setNow(new Date('2027-04-02T02:00:00Z'));
      const res = await server.request('GET', period(), { token: committee });
      const part = res.body.sections.find((s: { key: string }) => s.key === 'consultations');
      expect(part.figures.find((f: { key: string }) => f.key === 'consultations').value).toBe(1);
      expect(part.figures.find((f: { key: string }) => f.key === 'consultationAnswered').value).toBe(1);
      expect(part.tables[0].rows[0]).toEqual(['回头看满意度', '2027-03-01', '2027-03-10', '每人', audience.length, 1, pct(1, audience.length)]);
    } finally {
      server.setNow(new Date('2027-04-02T02:00:00Z'));
    }
  });

  it("keeps the committee's own sections, and exports all of it as xlsx", async () => {
    const put = await server.request('PUT', `/api/reviews/${electionId}/sections`, {
      token: committee,
      body: { experience: '入户登记做得扎实', shortcomings: '选民名单公布晚了一天，已定下提前一周', highlights: '老人上门代填' },
    });
    expect(put.status, put.text).toBe(200);
    const res = await server.request('GET', period(), { token: committee });
    expect(res.body.own).toMatchObject({ experience: '入户登记做得扎实', highlights: '老人上门代填' });
    const x = await fetch(`${server.url}/api/reviews/report.xlsx?electionId=${electionId}&from=2027-01-01&to=2027-03-31`, {
      headers: { Authorization: `Bearer ${committee}` },
    });
    expect(x.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const data = book.getWorksheet('数据')!;
    const rows: unknown[][] = [];
    data.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[1] === '登记选民')).toEqual(['选举', '登记选民', expected.voters, '人', expect.stringContaining('election_voters')]);
    expect(book.getWorksheet('委员会总结')!.getRow(3).values).toEqual([undefined, '短板和整改', '选民名单公布晚了一天，已定下提前一周']);
  });

  it('refuses residents, bad periods and other input with a Chinese detail', async () => {
    expectProblem(await server.request('GET', period(), { token: resident }), 403, 'FORBIDDEN');
    expectProblem(
      await server.request('GET', `/api/reviews?electionId=${electionId}&from=2027-04-01&to=2027-01-01`, { token: committee }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await server.request('GET', `/api/reviews?electionId=x`, { token: committee }), 400, 'VALIDATION_FAILED');
    expectProblem(await server.request('GET', `/api/reviews?electionId=${electionId}&from=2027-13-01`, { token: committee }), 400, 'VALIDATION_FAILED');
    expectProblem(await server.request('GET', '/api/reviews?electionId=00000000-0000-7000-8000-000000000000', { token: committee }), 404, 'NOT_FOUND');
    expectProblem(await server.request('PUT', `/api/reviews/${electionId}/sections`, { token: committee, body: { experience: 1 } }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await server.request('PUT', `/api/reviews/${electionId}/sections`, { token: resident, body: { experience: '', shortcomings: '', highlights: '' } }),
      403,
      'FORBIDDEN',
    );
  });
});
