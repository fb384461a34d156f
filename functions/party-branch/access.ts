import { and, eq } from 'drizzle-orm';
import { type PartyOfficialRole, partyMembers, partyOfficials, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';

/**
 * Who sees the party branch. Membership is sensitive personal data: the branch's organisers see
 * it all; a member sees their own entry; a meeting's officials (members appointed as 计票人 or
 * 监票人) reach that meeting's ballots and count. Everyone else — residents, staff and
 * administrators without the role, other communities — gets NOT_FOUND, as for a path that does
 * not exist: not even the branch's existence shows.
 */
export const isOrganizer = (ctx: Pick<Ctx, 'actor' | 'communityId'>) => hasRole(ctx.actor, ctx.communityId, 'party_organizer');

/** Authorisation first: the opening line of every organiser's verb. */
export function requireOrganizer(ctx: Ctx): asserts ctx is AuthedCtx {
  if (!isOrganizer(ctx)) throw notFound();
}

/** The caller's own entry on the roster, through the resident their account is linked to. */
export async function memberOfAccount(ctx: AuthedCtx) {
  const [row] = await ctx.db
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .innerJoin(residents, and(eq(residents.communityId, partyMembers.communityId), eq(residents.id, partyMembers.residentId)))
    .where(and(eq(partyMembers.communityId, ctx.communityId), eq(residents.accountId, ctx.actor.accountId)))
    .limit(1);
  return row?.id ?? null;
}

/** The caller's office at a meeting (计票人, 监票人), or null. */
export async function officialOf(ctx: AuthedCtx, meetingId: string): Promise<{ memberId: string; role: PartyOfficialRole } | null> {
  const memberId = await memberOfAccount(ctx);
  if (!memberId) return null;
  const [row] = await ctx.db
    .select({ role: partyOfficials.role })
    .from(partyOfficials)
    .where(and(eq(partyOfficials.communityId, ctx.communityId), eq(partyOfficials.meetingId, meetingId), eq(partyOfficials.memberId, memberId)));
  return row ? { memberId, role: row.role } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route gate of a meeting's ballots and count: its organisers and its officials. */
export async function admitsMeeting(ctx: AuthedCtx, params: Record<string, string>) {
  if (isOrganizer(ctx)) return true;
  const mid = params.mid;
  return !!mid && UUID.test(mid) && !!(await officialOf(ctx, mid));
}

/** The route gate of one's own entry: organisers and members. */
export async function admitsMember(ctx: AuthedCtx) {
  return isOrganizer(ctx) || !!(await memberOfAccount(ctx));
}
