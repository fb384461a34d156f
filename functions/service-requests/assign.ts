import { and, eq, inArray } from 'drizzle-orm';
import { accountRoles, accounts, serviceRequests } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { getServiceRequest } from './get.js';
import { loadVisible } from './read-model.js';
import { addEvent } from './timeline.js';

/**
 * An administrator hands a request to a staff member of the community (or takes it back: null).
 * The resident and the staff see it on the timeline ("交给X办理"): a 低保 case never changes hands
 * without a trace. Handing it to whoever already has it changes nothing and says nothing.
 */
export async function assignServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: { id: string; accountId: string | null } }) {
  requireRole(ctx, 'admin');
  let assignee: { id: string; name: string } | null = null;
  if (input.accountId) {
    [assignee = null] = await ctx.db
      .select({ id: accounts.id, name: accounts.name })
      .from(accountRoles)
      .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
      .where(and(eq(accountRoles.accountId, input.accountId), eq(accountRoles.communityId, ctx.communityId), inArray(accountRoles.role, ['staff', 'admin'])))
      .limit(1);
    if (!assignee)
      throw new AppError('VALIDATION_FAILED', '只能交给本社区的工作人员办理。', { errors: [{ path: 'body.accountId', message: '不是本社区的工作人员' }] });
  }
  await withTransaction(ctx, async (tx) => {
    // Locked: two hand-overs at once take turns, so each reads who has it now and the timeline
    // tells the changes in the order they happened.
    const row = await loadVisible(tx, input.id, { lock: true });
    if (row.assignedToAccountId === (assignee?.id ?? null)) return;
    await addEvent(tx, row.id, { type: 'assigned', body: assignee ? `交给${assignee.name}办理` : '收回，另行安排' });
    await tx.db
      .update(serviceRequests)
      .set({ assignedToAccountId: assignee?.id ?? null, updatedAt: tx.now })
      .where(eq(serviceRequests.id, row.id));
  });
  return getServiceRequest({ ctx, input: { id: input.id } });
}
