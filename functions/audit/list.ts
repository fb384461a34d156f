import { and, asc, eq, gt, notLike } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { type AuthedCtx, hasRole, isCommittee } from '../_platform/context.js';
import { forbidden } from '../_platform/errors.js';
import { keysetPage } from '../_shared/keyset.js';
import { verifyCommunity } from './verify.js';

/** The community's record of election acts, oldest first, a page at a time (the cursor is the last seq read); the committee's. */
export async function listAudit({ ctx, input }: { ctx: AuthedCtx; input: { electionId?: string; limit: number; cursor?: number } }) {
  if (!isCommittee(ctx)) throw forbidden();
  const rows = await ctx.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorName: auditLog.actorName,
      action: auditLog.action,
      subject: auditLog.subject,
      hash: auditLog.hash,
      prevHash: auditLog.prevHash,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.communityId, ctx.communityId),
        input.electionId ? eq(auditLog.electionId, input.electionId) : undefined,
        input.cursor ? gt(auditLog.seq, input.cursor) : undefined,
        // The party branch's acts stay in the chain (verification covers them) but are listed to
        // its organisers only: party membership is seen by them alone.
        hasRole(ctx.actor, ctx.communityId, 'party_organizer') ? undefined : notLike(auditLog.action, 'party.%'),
      ),
    )
    .orderBy(asc(auditLog.seq))
    .limit(input.limit + 1);
  const { items, last } = keysetPage(rows, input.limit);
  return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: last ? String(last.seq) : null };
}

/**
 * The committee's check of the community's chain (verifyCommunity). A broken chain names its first
 * entry that no longer matches its hash, so the committee can find it, and the first anchor (a
 * printed code) it no longer vouches for.
 */
export async function verifyAudit({ ctx }: { ctx: AuthedCtx }) {
  if (!isCommittee(ctx)) throw forbidden();
  const { ok, length, head, brokenAt, brokenAnchor } = await verifyCommunity(ctx.db, ctx.communityId);
  if (ok) return { ok, length, head };
  const [broken] =
    brokenAt === undefined
      ? []
      : await ctx.db
          .select({ seq: auditLog.seq, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, actorName: auditLog.actorName })
          .from(auditLog)
          .where(and(eq(auditLog.communityId, ctx.communityId), eq(auditLog.seq, brokenAt)));
  return {
    ok,
    length,
    head,
    ...(brokenAt !== undefined ? { brokenAt, brokenEntry: broken ? { ...broken, at: broken.at.toISOString() } : null } : {}),
    ...(brokenAnchor ? { brokenAnchor: { ...brokenAnchor, at: brokenAnchor.at.toISOString() } } : {}),
  };
}
