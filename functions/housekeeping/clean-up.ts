import { lt, or } from 'drizzle-orm';
import { idempotencyKeys, loginFailures, qrTickets, sessions } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';

const DAY_MS = 24 * 3600_000;

/**
 * Keeps short-lived records short-lived: failed sign-ins (they only matter for 15 minutes), used
 * or expired QR tickets, long-dead sessions and old idempotency keys. Run daily by Vercel Cron.
 */
export async function cleanUp({ ctx }: { ctx: Ctx }) {
  const before = (ms: number) => new Date(ctx.now.getTime() - ms);
  const failures = await ctx.db
    .delete(loginFailures)
    .where(lt(loginFailures.at, before(DAY_MS)))
    .returning({ id: loginFailures.id });
  const tickets = await ctx.db
    .delete(qrTickets)
    .where(lt(qrTickets.expiresAt, before(DAY_MS)))
    .returning({ id: qrTickets.id });
  const dead = await ctx.db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, before(30 * DAY_MS)), lt(sessions.revokedAt, before(30 * DAY_MS))))
    .returning({ id: sessions.id });
  const keys = await ctx.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before(7 * DAY_MS)))
    .returning({ key: idempotencyKeys.key });
  return { loginFailures: failures.length, qrTickets: tickets.length, sessions: dead.length, idempotencyKeys: keys.length };
}
