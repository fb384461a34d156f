import { serviceRequestEvents } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { queueMessages } from '../notices/outbox.js';
import { progressMessage } from './progress-message.js';
import type { Row } from './read-model.js';

type EventType = (typeof serviceRequestEvents.$inferInsert)['type'];
type EventStatus = (typeof serviceRequestEvents.$inferInsert)['status'];

/** An entry on the request's timeline, by the caller, at the ctx's time; its id. */
export async function addEvent(ctx: AuthedCtx, requestId: string, event: { type: EventType; body?: string | null; status?: EventStatus }) {
  const [row] = await ctx.db
    .insert(serviceRequestEvents)
    .values({
      communityId: ctx.communityId,
      requestId,
      type: event.type,
      actorAccountId: ctx.actor.accountId,
      actorName: ctx.actor.name,
      body: event.body ?? null,
      status: event.status ?? null,
      at: ctx.now,
    })
    .returning({ id: serviceRequestEvents.id });
  return row!.id;
}

/**
 * Staff moved a request on: its resident and whoever filed it for them get a 办事进度 message
 * through the outbox, in the same transaction, if they hold a credit for that template.
 */
export async function queueProgressMessage(ctx: AuthedCtx, row: Row, eventId: string, progress: { status: string; note?: string | null }) {
  await queueMessages(ctx, {
    source: 'service_request',
    subjectId: eventId,
    accountIds: [row.ownerAccountId, row.filedByAccountId].filter((id): id is string => !!id && id !== ctx.actor.accountId),
    templateKey: 'service',
    page: `service/detail/index?id=${row.id}`,
    data: progressMessage({ title: row.title, status: progress.status, note: progress.note ?? null, at: ctx.now }),
  });
}
