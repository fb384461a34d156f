import { and, eq, sql } from 'drizzle-orm';
import { electionPublications, type PublicationKind } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { appendAudit, auditHeadOf } from '../audit/chain.js';
import { publishNotice } from '../notices/notices.js';
import { kickDeliveries } from '../notices/outbox.js';

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
 * transaction, once per kind and election: the public notice through the notices domain
 * (which queues its subscribers' messages and appends `notice.published` to the audit chain),
 * and beside it the publication row with what was shown and the chain's head after that entry,
 * which a printed notice carries. Call deliverNow() after the transaction commits.
 */
export async function publishElectionNotice(
  tx: AuthedCtx,
  input: { electionId: string; kind: PublicationKind; title: string; body: string; snapshot: unknown },
): Promise<ElectionNotice> {
  if (await findPublication(tx, input.electionId, input.kind)) {
    throw new AppError('CONFLICT', input.kind === 'candidates' ? '候选人名单已经公布过了。' : '选举结果已经公布过了。');
  }
  const notice = await publishNotice(tx, { category: 'election', kind: input.kind, electionId: input.electionId, title: input.title, body: input.body });
  // What was published, on the chain too (API.md Audit: results published).
  await appendAudit(tx, {
    action: `${input.kind}.published`,
    subject: `election:${input.electionId}`,
    electionId: input.electionId,
    payload: { noticeId: notice.id, snapshot: input.snapshot },
  });
  const head = await auditHeadOf(tx);
  const [row] = await tx.db
    .insert(electionPublications)
    .values({
      communityId: tx.communityId,
      electionId: input.electionId,
      kind: input.kind,
      noticeId: notice.id,
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

// Asked by every read of the candidates and results: built once per database, prepared.
const publicationOf = perDatabase((db) =>
  db
    .select()
    .from(electionPublications)
    .where(
      and(
        eq(electionPublications.communityId, sql.placeholder('communityId')),
        eq(electionPublications.electionId, sql.placeholder('electionId')),
        eq(electionPublications.kind, sql.placeholder('kind')),
      ),
    )
    .prepare('election_publication'),
);

export async function findPublication(ctx: Ctx, electionId: string, kind: PublicationKind) {
  const [row] = await publicationOf(ctx.db).execute({ communityId: ctx.communityId, electionId, kind });
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

/** Sends the queued subscribe messages now, after the publishing transaction committed (the cron worker would otherwise). */
export const deliverNow = (ctx: Ctx) => kickDeliveries(ctx.services);
