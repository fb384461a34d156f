import { and, eq } from 'drizzle-orm';
import { serviceRatings, serviceRequestEvents } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { requireSpeaksForResident } from './permissions.js';
import { loadVisible } from './read-model.js';
import { addEvent } from './timeline.js';

/** The resident (or the leader who filed for them) rates a resolved request 1–5 stars. */
export async function rateServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: { id: string; score: number; comment?: string } }) {
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    requireSpeaksForResident(ctx, row);
    if (row.status !== 'resolved') throw new AppError('INVALID_TRANSITION', '办结之后才能评价。');
    // One rating per request, changeable: a second one replaces the first, and its timeline entry.
    const body = `${'★'.repeat(input.score)}${input.comment ? ` ${input.comment}` : ''}`;
    await tx.db
      .insert(serviceRatings)
      .values({ communityId: tx.communityId, requestId: row.id, score: input.score, comment: input.comment ?? null, at: tx.now })
      .onConflictDoUpdate({
        target: [serviceRatings.communityId, serviceRatings.requestId],
        set: { score: input.score, comment: input.comment ?? null, at: tx.now },
      });
    // The timeline keeps one rating entry, at the time of the latest change.
    await tx.db
      .delete(serviceRequestEvents)
      .where(and(eq(serviceRequestEvents.communityId, tx.communityId), eq(serviceRequestEvents.requestId, row.id), eq(serviceRequestEvents.type, 'rating')));
    await addEvent(tx, row.id, { type: 'rating', body });
  });
  return { score: input.score, ...(input.comment ? { comment: input.comment } : {}) };
}
