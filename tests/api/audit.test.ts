import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, auditLog, communities } from '../../db/schema/index.js';
import { verifyChain } from '../../functions/audit/chain.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
let communityId: string;
let groups: { id: string; name: string }[];

beforeAll(async () => {
  server = await startTestServer();
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
  const [staff] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
  await server.db.insert(accountRoles).values({ accountId: staff!.id, communityId, role: 'admin' });
  admin = await server.login('staff', 'Staff#2026');
  groups = (await server.request('GET', '/api/groups', { token: admin })).body.items;
});
afterAll(() => server.close());

const register = async (phone: string, name: string) =>
  (await server.request('POST', '/api/auth/register', { body: { phone, password: 'Neighbour2026', name } })).body.account.id as string;

describe('the audit chain', () => {
  const chain = async () => (await server.request('GET', '/api/audit/verify', { token: admin })).body as { ok: boolean; length: number; head: string };

  it('records a group leader appointment and removal, chained by hash', async () => {
    const before = await chain();
    const id = await register('13300001111', '白玉兰');
    expect((await server.request('POST', `/api/accounts/${id}/roles`, { token: admin, body: { role: 'group_leader', groupId: groups[3]!.id } })).status).toBe(
      201,
    );
    expect((await server.request('DELETE', `/api/accounts/${id}/roles/group_leader`, { token: admin })).status).toBe(200);
    const log = await server.request('GET', `/api/audit?limit=100`, { token: admin });
    expect(log.status).toBe(200);
    const mine = log.body.items.filter((e: { seq: number }) => e.seq > before.length);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['group_leader.recorded', 'group_leader.removed']);
    expect(mine[0]).toMatchObject({ seq: before.length + 1, actorName: '王晓梅', subject: `group:${groups[3]!.id}`, prevHash: before.head });
    expect(mine[1].prevHash).toBe(mine[0].hash);
    expect(await chain()).toEqual({ ok: true, length: before.length + 2, head: mine[1].hash });
  });

  it('keeps one gap-free chain when appointments race', async () => {
    const before = await chain();
    const ids = await Promise.all([0, 1, 2, 3, 4].map((i) => register(`1330000200${i}`, `组长${i}`)));
    const replies = await Promise.all(
      ids.map((id, i) => server.request('POST', `/api/accounts/${id}/roles`, { token: admin, body: { role: 'group_leader', groupId: groups[i + 3]!.id } })),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await chain()).toMatchObject({ ok: true, length: before.length + 5 });
  });

  it('shows an edited entry: verification fails from there on', async () => {
    const id = await register('13300003333', '孔繁荣');
    expect((await server.request('POST', `/api/accounts/${id}/roles`, { token: admin, body: { role: 'group_leader', groupId: groups[2]!.id } })).status).toBe(
      201,
    );
    const { length } = await chain();
    const entry = and(eq(auditLog.communityId, communityId), eq(auditLog.seq, length));
    const [{ subject }] = (await server.db.select({ subject: auditLog.subject }).from(auditLog).where(entry)) as [{ subject: string }];
    await server.db.update(auditLog).set({ subject: 'group:someone-else' }).where(entry);
    expect(await chain()).toMatchObject({ ok: false, length: length - 1 });
    expect((await verifyChain(server.db, communityId)).brokenAt).toBe(length);
    // Put back as it was, the chain holds again.
    await server.db.update(auditLog).set({ subject }).where(entry);
    expect(await chain()).toMatchObject({ ok: true, length });
  });

  it('is for the election committee: residents and leaders get 403, other communities see their own empty chain', async () => {
    const resident = await server.login('resident1', 'Resident#2026');
    expect((await server.request('GET', '/api/audit', { token: resident })).status).toBe(403);
    const other = await server.login('staff@other', 'Staff#2026');
    expect((await server.request('GET', '/api/audit/verify', { token: other })).body).toEqual({ ok: true, length: 0, head: '0'.repeat(64) });
  });
});
