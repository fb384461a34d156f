import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import { candidateNominationSigners, candidateNominations } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee } from '../_platform/context.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { residentsByIds } from '../election-day/access.js';
import { strokeOrder } from '../election-day/candidates.js';
import { requireElection } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { callerResidentId, nominationViews, windowOf } from './records.js';

/** Accepted nominations per nominee and seat: the figures the candidates are fixed from, public to every voter. */
export async function nominationCounts(ctx: Ctx, electionId: string) {
  const rows = await ctx.db
    .select({ seat: candidateNominations.seat, residentId: candidateNominations.nomineeResidentId, nominations: count() })
    .from(candidateNominations)
    .where(
      and(eq(candidateNominations.communityId, ctx.communityId), eq(candidateNominations.electionId, electionId), eq(candidateNominations.status, 'accepted')),
    )
    .groupBy(candidateNominations.seat, candidateNominations.nomineeResidentId);
  const people = await residentsByIds(
    ctx,
    rows.map((r) => r.residentId),
  );
  const seatIndex = (s: SeatKey) => seatKeys.indexOf(s);
  return rows
    .map((r) => ({
      seat: r.seat,
      seatName: seatNamesZh[r.seat],
      residentId: r.residentId,
      name: people.get(r.residentId)?.name ?? '',
      groupName: people.get(r.residentId)?.groupName ?? '',
      nominations: Number(r.nominations),
    }))
    .sort((a, b) => seatIndex(a.seat) - seatIndex(b.seat) || b.nominations - a.nominations || strokeOrder.compare(a.name, b.name));
}

/**
 * The nominations of an election: the committee sees every one; a voter sees the counts and the
 * nominations they are named on (as nominator, co-signer or nominee) — who nominated whom is
 * otherwise not shown, so nobody is pressed over whom they named.
 */
export async function listNominations({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const committee = isCommittee(ctx);
  const me = await callerResidentId(ctx);
  const { window, state } = await windowOf(ctx, election);
  const base = and(eq(candidateNominations.communityId, ctx.communityId), eq(candidateNominations.electionId, election.id));
  let rows: (typeof candidateNominations.$inferSelect)[] = [];
  if (committee) {
    rows = await ctx.db.select().from(candidateNominations).where(base).orderBy(desc(candidateNominations.createdAt), candidateNominations.id);
  } else if (me) {
    const signed = ctx.db
      .select({ id: candidateNominationSigners.nominationId })
      .from(candidateNominationSigners)
      .where(and(eq(candidateNominationSigners.communityId, ctx.communityId), eq(candidateNominationSigners.residentId, me)));
    rows = await ctx.db
      .select()
      .from(candidateNominations)
      .where(
        and(
          base,
          or(eq(candidateNominations.nominatorResidentId, me), eq(candidateNominations.nomineeResidentId, me), inArray(candidateNominations.id, signed)),
        ),
      )
      .orderBy(desc(candidateNominations.createdAt), candidateNominations.id);
  }
  return {
    window: {
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt.toISOString(),
      lastDay: window.lastDay,
      state,
    },
    seats: election.seats,
    candidateSurplus: election.rulebook.candidateSurplus,
    counts: await nominationCounts(ctx, election.id),
    items: await nominationViews(ctx, rows, me),
    nextCursor: null,
  };
}
