import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: Date;
  actorAccountId: string | null;
  actorName: string;
  action: string;
  subject: string;
  electionId: string | null;
  payload: unknown;
  prevHash: string;
}

/** JSON with sorted keys, so the same payload always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(e: AuditEntry): string {
  const fields = [
    e.prevHash,
    String(e.seq),
    e.at.toISOString(),
    e.actorAccountId ?? '',
    e.actorName,
    e.action,
    e.subject,
    e.electionId ?? '',
    canonical(e.payload),
  ];
  return createHash('sha256').update(fields.join('\u001f')).digest('hex');
}

/**
 * Appends one act to the community's chain, inside the caller's transaction: the act and its
 * record commit or fail together. Appends of one community queue on an advisory lock, so the
 * sequence has no gaps and no forks even when the chain is still empty.
 */
export async function appendAudit(ctx: Ctx, act: { action: string; subject: string; electionId?: string | null; payload?: unknown }) {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${ctx.communityId}`}))`);
  const [head] = await ctx.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.communityId, ctx.communityId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const entry: AuditEntry = {
    seq: (head?.seq ?? 0) + 1,
    at: ctx.now,
    actorAccountId: ctx.actor?.accountId ?? null,
    actorName: ctx.actor?.name ?? '系统',
    action: act.action,
    subject: act.subject,
    electionId: act.electionId ?? null,
    payload: act.payload ?? {},
    prevHash: head?.hash ?? GENESIS,
  };
  await ctx.db.insert(auditLog).values({ communityId: ctx.communityId, ...entry, payload: entry.payload as object, hash: entryHash(entry) });
}

/** The head of the community's chain (seq 0 and the genesis hash while it is empty). */
export async function auditHeadOf(ctx: Ctx): Promise<{ seq: number; hash: string }> {
  const [head] = await ctx.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.communityId, ctx.communityId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return head ?? { seq: 0, hash: GENESIS };
}

/**
 * Recomputes a community's chain from the start, a thousand entries (a page) at a time. `upTo`
 * stops after that seq (the prefix an anchor vouches for); `onEntry` hears every entry that
 * checked out, in order, with its verified hash.
 */
export async function verifyChain(
  db: Db,
  communityId: string,
  pageSize = 1000,
  options: { upTo?: number; onEntry?: (seq: number, hash: string) => void } = {},
): Promise<{ ok: boolean; length: number; head: string; brokenAt?: number }> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communityId, communityId), gt(auditLog.seq, after), options.upTo !== undefined ? lte(auditLog.seq, options.upTo) : undefined))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const recomputed = entryHash({ ...row, prevHash: row.prevHash });
      if (row.seq !== expectedSeq || row.prevHash !== prevHash || row.hash !== recomputed) {
        return { ok: false, length: expectedSeq - 1, head: prevHash, brokenAt: row.seq };
      }
      options.onEntry?.(row.seq, row.hash);
      prevHash = row.hash;
      expectedSeq += 1;
      after = row.seq;
    }
    if (rows.length < pageSize) return { ok: true, length: expectedSeq - 1, head: prevHash };
  }
}
