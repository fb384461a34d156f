import { auditAnchors } from '../../db/schema/index.js';
import { type Ctx, withTransaction } from '../_platform/context.js';
import { chinaMinute } from '../_shared/china-time.js';
import { anchorCode } from './anchor-code.js';
import { appendAudit, auditHeadOf } from './chain.js';

export { anchorCode, normalizeAnchorCode } from './anchor-code.js';

/** What carried an anchor, in the words of the command-line report. */
const printedAs: Record<string, string> = { notice: '公布', results_poster: '公布', certificate: '颁发' };

/** `选举结果公告，2026-12-07 10:30 公布`: the sheet an anchor was printed on, for a person to find it. */
export const anchorWords = (a: { what: string; label: string; at: Date }) => `${a.label}，${chinaMinute(a.at)} ${printedAs[a.what] ?? '打印'}`;

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

/**
 * A sheet printed (the proxy list, voter cards): the printing is an act on the chain of its own,
 * and the sheet carries the head just after it. Its own entry gives every sheet its own code, so
 * the public check names the sheet a person holds, not another one printed at the same head.
 */
export async function anchorPrintedSheet(
  ctx: Ctx,
  input: { action: string; what: string; subject: string; label: string; electionId: string; payload?: unknown },
): Promise<Anchor> {
  return withTransaction(ctx, async (tx) => {
    await appendAudit(tx, { action: input.action, subject: input.subject, electionId: input.electionId, payload: input.payload });
    return recordAnchor(tx, { what: input.what, subject: input.electionId, label: input.label, electionId: input.electionId });
  });
}
