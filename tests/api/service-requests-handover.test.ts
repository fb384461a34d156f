import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, communities, serviceRequests } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

/*
 * Hand-overs racing on one request. PGlite runs one transaction at a time and would pass a racy
 * read-then-write; run this file with TEST_DB=pg to prove the row lock.
 */
const ROUNDS = 10;
const AT_ONCE = 8;

let server: TestServer;
let admin: string;
let resident: string;
let staff: string;
const colleagues: { id: string; name: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [resident, staff] = await Promise.all([server.login('resident1', 'Resident#2026'), server.login('staff', 'Staff#2026')]);
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  const register = (phone: string, name: string) => server.request('POST', '/api/auth/register', { body: { phone, password: 'Handover2026', name } });
  const a = await register('13900004441', '钱主任');
  admin = a.body.token;
  await server.db.insert(accountRoles).values({ accountId: a.body.account.id, communityId: community!.id, role: 'admin' });
  for (const [phone, name] of [
    ['13900004442', '窗口小孙'],
    ['13900004443', '窗口小李'],
  ] as const) {
    const b = await register(phone, name);
    colleagues.push({ id: b.body.account.id, name });
    await server.db.insert(accountRoles).values({ accountId: b.body.account.id, communityId: community!.id, role: 'staff' });
  }
});
afterAll(() => server?.close());

describe('hand-overs of one request at the same moment', () => {
  it('leave the request with the last one the timeline names, and an entry only for each real change', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const filed = await server.request('POST', '/api/service-requests', {
        token: resident,
        body: { categoryCode: 'relief', description: `低保申请 ${round}` },
      });
      const id = filed.body.id as string;
      await server.request('POST', `/api/service-requests/${id}/status`, { token: staff, body: { status: 'accepted' } });

      const replies = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          server.request('POST', `/api/service-requests/${id}/assignee`, { token: admin, body: { accountId: colleagues[i % 2]!.id } }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));

      const detail = await server.request('GET', `/api/service-requests/${id}`, { token: admin });
      const handOvers: string[] = detail.body.events.filter((e: { type: string }) => e.type === 'assigned').map((e: { body: string }) => e.body);
      // Each entry changes who handles it: none repeats the one before (nor the first staff member).
      expect(handOvers.length).toBeGreaterThan(0);
      handOvers.forEach((body, i) => {
        if (i > 0) expect(body).not.toBe(handOvers[i - 1]);
      });
      const [row] = await server.db.select({ assignee: serviceRequests.assignedToAccountId }).from(serviceRequests).where(eq(serviceRequests.id, id));
      const holder = colleagues.find((c) => c.id === row!.assignee);
      expect(handOvers.at(-1)).toBe(`交给${holder?.name}办理`);
    }
  }, 120_000);
});
