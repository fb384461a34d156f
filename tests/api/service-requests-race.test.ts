import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities, serviceRequests } from '../../db/schema/index.js';
import { type ApiResponse, startTestServer, type TestServer } from '../support/server.js';
import { raceRounds } from '../support/settings.js';

/*
 * Status changes, ratings and reopenings racing on one request. PGlite runs one transaction at a
 * time and would pass a racy read-then-write; run this file with TEST_DB=pg (or neon) to prove the
 * row lock that change-status.ts, rate.ts and reopen.ts each take before deciding. Without it, two
 * staff both accept (or one resolves while another refuses), a rating read before a reopening
 * lands after it, and every reopening goes through.
 */
const ROUNDS = raceRounds(10);
const AT_ONCE = 8;

let server: TestServer;
let staff: string;
let resident: string;
/** Two staff members of the community. */
const desks: { token: string; id: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [staff, resident] = await Promise.all([server.login('staff', 'Staff#2026'), server.login('resident1', 'Resident#2026')]);
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  const [staffAccount] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
  const c = await server.request('POST', '/api/auth/register', { body: { phone: '13900006661', password: 'Racing2026', name: '窗口小周' } });
  await server.db.insert(accountRoles).values({ accountId: c.body.account.id, communityId: community!.id, role: 'staff' });
  desks.push({ token: staff, id: staffAccount!.id }, { token: c.body.token, id: c.body.account.id });
});
afterAll(() => server?.close());

type Event = { type: string; status?: string; body?: string };

const file = async (description: string) => {
  const res = await server.request('POST', '/api/service-requests', { token: resident, body: { categoryCode: 'other', description } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
const setStatus = (id: string, body: Record<string, unknown>, token = desks[0]!.token) =>
  server.request('POST', `/api/service-requests/${id}/status`, { token, body });
const accepted = async (description: string) => {
  const id = await file(description);
  expect((await setStatus(id, { status: 'accepted' })).status).toBe(200);
  return id;
};
const resolved = async (description: string) => {
  const id = await accepted(description);
  expect((await setStatus(id, { status: 'resolved' })).status).toBe(200);
  return id;
};
const rate = (id: string, score: number) => server.request('POST', `/api/service-requests/${id}/rating`, { token: resident, body: { score } });
const reopen = (id: string) => server.request('POST', `/api/service-requests/${id}/reopen`, { token: resident, body: { reason: '还是没修好' } });
const detail = async (id: string) => (await server.request('GET', `/api/service-requests/${id}`, { token: desks[0]!.token })).body;
/** The timeline's entries after the one that matches `from` (the request's state before the race). */
const entriesAfter = (events: Event[], from: (e: Event) => boolean) => events.slice(events.findIndex(from) + 1);

/**
 * Every reply is a success or the documented refusal of a move the request no longer allows (a
 * failure names what else came back); the indexes of the successes.
 */
function successes(replies: ApiResponse[], success: number) {
  const unexpected = replies.filter((r) => !(r.status === success || (r.status === 409 && r.body.code === 'INVALID_TRANSITION')));
  expect(unexpected.map((r) => `${r.status} ${r.body?.code} ${r.body?.detail ?? r.text}`)).toEqual([]);
  return replies.flatMap((r, i) => (r.status === success ? [i] : []));
}

describe('status changes of one request at the same moment', () => {
  it('let one of two staff accept a submitted request and refuse the rest, with one entry on the timeline', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await file(`同时受理 ${round}`);
      const replies = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => setStatus(id, { status: 'accepted' }, desks[i % 2]!.token)));
      const won = successes(replies, 200);
      const request = await detail(id);
      const changes = entriesAfter(request.events, (e) => e.type === 'submitted').map((e: Event) => e.status);
      expect({ accepted: won.length, changes }).toEqual({ accepted: 1, changes: ['accepted'] });
      // Whoever won handles it.
      const [row] = await server.db.select({ assignee: serviceRequests.assignedToAccountId }).from(serviceRequests).where(eq(serviceRequests.id, id));
      expect(row!.assignee).toBe(desks[won[0]! % 2]!.id);
    }
  }, 120_000);

  it('let either a resolution or a refusal of an accepted request stand, never both', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await accepted(`办结还是不予受理 ${round}`);
      const moves = Array.from({ length: AT_ONCE }, (_, i) => (i % 2 ? { status: 'resolved' } : { status: 'rejected', note: '不属于社区职责' }));
      const replies = await Promise.all(moves.map((body, i) => setStatus(id, body, desks[Math.floor(i / 2) % 2]!.token)));
      const won = successes(replies, 200);
      const request = await detail(id);
      const changes = entriesAfter(request.events, (e) => e.status === 'accepted').map((e: Event) => e.status);
      expect({ taken: won.map((i) => moves[i]!.status), changes }).toEqual({ taken: [request.status], changes: [request.status] });
      expect(request).toMatchObject({ dueAt: null, resolvedAt: expect.any(String) });
    }
  }, 120_000);
});

describe('ratings and reopenings of one resolved request at the same moment', () => {
  // Holds without rate.ts's lock too: the rating's unique index keeps the second rating waiting at
  // its insert until the first commits, so the entry it then deletes is the first one's. Without
  // the lock, that order (rating row first, old entry deleted after) is what keeps one entry.
  it('keep one rating entry when the resident rates several times at once, showing the rating that stands', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await resolved(`同时评价 ${round}`);
      const replies = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => rate(id, (i % 5) + 1)));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
      const request = await detail(id);
      const ratings = request.events.filter((e: Event) => e.type === 'rating');
      expect(ratings).toHaveLength(1);
      expect(ratings[0].body).toBe('★'.repeat(request.rating.score));
    }
  }, 120_000);

  it('take a rating only while the request is still resolved, never after it was reopened', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await resolved(`评价与重新办理 ${round}`);
      // One reopening in the middle of ratings, all in flight together. A rating judges the
      // resolved request: each one taken comes before the reopening, and any after it is refused.
      const middle = AT_ONCE / 2;
      const replies = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => (i === middle ? reopen(id) : rate(id, (i % 5) + 1))));
      expect(replies[middle]!.status, replies[middle]!.text).toBe(200);
      const rated = successes(
        replies.filter((_, i) => i !== middle),
        201,
      );
      const request = await detail(id);
      expect(request).toMatchObject({ status: 'in_progress', dueAt: request.resolveDueAt, resolvedAt: null });
      const after = entriesAfter(request.events, (e) => e.status === 'resolved');
      expect(after.map((e: Event) => e.type)).toEqual(rated.length ? ['rating', 'reopened'] : ['reopened']);
      if (rated.length) expect(after[0]!.body).toBe('★'.repeat(request.rating.score));
    }
  }, 120_000);

  it('put the request back in progress once when the resident reopens it several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await resolved(`同时重新办理 ${round}`);
      const replies = await Promise.all(Array.from({ length: AT_ONCE }, () => reopen(id)));
      const won = successes(replies, 200);
      const request = await detail(id);
      const changes = entriesAfter(request.events, (e) => e.status === 'resolved').map((e: Event) => e.type);
      expect({ reopened: won.length, changes }).toEqual({ reopened: 1, changes: ['reopened'] });
      expect(request).toMatchObject({ status: 'in_progress', dueAt: request.resolveDueAt, resolvedAt: null });
    }
  }, 120_000);
});
