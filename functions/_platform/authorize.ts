import type { RoleName } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole } from './context.js';
import { forbidden } from './errors.js';

/**
 * Authorisation first: the opening line of a write verb that only some roles may call. The
 * route's `access` is the outer gate; this one also holds for callers with no route in front
 * (command-line tools, scripts, another verb), so a verb is safe whoever calls it.
 */
export function requireRole(ctx: Ctx, ...roles: RoleName[]): asserts ctx is AuthedCtx {
  if (!hasRole(ctx.actor, ctx.communityId, ...roles)) throw forbidden();
}
