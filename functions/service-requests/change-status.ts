import { eq } from 'drizzle-orm';
import { type ServiceRequestStatus, serviceRequests } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { staffRoles } from '../_shared/roles.js';
import { kickDeliveries } from '../notices/outbox.js';
import { getServiceRequest } from './get.js';
import { loadVisible } from './read-model.js';
import { canTransition, dueAtFor } from './rules.js';
import { addEvent, queueProgressMessage } from './timeline.js';

/** Staff move a request through its lifecycle (rules.ts), with a timeline entry and a 办事进度 message. */
export async function changeServiceRequestStatus({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { id: string; status: ServiceRequestStatus; note?: string; referTo?: string };
}) {
  requireRole(ctx, ...staffRoles);
  if (input.status === 'rejected' && !input.note) {
    throw new AppError('VALIDATION_FAILED', '不予受理时必须写明理由。', { errors: [{ path: 'body.note', message: '请填写不予受理的理由' }] });
  }
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    if (!canTransition(row.status, input.status)) {
      throw new AppError('INVALID_TRANSITION', `当前状态不能改为该状态。`);
    }
    await tx.db
      .update(serviceRequests)
      .set({
        status: input.status,
        dueAt: dueAtFor(input.status, row),
        updatedAt: tx.now,
        // Whoever accepts a request handles it, unless someone already does; whoever refuses one
        // straight away has handled it (a refused sensitive request then leaves the other staff's view).
        ...(input.status === 'accepted' ? { acceptedAt: tx.now, assignedToAccountId: row.assignedToAccountId ?? tx.actor.accountId } : {}),
        ...(input.status === 'rejected' ? { assignedToAccountId: row.assignedToAccountId ?? tx.actor.accountId } : {}),
        ...(input.status === 'resolved' || input.status === 'rejected' ? { resolvedAt: tx.now } : {}),
        ...(input.referTo ? { referTo: input.referTo } : {}),
      })
      .where(eq(serviceRequests.id, row.id));
    const note = [input.note, input.referTo ? `请联系：${input.referTo}` : null].filter(Boolean).join('\n');
    const eventId = await addEvent(tx, row.id, { type: 'status', status: input.status, body: note || null });
    await queueProgressMessage(tx, row, eventId, { status: input.status, note: note || null });
  });
  kickDeliveries(ctx.services);
  return getServiceRequest({ ctx, input: { id: input.id } });
}
