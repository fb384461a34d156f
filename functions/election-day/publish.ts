import { and, eq } from 'drizzle-orm';
import { electionPublications, type PublicationKind } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { auditHead } from './access.js';

export interface ElectionNotice {
  id: string;
  category: 'election';
  kind: PublicationKind;
  electionId: string;
  title: string;
  body: string;
  publishAt: string;
  auditHead: { seq: number; hash: string };
}

/**
 * Publishes an election-day notice (the candidate list, the results) inside the caller's
 * transaction, once per kind and election. Until the notices domain lands, the publication row
 * is the notice (`noticeId` stays null); then this is the one place that calls its publishNotice.
 * The audit chain's head after the entry is stored with it: what a printed notice shows.
 */
export async function publishElectionNotice(
  tx: AuthedCtx,
  input: { electionId: string; kind: PublicationKind; title: string; body: string; snapshot: unknown },
): Promise<ElectionNotice> {
  if (await findPublication(tx, input.electionId, input.kind)) {
    throw new AppError('CONFLICT', input.kind === 'candidates' ? '候选人名单已经公布过了。' : '选举结果已经公布过了。');
  }
  await appendAudit(tx, {
    action: 'notice.published',
    subject: `election:${input.electionId}`,
    electionId: input.electionId,
    payload: { kind: input.kind, title: input.title, snapshot: input.snapshot },
  });
  const head = await auditHead(tx);
  const [row] = await tx.db
    .insert(electionPublications)
    .values({
      communityId: tx.communityId,
      electionId: input.electionId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      snapshot: input.snapshot as object,
      auditSeq: head.seq,
      auditHash: head.hash,
      publishedByAccountId: tx.actor.accountId,
      publishedAt: tx.now,
    })
    .returning();
  return noticeView(row!);
}

export async function findPublication(ctx: Ctx, electionId: string, kind: PublicationKind) {
  const [row] = await ctx.db
    .select()
    .from(electionPublications)
    .where(and(eq(electionPublications.communityId, ctx.communityId), eq(electionPublications.electionId, electionId), eq(electionPublications.kind, kind)));
  return row ?? null;
}

export function noticeView(row: typeof electionPublications.$inferSelect): ElectionNotice {
  return {
    id: row.noticeId ?? row.id,
    category: 'election',
    kind: row.kind,
    electionId: row.electionId,
    title: row.title,
    body: row.body,
    publishAt: row.publishedAt.toISOString(),
    auditHead: { seq: row.auditSeq, hash: row.auditHash },
  };
}
