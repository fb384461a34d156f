import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, communities } from '../../db/schema/index.js';
import { type AuditEntry, entryHash, GENESIS, verifyChain } from '../../functions/audit/chain.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let committee: string;
let communityId: string;

beforeAll(async () => {
  server = await startTestServer();
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
  committee = await server.login('staff', 'Staff#2026');
});
afterAll(() => server.close());

const LENGTH = 10_000;

/** Appends `count` entries after the community's head, hashed in JS as appendAudit would, inserted a thousand at a time. */
async function appendMany(count: number) {
  const [head] = await server.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.communityId, communityId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let prevHash = head?.hash ?? GENESIS;
  let seq = head?.seq ?? 0;
  const start = Date.parse('2026-11-01T00:00:00Z');
  const actions = ['voter.registered', 'nomination.created', 'nomination.confirmed', 'voter.removed'];
  let batch: (AuditEntry & { communityId: string; hash: string })[] = [];
  for (let i = 0; i < count; i++) {
    seq += 1;
    const entry: AuditEntry = {
      seq,
      at: new Date(start + i * 1000),
      actorAccountId: null,
      actorName: '王晓梅',
      action: actions[i % actions.length]!,
      subject: `resident:${i}`,
      electionId: null,
      payload: { n: i, name: `居民${i}`, nested: { b: 2, a: [1, '二'] } },
      prevHash,
    };
    const hash = entryHash(entry);
    batch.push({ ...entry, communityId, hash });
    prevHash = hash;
    if (batch.length === 1000 || i === count - 1) {
      await server.db.insert(auditLog).values(batch.map((e) => ({ ...e, payload: e.payload as object })));
      batch = [];
    }
  }
  return { head: prevHash, length: seq };
}

describe('a long audit chain', () => {
  it('verifies 10,000 untouched entries, then names the one row changed in SQL', { timeout: 180_000 }, async () => {
    const { head, length } = await appendMany(LENGTH);
    expect(length).toBeGreaterThanOrEqual(LENGTH);
    const ok = await server.request('GET', '/api/audit/verify', { token: committee });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, length, head });

    // Change one entry deep in the chain, as someone with database access might.
    const target = length - 2_345;
    await server.db.execute(
      sql`update audit_log set payload = jsonb_set(payload, '{name}', '"改过的名字"') where community_id = ${communityId} and seq = ${target}`,
    );
    const broken = await server.request('GET', '/api/audit/verify', { token: committee });
    expect(broken.body).toMatchObject({
      ok: false,
      length: target - 1,
      brokenAt: target,
      brokenEntry: { seq: target, subject: expect.stringMatching(/^resident:/) },
    });
    // The command-line check (npm run audit:verify) runs the same function.
    expect(await verifyChain(server.db, communityId)).toMatchObject({ ok: false, brokenAt: target });

    // Every entry after it is still linked to its predecessor: only the altered one is named.
    const [after] = await server.db
      .select({ prevHash: auditLog.prevHash })
      .from(auditLog)
      .where(and(eq(auditLog.communityId, communityId), eq(auditLog.seq, target + 1)));
    const [altered] = await server.db
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(and(eq(auditLog.communityId, communityId), eq(auditLog.seq, target)));
    expect(after!.prevHash).toBe(altered!.hash);
  });
});
