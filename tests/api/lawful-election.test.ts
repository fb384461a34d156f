import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residents } from '../../db/schema/index.js';
import { doubledWord } from '../../functions/_shared/title.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { electionDayStage } from './election-day-support.js';
import { expectProblem, newIdNumber } from './helpers.js';

/**
 * One whole election under the 2026 law in each mode (API.md "Election lifecycle and the law"),
 * every step through the API with the clock pinned: the voter list goes up 25 days before; one
 * objection is upheld (a voter left out is added) and one refused; voters nominate candidates for
 * every seat and the nominees accept in their own app; the committee fixes the 正式候选人 from the
 * counts (a woman among them); a candidate's spouse is refused as an official; the candidate list
 * goes up 6 days before; on the day the ballot desk hands a ballot to each who may take one in
 * the mode, two counters agree and the results are published with a certificate for the woman
 * elected.
 */
const DAY = '2028-06-18';
const SET_UP = '2028-05-09T02:00:00Z';
const LISTED = '2028-05-24T01:00:00Z';
const OBJECTIONS = '2028-05-25T02:00:00Z';
const DECIDED = '2028-05-26T02:00:00Z';
const NOMINATING = '2028-05-28T02:00:00Z';
// 00:00 China time on 11 June: nominations closed (7 days before).
const FIXING = '2028-06-11T02:00:00Z';
const LISTING = '2028-06-12T02:00:00Z';
const VOTING = '2028-06-18T01:00:00Z';
const COUNTED = '2028-06-18T09:00:00Z';

let server: TestServer;
let s: Awaited<ReturnType<typeof electionDayStage>>;

beforeAll(async () => {
  // Sessions of 60 days: the people signed in at the set-up still act on election day, 40 days on.
  server = await startTestServer({ settings: { SESSION_HOURS: String(24 * 60) } });
  s = await electionDayStage(server, DAY, SET_UP);
}, 120_000);
afterAll(() => server.close());

const at = (iso: string) => server.setNow(new Date(iso));
const post = (path: string, body: unknown = {}, token = s.committee) => server.request('POST', path, { token, body });
const get = (path: string, token = s.committee) => server.request('GET', path, { token });
// biome-ignore lint/suspicious/noExplicitAny: replies are read field by field, as the other API tests read them
const ok = async (res: Promise<{ status: number; text: string; body: any }>, status = 201) => {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r.body;
};

type Mode = 'voters' | 'households' | 'representatives';

describe.each<Mode>(['voters', 'households', 'representatives'])('an election by %s, from the voter list to the certificates', (mode) => {
  it('runs every lawful step in order and elects the candidates the voters put forward', async () => {
    at(SET_UP);
    const e = await s.election({ director: 1, deputyDirector: 1, members: 3 });
    if (mode !== 'voters') await ok(server.request('PUT', `/api/elections/${e}`, { token: s.committee, body: { mode } }), 200);
    const tag = mode.slice(0, 2);

    // Voters with phones of their own: two who nominate, eight nominees (one a woman), and three
    // households of two at the window.
    const voter = async (name: string, sex: 'male' | 'female' = 'male') => {
      const v = await s.personWithAccount(`${name}${tag}`, sex);
      await s.registerVoter(e, v.residentId);
      return v;
    };
    const [p1, p2] = [await voter('提名甲'), await voter('提名乙')];
    const nominees = [
      await voter('主任候一'),
      await voter('主任候二'),
      await voter('副主任候一'),
      await voter('副主任候二'),
      await voter('委员候一', 'female'),
      await voter('委员候二'),
      await voter('委员候三'),
      await voter('委员候四'),
    ];
    const households: { id: string; householdId: string }[] = [];
    for (const [i, label] of ['东巷1号', '东巷1号', '东巷2号', '东巷2号', '东巷3号', '东巷3号'].entries()) {
      const r = await ok(
        post('/api/residents', { name: `户内${i}${tag}`, idNumber: newIdNumber('19720101'), groupId: s.groupId, householdLabel: `${label}${tag}` }),
      );
      await s.registerVoter(e, r.id);
      const [row] = await server.db.select({ householdId: residents.householdId }).from(residents).where(eq(residents.id, r.id));
      households.push({ id: r.id, householdId: row!.householdId! });
    }
    if (mode === 'households') {
      // Each household names the member who votes for it, before the list goes up.
      for (const h of [households[0]!, households[2]!, households[4]!]) {
        await ok(server.request('PUT', `/api/elections/${e}/households/${h.householdId}/voter`, { token: s.committee, body: { residentId: h.id } }), 200);
      }
    }
    const leftOut = await s.person(`漏登者${tag}`);
    const wronglyIn = households[5]!.id;

    // 25 days before: the voter list on the wall.
    await ok(
      server.request('POST', '/api/notices', {
        token: s.committee,
        body: { category: 'election', kind: 'voter_list', electionId: e, title: '选民名单公告', body: '选民名单已张贴在社区公告栏。', publishAt: LISTED },
      }),
    );

    // Objections within five days: one upheld (she is added), one refused (nothing changes).
    at(OBJECTIONS);
    const omitted = await ok(post(`/api/elections/${e}/objections`, { kind: 'omitted', residentId: leftOut, reason: '户籍在本社区，名单上没有' }, p1.token));
    const wrong = await ok(post(`/api/elections/${e}/objections`, { kind: 'wrongly_included', residentId: wronglyIn, reason: '听说已经搬走了' }, p2.token));
    at(DECIDED);
    expect((await ok(post(`/api/elections/${e}/objections/${omitted.id}/decision`, { uphold: true, reason: '经核实户籍在本社区，补登' }), 200)).status).toBe(
      'upheld',
    );
    expect((await ok(post(`/api/elections/${e}/objections/${wrong.id}/decision`, { uphold: false, reason: '仍在本社区居住，登记无误' }), 200)).status).toBe(
      'dismissed',
    );
    const listed = (await get(`/api/elections/${e}/voters?limit=100`)).body.items.map((v: { residentId: string }) => v.residentId);
    expect(listed).toContain(leftOut);
    expect(listed).toContain(wronglyIn);

    // Voters nominate for every seat; each nominee accepts in their own app.
    at(NOMINATING);
    const seats: [typeof p1, number, string][] = [
      [p1, 0, 'director'],
      [p2, 1, 'director'],
      [p1, 2, 'deputyDirector'],
      [p2, 3, 'deputyDirector'],
      [p1, 4, 'members'],
      [p1, 5, 'members'],
      [p1, 6, 'members'],
      [p2, 7, 'members'],
    ];
    for (const [by, i, seat] of seats) {
      const nominee = nominees[i]!;
      const made = await ok(post(`/api/elections/${e}/candidate-nominations`, { nomineeResidentId: nominee.residentId, seat }, by.token));
      await ok(post(`/api/elections/${e}/candidate-nominations/${made.id}/answer`, { accept: true }, nominee.token), 200);
    }

    // Representatives elected by their group's meeting, where they are the ones who vote.
    if (mode === 'representatives') {
      for (const h of [households[0]!, households[2]!]) {
        const rep = await ok(post(`/api/elections/${e}/nominations`, { residentId: h.id, meetingOn: '2028-05-30', present: 21, votesFor: 15 }));
        await ok(post(`/api/elections/${e}/nominations/${rep.id}/confirm`), 200);
      }
    }

    // After the window: the 正式候选人 from the counts, every seat 差额.
    at(FIXING);
    for (const seat of ['director', 'deputyDirector', 'members']) await ok(post(`/api/elections/${e}/candidates/fix`, { seat }), 200);
    const candidates = (await get(`/api/elections/${e}/candidates`)).body.items as { id: string; residentId: string; seat: string }[];
    expect(candidates).toHaveLength(8);

    // Officials: a candidate's spouse stands down; others serve.
    const spouse = await s.person(`配偶${tag}`, '19700101', 'female');
    await ok(post(`/api/residents/${nominees[0]!.residentId}/relations`, { relatedResidentId: spouse, relation: 'spouse' }));
    expectProblem(await post(`/api/elections/${e}/officials`, { residentId: spouse, role: 'monitor' }), 422, 'OFFICIAL_IS_RELATIVE');
    const clerk = await s.personWithAccount(`发票${tag}`);
    const counters = [await s.personWithAccount(`计票甲${tag}`), await s.personWithAccount(`计票乙${tag}`)];
    await s.appoint(e, clerk.residentId, 'clerk');
    for (const c of counters) await s.appoint(e, c.residentId, 'counter');

    // Six days before: the candidate list, naming a woman.
    at(LISTING);
    await ok(post(`/api/elections/${e}/candidates/publish`));

    // Election day: a ballot to each who may take one in this mode, all of them.
    at(VOTING);
    const desk = (await get(`/api/elections/${e}/desk?limit=100`, clerk.token)).body.items as { residentId: string }[];
    const holders = desk.map((d) => d.residentId);
    const expected = { voters: listed.length, households: 3, representatives: 2 }[mode];
    expect(holders).toHaveLength(expected);
    if (mode !== 'voters') expect(holders).not.toContain(nominees[0]!.residentId);
    for (const h of holders) await ok(post(`/api/elections/${e}/ballots`, { residentId: h }, clerk.token));
    if (mode !== 'voters') {
      expectProblem(await post(`/api/elections/${e}/ballots`, { residentId: nominees[0]!.residentId }, clerk.token), 422, 'NOT_A_VOTER');
    }

    // Every ballot for the first-named of each seat's nominees.
    at(COUNTED);
    const n = holders.length;
    const elected = new Set([nominees[0], nominees[2], nominees[4], nominees[5], nominees[6]].map((v) => v!.residentId));
    const votes = Object.fromEntries(candidates.map((c) => [c.id, elected.has(c.residentId) ? n : 0]));
    for (const c of counters) await ok(post(`/api/elections/${e}/tally`, { ballotsCast: n, invalidBallots: 0, votes }, c.token));
    const board = (await get(`/api/elections/${e}/results`)).body;
    expect(board).toMatchObject({ status: 'final', valid: true, ballotsCast: n, registered: expected });
    await ok(post(`/api/elections/${e}/results/publish`));
    const woman = candidates.find((c) => c.residentId === nominees[4]!.residentId)!;
    const certificate = await ok(get(`/api/elections/${e}/certificates/${woman.id}`), 200);
    expect(certificate.name).toBe(`委员候一${tag}`);
    // Nobody elected is flagged: no woman is missing, no near relatives elected together.
    // Every sheet printed or posted says no word twice (「选举选举」, 「八珠街社区八珠街社区」).
    const sheets = (await get(`/api/notices?category=election&limit=50`)).body.items.filter((x: { electionId: string }) => x.electionId === e);
    expect(sheets.map((x: { kind: string }) => x.kind).sort()).toEqual(['candidates', 'results', 'voter_list']);
    for (const sheet of [...sheets.flatMap((x: { title: string; body: string }) => [x.title, x.body]), certificate.text, certificate.electionTitle]) {
      expect(doubledWord(sheet), sheet).toBeNull();
    }
    expect(certificate.text).toContain('举行的八珠街社区');
    const notes = (await get(`/api/elections/${e}/results`)).body.notes as string[];
    expect(notes).toEqual([]);
  }, 120_000);
});
