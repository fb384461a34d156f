import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, auditLog, communities } from '../../db/schema/index.js';
import type { Ctx } from '../../functions/_platform/context.js';
import { appendAudit, entryHash, verifyChain } from '../../functions/audit/chain.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testDbKind } from '../support/settings.js';

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

  /** The entry at `seq` as stored. */
  const entryAt = async (seq: number) => {
    const [row] = await server.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communityId, communityId), eq(auditLog.seq, seq)));
    return row!;
  };
  const atSeq = (seq: number) => and(eq(auditLog.communityId, communityId), eq(auditLog.seq, seq));
  /** An act with no person behind it (the seed, the command line), appended inside a transaction of its own. */
  const systemAct = (payload: unknown) =>
    server.db.transaction((db) =>
      appendAudit({ db, actor: null, communityId, now: new Date(), requestId: 'audit-test', ip: '127.0.0.1', services: server.services } as unknown as Ctx, {
        action: 'test.system_act',
        subject: 'community',
        payload,
      }),
    );

  // PGlite runs one transaction at a time: two open at once exist only on a database server.
  it.skipIf(testDbKind() === 'pglite')(
    'lets a community append while another community’s append is still open: each chain queues on its own lock',
    async () => {
      const [other] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'other'));
      const ctxOf = (db: unknown, id: string) =>
        ({ db, actor: null, communityId: id, now: new Date(), requestId: 'audit-test', ip: '127.0.0.1', services: server.services }) as unknown as Ctx;
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let opened!: () => void;
      const inFirst = new Promise<void>((r) => {
        opened = r;
      });
      const first = server.db.transaction(async (db) => {
        await appendAudit(ctxOf(db, communityId), { action: 'test.system_act', subject: 'community', payload: { held: true } });
        opened();
        await held;
      });
      await inFirst;
      try {
        // Waiting on the first community's lock would end in lock_timeout's error.
        await server.db.transaction(async (db) => {
          await db.execute(sql`set local lock_timeout = '3s'`);
          await appendAudit(ctxOf(db, other!.id), { action: 'test.system_act', subject: 'community', payload: { alongside: true } });
        });
      } finally {
        release();
        await first;
      }
      expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: true });
      expect(await verifyChain(server.db, other!.id)).toMatchObject({ ok: true, length: 1 });
      // The other community's chain empty again, as its own tests expect it.
      await server.db.delete(auditLog).where(eq(auditLog.communityId, other!.id));
    },
  );

  it('records an act with no person behind it as done by 系统, with its payload as given', async () => {
    const before = await chain();
    await systemAct({ list: [3, 1, { b: 2, a: 1 }], nested: { zz: null, a: 'x' } });
    const entry = await entryAt(before.length + 1);
    expect(entry).toMatchObject({ actorName: '系统', actorAccountId: null, electionId: null, action: 'test.system_act', prevHash: before.head });
    expect(entry.payload).toEqual({ list: [3, 1, { b: 2, a: 1 }], nested: { zz: null, a: 'x' } });
    expect(await chain()).toMatchObject({ ok: true, length: before.length + 1 });
  });

  it('puts every field of an entry under its hash: changing any one in SQL breaks the chain at that entry', async () => {
    const election = await server.request('POST', '/api/elections', {
      token: admin,
      body: { title: '审计链测试选举', electionDay: '2027-09-01', seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status).toBe(201);
    await systemAct({ list: ['甲', '乙'], nested: { inner: { n: 1 } } });
    const { length } = await chain();
    const elected = length - 1; // election.created: an actor, an election and nested rules
    expect((await entryAt(elected)).action).toBe('election.created');
    const edits: [number, Partial<typeof auditLog.$inferInsert>][] = [
      [elected, { actorName: '别人' }],
      [elected, { actorAccountId: null }],
      [elected, { electionId: null }],
      [elected, { action: 'election.changed' }],
      [elected, { at: new Date('2020-01-01T00:00:00Z') }],
      [elected, { payload: { ...((await entryAt(elected)).payload as object), seats: { director: 9, deputyDirector: 1, members: 3 } } }],
      [length, { payload: { list: ['甲', '丙'], nested: { inner: { n: 1 } } } }],
      [length, { payload: { list: ['甲', '乙'], nested: { inner: { n: 2 } } } }],
      [length, { payload: { list: ['甲', '乙'], nested: { inner: { n: 1 }, more: true } } }],
    ];
    for (const [seq, edit] of edits) {
      const original = await entryAt(seq);
      await server.db.update(auditLog).set(edit).where(atSeq(seq));
      expect(await verifyChain(server.db, communityId), JSON.stringify(edit)).toMatchObject({ ok: false, brokenAt: seq });
      await server.db.update(auditLog).set(original).where(atSeq(seq));
    }
    expect(await chain()).toMatchObject({ ok: true, length });
  });

  it('catches an entry rewritten with a freshly computed hash at the next entry, and a renumbered one at itself', async () => {
    await systemAct({ n: 1 });
    await systemAct({ n: 2 });
    const { length } = await chain();
    const rewritten = await entryAt(length - 1);
    const forged = { ...rewritten, subject: 'community:forged' };
    await server.db
      .update(auditLog)
      .set({ subject: forged.subject, hash: entryHash(forged) })
      .where(atSeq(length - 1));
    expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: false, brokenAt: length, length: length - 1 });
    await server.db
      .update(auditLog)
      .set(rewritten)
      .where(atSeq(length - 1));

    const last = await entryAt(length);
    const renumbered = { ...last, seq: length + 1 };
    await server.db
      .update(auditLog)
      .set({ seq: renumbered.seq, hash: entryHash(renumbered) })
      .where(atSeq(length));
    expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: false, brokenAt: length + 1, length: length - 1 });
    await server.db
      .update(auditLog)
      .set(last)
      .where(atSeq(length + 1));
    expect(await chain()).toMatchObject({ ok: true, length });
  });

  it('names the broken entry to the committee: its number, time, act, subject and who did it', async () => {
    await systemAct({ n: 3 });
    const { length, head } = await chain();
    const original = await entryAt(length);
    await server.db.update(auditLog).set({ subject: 'community:changed' }).where(atSeq(length));
    const res = await server.request('GET', '/api/audit/verify', { token: admin });
    expect(res.body).toEqual({
      ok: false,
      length: length - 1,
      head: original.prevHash,
      brokenAt: length,
      brokenEntry: { seq: length, at: original.at.toISOString(), action: 'test.system_act', subject: 'community:changed', actorName: '系统' },
    });
    await server.db.update(auditLog).set(original).where(atSeq(length));
    expect(await chain()).toEqual({ ok: true, length, head });
  });

  it('verifies a chain longer than one page, and finds a break on a later page', async () => {
    for (let i = 0; i < 5; i++) await systemAct({ i });
    const { length, head } = await chain();
    expect(await verifyChain(server.db, communityId, 2)).toEqual({ ok: true, length, head });
    expect(await verifyChain(server.db, communityId, length)).toEqual({ ok: true, length, head });
    const original = await entryAt(length - 1);
    await server.db
      .update(auditLog)
      .set({ action: 'test.changed' })
      .where(atSeq(length - 1));
    expect(await verifyChain(server.db, communityId, 2)).toMatchObject({ ok: false, brokenAt: length - 1 });
    await server.db
      .update(auditLog)
      .set(original)
      .where(atSeq(length - 1));
  });

  it('lists the chain a page at a time, at most 100 entries a page, and refuses a negative cursor', async () => {
    for (let i = 0; i < 3; i++) await systemAct({ page: i });
    const { length } = await chain();
    const first = await server.request('GET', `/api/audit?limit=2&cursor=${length - 3}`, { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([length - 2, length - 1]);
    expect(first.body.nextCursor).toBe(String(length - 1));
    const second = await server.request('GET', `/api/audit?limit=2&cursor=${first.body.nextCursor}`, { token: admin });
    expect(second.body).toMatchObject({ items: [{ seq: length }], nextCursor: null });
    const all = await server.request('GET', '/api/audit?limit=500', { token: admin });
    expect(all.body.items).toHaveLength(Math.min(length, 100));
    expect(all.body.items[0].seq).toBe(1);
    expect((await server.request('GET', '/api/audit?limit=0', { token: admin })).body.items).toHaveLength(Math.min(length, 100));
    expect((await server.request('GET', '/api/audit?cursor=-1', { token: admin })).status).toBe(400);
  });

  it('is for the election committee: residents and leaders get 403, other communities see their own empty chain', async () => {
    const resident = await server.login('resident1', 'Resident#2026');
    expect((await server.request('GET', '/api/audit', { token: resident })).status).toBe(403);
    const other = await server.login('staff@other', 'Staff#2026');
    expect((await server.request('GET', '/api/audit/verify', { token: other })).body).toEqual({ ok: true, length: 0, head: '0'.repeat(64) });
  });
});
