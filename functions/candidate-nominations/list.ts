import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { candidateNominationSigners, candidateNominations, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee } from '../_platform/context.js';
import { perDatabase, perDatabaseShape } from '../_platform/prepared.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { strokeOrder } from '../_shared/stroke-order.js';
import { requireElection } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { callerResidentId, nominationViews, windowOf } from './records.js';

const $ = sql.placeholder;

// The counts with each nominee's name and group: one statement, built once per database, prepared.
const countsQuery = perDatabase((db) =>
  db
    .select({
      seat: candidateNominations.seat,
      residentId: candidateNominations.nomineeResidentId,
      nominations: count(),
      name: residents.name,
      groupName: residentGroups.name,
    })
    .from(candidateNominations)
    .leftJoin(residents, and(eq(residents.id, candidateNominations.nomineeResidentId), eq(residents.communityId, candidateNominations.communityId)))
    .leftJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .where(
      and(
        eq(candidateNominations.communityId, $('communityId')),
        eq(candidateNominations.electionId, $('electionId')),
        eq(candidateNominations.status, 'accepted'),
      ),
    )
    .groupBy(candidateNominations.seat, candidateNominations.nomineeResidentId, residents.name, residentGroups.name)
    .prepare('candidate_nomination_counts'),
);

/** Accepted nominations per nominee and seat: the figures the candidates are fixed from, public to every voter. */
export async function nominationCounts(ctx: Ctx, electionId: string) {
  const rows = await countsQuery(ctx.db).execute({ communityId: ctx.communityId, electionId });
  const seatIndex = (s: SeatKey) => seatKeys.indexOf(s);
  return rows
    .map((r) => ({
      seat: r.seat,
      seatName: seatNamesZh[r.seat],
      residentId: r.residentId,
      name: r.name ?? '',
      groupName: r.groupName ?? '',
      nominations: Number(r.nominations),
    }))
    .sort((a, b) => seatIndex(a.seat) - seatIndex(b.seat) || b.nominations - a.nominations || strokeOrder.compare(a.name, b.name));
}

/** The committee's every nomination, or those a voter is named on: one statement per reader, prepared. */
const nominationRows = perDatabaseShape((db, shape: { committee: boolean }) => {
  const signed = db
    .select({ id: candidateNominationSigners.nominationId })
    .from(candidateNominationSigners)
    .where(and(eq(candidateNominationSigners.communityId, $('communityId')), eq(candidateNominationSigners.residentId, $('me'))));
  return db
    .select()
    .from(candidateNominations)
    .where(
      and(
        eq(candidateNominations.communityId, $('communityId')),
        eq(candidateNominations.electionId, $('electionId')),
        shape.committee
          ? undefined
          : or(
              eq(candidateNominations.nominatorResidentId, $('me')),
              eq(candidateNominations.nomineeResidentId, $('me')),
              inArray(candidateNominations.id, signed),
            ),
      ),
    )
    .orderBy(desc(candidateNominations.createdAt), candidateNominations.id)
    .prepare(shape.committee ? 'candidate_nominations_all' : 'candidate_nominations_own');
});

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
  const rows = committee || me ? await nominationRows(ctx.db, { committee }).execute({ communityId: ctx.communityId, electionId: election.id, me }) : [];
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
