import { asc, eq } from 'drizzle-orm';
import { auditAnchors } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { badAnchorCode, normalizeAnchorCode } from './anchor-code.js';
import { GENESIS, verifyChain } from './chain.js';

/** Sheets that share one code (the same head printed again) are checked a few at most. */
const MAX_CANDIDATES = 5;

/**
 * The public check of a printed code (公告核验). Anyone may ask: the code is printed on posters
 * that do not say their community, so it is looked up across communities, and the reply names
 * only what was printed and when, never a person or a community's record. It matches only while
 * the chain, recomputed from its start up to the anchor's seq, is unbroken and still has the
 * printed hash there: a chain cut short, rewritten or edited answers `matches: false`, exactly as
 * an unknown code does.
 */
export async function checkAnchorCode({ ctx, input }: { ctx: Ctx; input: { code: string } }) {
  const code = normalizeAnchorCode(input.code);
  if (!code) {
    throw new AppError('VALIDATION_FAILED', badAnchorCode, {
      errors: [{ path: 'params.code', message: badAnchorCode }],
    });
  }
  const anchors = await ctx.db
    .select({
      communityId: auditAnchors.communityId,
      seq: auditAnchors.seq,
      hash: auditAnchors.hash,
      what: auditAnchors.what,
      label: auditAnchors.label,
      at: auditAnchors.at,
    })
    .from(auditAnchors)
    .where(eq(auditAnchors.code, code))
    .orderBy(asc(auditAnchors.at), asc(auditAnchors.id))
    .limit(MAX_CANDIDATES);
  for (const anchor of anchors) {
    let hashAtSeq = anchor.seq === 0 ? GENESIS : undefined;
    const chain = await verifyChain(ctx.db, anchor.communityId, 1000, {
      upTo: anchor.seq,
      onEntry: (seq, hash) => {
        if (seq === anchor.seq) hashAtSeq = hash;
      },
    });
    if (chain.ok && hashAtSeq === anchor.hash) return { matches: true, at: anchor.at.toISOString(), what: anchor.what, label: anchor.label };
  }
  return { matches: false };
}
