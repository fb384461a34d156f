import { and, eq, isNull, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { serviceCategories, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { isAdmin, isStaff } from './permissions.js';

/*
 * Who sees a request, said twice: as a predicate on one loaded row (a request's page, every write)
 * and as SQL for the list. The two must agree on every row; tests/api/service-requests-visibility
 * holds them to each other over roles × sensitive/ordinary × own/others'. Change both or neither.
 */

/** What visibility looks at on a request (its category's `sensitive` flag included). */
export interface VisibilityFacts {
  ownerAccountId: string | null;
  filedByAccountId: string;
  sensitive: boolean;
  assignedToAccountId: string | null;
}

/**
 * Who sees a request: the resident it belongs to; whoever filed it on their behalf; staff of the
 * community. Everyone else gets 404, as if it did not exist. Sensitive categories (低保, relief)
 * never reach a group leader (leaders cannot file them on behalf), and once a staff member has
 * taken one on (accepted or refused it), only they, the resident and the administrators see it —
 * not even the colleague who filed it at the window: in a small town a welfare application is
 * not the whole office's business. Whoever holds one but is no longer staff sees it no more
 * (the list always said so; the request's own page let them in).
 */
export function visibleTo(ctx: AuthedCtx, r: VisibilityFacts): boolean {
  const me = ctx.actor.accountId;
  if (r.ownerAccountId === me) return true;
  if (!r.sensitive) return r.filedByAccountId === me || isStaff(ctx);
  if (r.assignedToAccountId !== null) return (r.assignedToAccountId === me && isStaff(ctx)) || isAdmin(ctx);
  return r.filedByAccountId === me || isStaff(ctx);
}

/**
 * visibleTo as SQL, over service_requests joined to service_categories. Undefined: every request
 * of the community (administrators). `me`: the caller's account id, or a placeholder for it in a
 * statement built once.
 */
export function visibleWhere(ctx: AuthedCtx, me: string | SQLWrapper = ctx.actor.accountId): SQL | undefined {
  const owner = eq(serviceRequests.ownerAccountId, me);
  const untakenOrOrdinary = or(eq(serviceCategories.sensitive, false), isNull(serviceRequests.assignedToAccountId));
  if (!isStaff(ctx)) return or(owner, and(eq(serviceRequests.filedByAccountId, me), untakenOrOrdinary));
  if (isAdmin(ctx)) return undefined;
  return or(owner, untakenOrOrdinary, eq(serviceRequests.assignedToAccountId, me));
}
