import { eq } from 'drizzle-orm';
import { serviceRequests } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { getServiceRequest } from './get.js';
import { requireSpeaksForResident } from './permissions.js';
import { loadVisible } from './read-model.js';
import { dueAtFor } from './rules.js';
import { addEvent } from './timeline.js';

/** The resident (or the leader who filed for them) finds a resolved request not done: back to in progress. */
export async function reopenServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: { id: string; reason: string } }) {
  await withTransaction(ctx, async (tx) => {
    const row = await loadVisible(tx, input.id, { lock: true });
    requireSpeaksForResident(ctx, row);
    if (row.status !== 'resolved') throw new AppError('INVALID_TRANSITION', '只有已办结的申请才能重新办理。');
    await tx.db
      .update(serviceRequests)
      .set({ status: 'in_progress', dueAt: dueAtFor('in_progress', row), resolvedAt: null, updatedAt: tx.now })
      .where(eq(serviceRequests.id, row.id));
    await addEvent(tx, row.id, { type: 'reopened', status: 'in_progress', body: input.reason });
  });
  return getServiceRequest({ ctx, input: { id: input.id } });
}
