import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.js';
import { communities, serviceRequests } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let staff: string;
const TOTAL = 10_000;

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.login('staff', 'Staff#2026');
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const filer = (await server.request('GET', '/api/me', { token: staff })).body.account.id;
  for (let batch = 0; batch < TOTAL / 1000; batch++) {
    await server.db.insert(serviceRequests).values(
      Array.from({ length: 1000 }, (_, i) => {
        const at = new Date(start + (batch * 1000 + i) * 60_000);
        return {
          id: newId(),
          communityId: community!.id,
          filedByAccountId: filer,
          ownerAccountId: filer,
          categoryCode: 'other',
          title: `申请 ${batch * 1000 + i}`,
          description: '批量',
          status: 'submitted' as const,
          acceptDueAt: at,
          resolveDueAt: at,
          dueAt: at,
          createdAt: at,
          updatedAt: at,
        };
      }),
    );
  }
}, 120_000);
afterAll(() => server.close());

describe('paging a large queue', () => {
  it.each(['newest', 'urgency'])('pages through 10,000 requests by cursor (%s), each page one query after sign-in', async (sort) => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const before = server.queryCount();
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await server.request(
        'GET',
        `/api/service-requests?sort=${sort}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: staff },
      );
      // one statement to authenticate (session, account and roles together), one for the page
      expect(server.queryCount() - before).toBe(2);
      expect(res.status).toBe(200);
      for (const r of res.body.items) seen.add(r.id);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen.size).toBe(TOTAL);
    expect(pages).toBe(TOTAL / 100);
  });

  it('reads one request with its rating, filer and timeline in one statement after sign-in', async () => {
    const page = await server.request('GET', '/api/service-requests?limit=1', { token: staff });
    const before = server.queryCount();
    const res = await server.request('GET', `/api/service-requests/${page.body.items[0].id}`, { token: staff });
    expect(server.queryCount() - before).toBe(2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rating: null, events: [] });
  });

  it('caps a limit above 100 at 100', async () => {
    const res = await server.request('GET', '/api/service-requests?limit=500', { token: staff });
    expect(res.body.items).toHaveLength(100);
  });
});
