import { auditAnchors } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { auditHeadOf } from './chain.js';

/** The printed check code of a chain head: its first 10 hex characters (API.md "Anchors"). */
export const anchorCode = (hash: string) => hash.slice(0, 10);

export interface Anchor {
  seq: number;
  code: string;
}

/**
 * Records that the chain's head at this moment was printed on, or published with, `what`
 * (inside the caller's transaction, after the act's own audit entry), and returns the anchor
 * the sheet or notice carries.
 */
export async function recordAnchor(
  ctx: Ctx,
  input: { what: string; subject: string; label: string; electionId?: string | null; head?: { seq: number; hash: string } },
): Promise<Anchor> {
  const head = input.head ?? (await auditHeadOf(ctx));
  const code = anchorCode(head.hash);
  await ctx.db.insert(auditAnchors).values({
    communityId: ctx.communityId,
    seq: head.seq,
    hash: head.hash,
    code,
    what: input.what,
    subject: input.subject,
    label: input.label,
    electionId: input.electionId ?? null,
    at: ctx.now,
  });
  return { seq: head.seq, code };
}
