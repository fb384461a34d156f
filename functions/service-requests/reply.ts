import { eq } from 'drizzle-orm';
import { serviceRequests } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { kickDeliveries } from '../notices/outbox.js';
import { checkContent } from './content-check.js';
import { isStaff } from './permissions.js';
import { attachPhotos, photosByIds } from './photos.js';
import { loadVisible } from './read-model.js';
import { addEvent, queueProgressMessage } from './timeline.js';

/** A reply on the timeline by whoever sees the request; a staff member's first one stops the response clock. */
export async function replyToServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: { id: string; body: string; attachmentIds?: string[] } }) {
  const row = await loadVisible(ctx, input.id);
  // Replies that come back "review" are still posted; only risky text is refused.
  if (!isStaff(ctx) && input.body) await checkContent(ctx, input.body);
  const photoIds = input.attachmentIds ?? [];
  await withTransaction(ctx, async (tx) => {
    const eventId = await addEvent(tx, row.id, { type: 'reply', body: input.body });
    // A reply with photos that are not all the caller's own fresh uploads is not posted at all.
    await attachPhotos(tx, { requestId: row.id, eventId }, photoIds);
    if (isStaff(ctx)) await queueProgressMessage(tx, row, eventId, { status: 'reply', note: input.body });
    const staffReply = isStaff(ctx) && !row.firstReplyAt;
    await tx.db
      .update(serviceRequests)
      .set({ updatedAt: tx.now, ...(staffReply ? { firstReplyAt: tx.now } : {}) })
      .where(eq(serviceRequests.id, row.id));
  });
  if (isStaff(ctx)) kickDeliveries(ctx.services);
  const photos = photoIds.length ? await photosByIds(ctx, photoIds) : undefined;
  return { type: 'reply', actorName: ctx.actor.name, body: input.body, at: ctx.now.toISOString(), ...(photos ? { photos } : {}) };
}
