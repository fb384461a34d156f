import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { type CandidateNominationStatus, candidateNominationSigners, candidateNominations, electionVoters } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { residentsByIds } from '../election-day/access.js';
import type { ElectionRow } from '../elections/elections.js';
import { electionStage } from '../elections/locks.js';
import type { ElectionRules, SeatKey } from '../elections/rules.js';
import { residentIdOfAccount } from '../residents/residents.js';
import { isLive, nominationWindow, windowRefusal, windowState } from './rules.js';

export type Election = ElectionRow & { rulebook: ElectionRules };
type NominationRow = typeof candidateNominations.$inferSelect;

/** The caller's own resident record, or null (an account not yet claimed). */
export async function callerResidentId(ctx: AuthedCtx): Promise<string | null> {
  return residentIdOfAccount(ctx, ctx.actor.accountId);
}

/** The election's nomination window as it stands now. */
export async function windowOf(ctx: Ctx, election: Election) {
  const stage = await electionStage(ctx, election.id);
  const window = nominationWindow(stage.voterListNoticeAt, election.electionDay, election.rulebook);
  return { window, state: windowState(ctx.now, window) };
}

/** Nominating, co-signing and answering happen inside the window only (NOMINATION_WINDOW_CLOSED). */
export async function requireWindowOpen(ctx: Ctx, election: Election) {
  const { window, state } = await windowOf(ctx, election);
  const refusal = windowRefusal(state, window);
  if (refusal) throw new AppError('NOMINATION_WINDOW_CLOSED', refusal);
}

/**
 * Takes the row locks of these voters on the election's voter list (in id order, so two writers
 * never wait on each other crosswise) and answers which of them are registered. A voter's quota
 * is counted under their own row's lock, so two nominations by one voter queue there.
 */
export async function lockVoters(ctx: Ctx, electionId: string, residentIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(residentIds)].sort();
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ residentId: electionVoters.residentId })
    .from(electionVoters)
    .where(
      and(
        eq(electionVoters.communityId, ctx.communityId),
        eq(electionVoters.electionId, electionId),
        inArray(electionVoters.residentId, ids),
        eq(electionVoters.status, 'registered'),
      ),
    )
    .orderBy(electionVoters.residentId)
    .for('update');
  return new Set(rows.map((r) => r.residentId));
}

/** Live nominations of one seat the voter has put their name to, as nominator or as a co-signer who signed. */
export async function namesPutTo(ctx: Ctx, electionId: string, residentId: string, seat: SeatKey) {
  const rows = await ctx.db
    .selectDistinct({ id: candidateNominations.id, status: candidateNominations.status, nomineeResidentId: candidateNominations.nomineeResidentId })
    .from(candidateNominations)
    .leftJoin(
      candidateNominationSigners,
      and(
        eq(candidateNominationSigners.communityId, candidateNominations.communityId),
        eq(candidateNominationSigners.nominationId, candidateNominations.id),
        eq(candidateNominationSigners.residentId, residentId),
        isNotNull(candidateNominationSigners.signedAt),
      ),
    )
    .where(
      and(
        eq(candidateNominations.communityId, ctx.communityId),
        eq(candidateNominations.electionId, electionId),
        eq(candidateNominations.seat, seat),
        or(eq(candidateNominations.nominatorResidentId, residentId), eq(candidateNominationSigners.residentId, residentId)),
      ),
    );
  return rows.filter((r) => isLive(r.status as CandidateNominationStatus));
}

/** Live nominations of this nominee on which the voter appears (as nominator or named co-signer, signed or not). */
export async function appearsFor(ctx: Ctx, electionId: string, nomineeResidentId: string, residentIds: string[]) {
  if (residentIds.length === 0) return new Set<string>();
  const nominations = await ctx.db
    .select({ id: candidateNominations.id, nominator: candidateNominations.nominatorResidentId, status: candidateNominations.status })
    .from(candidateNominations)
    .where(
      and(
        eq(candidateNominations.communityId, ctx.communityId),
        eq(candidateNominations.electionId, electionId),
        eq(candidateNominations.nomineeResidentId, nomineeResidentId),
      ),
    );
  const live = nominations.filter((n) => isLive(n.status));
  const found = new Set(live.map((n) => n.nominator).filter((id) => residentIds.includes(id)));
  if (live.length > 0) {
    const signers = await ctx.db
      .select({ residentId: candidateNominationSigners.residentId })
      .from(candidateNominationSigners)
      .where(
        and(
          eq(candidateNominationSigners.communityId, ctx.communityId),
          inArray(
            candidateNominationSigners.nominationId,
            live.map((n) => n.id),
          ),
          inArray(candidateNominationSigners.residentId, residentIds),
        ),
      );
    for (const s of signers) found.add(s.residentId);
  }
  return found;
}

/** One nomination of the election, or 404; `lock` takes its row lock. */
export async function findNomination(ctx: Ctx, electionId: string, nominationId: string, options: { lock?: boolean } = {}): Promise<NominationRow> {
  const query = ctx.db
    .select()
    .from(candidateNominations)
    .where(
      and(eq(candidateNominations.communityId, ctx.communityId), eq(candidateNominations.electionId, electionId), eq(candidateNominations.id, nominationId)),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound('提名');
  return row;
}

const signersAmong = perDatabase((db) =>
  db
    .select({
      nominationId: candidateNominationSigners.nominationId,
      residentId: candidateNominationSigners.residentId,
      signedAt: candidateNominationSigners.signedAt,
    })
    .from(candidateNominationSigners)
    .where(
      and(
        eq(candidateNominationSigners.communityId, sql.placeholder('communityId')),
        sql`${candidateNominationSigners.nominationId} = any(${sql.placeholder('ids')}::uuid[])`,
      ),
    )
    .prepare('nomination_signers_among'),
);

export async function signersOf(ctx: Ctx, nominationIds: string[]) {
  if (nominationIds.length === 0) return [];
  return signersAmong(ctx.db).execute({ communityId: ctx.communityId, ids: nominationIds });
}

export type NominationPart = 'nominator' | 'signer' | 'nominee';

/** Nominations as the people named on them read them: names, the seat in words, who has signed. */
export async function nominationViews(ctx: Ctx, rows: NominationRow[], me: string | null) {
  const signers = await signersOf(
    ctx,
    rows.map((r) => r.id),
  );
  const people = await residentsByIds(ctx, [...rows.flatMap((r) => [r.nomineeResidentId, r.nominatorResidentId]), ...signers.map((s) => s.residentId)]);
  const person = (id: string) => ({ residentId: id, name: people.get(id)?.name ?? '', groupName: people.get(id)?.groupName ?? '' });
  return rows.map((r) => {
    const mine = signers.filter((s) => s.nominationId === r.id);
    const parts: NominationPart[] = [];
    if (me && r.nominatorResidentId === me) parts.push('nominator');
    if (me && mine.some((s) => s.residentId === me)) parts.push('signer');
    if (me && r.nomineeResidentId === me) parts.push('nominee');
    return {
      id: r.id,
      seat: r.seat,
      seatName: seatNamesZh[r.seat],
      nominee: person(r.nomineeResidentId),
      nominator: person(r.nominatorResidentId),
      signers: mine.map((s) => ({ ...person(s.residentId), signedAt: s.signedAt?.toISOString() ?? null })),
      status: r.status,
      onPaper: r.onPaper,
      createdAt: r.createdAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
      myParts: parts,
    };
  });
}

export async function nominationView(ctx: Ctx, row: NominationRow, me: string | null) {
  return (await nominationViews(ctx, [row], me))[0]!;
}
