import { and, eq, ne, sql } from 'drizzle-orm';
import { elections, electionVoters, termRegistrations } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';

/**
 * 《甘肃省居民委员会选举办法》第十六条: 已按前款规定登记参加居民委员会选举的居民和社区工作者，不得再
 * 参加其他地方居民委员会的选举. One registration per ID number and term across communities, held
 * by the unique key (id_number_hash, term): of two communities registering the same person at once,
 * the second insert waits for the first to commit and then finds its row — never both.
 *
 * Within one community a second election of the same term (a repeat election) is the same place
 * of registration: allowed, the row stays with the election that claimed it first.
 */
export const registeredElsewhere = () => new AppError('ALREADY_REGISTERED_ELSEWHERE', '该居民已在其他社区登记为本届选民，按规定不能在两个社区同时登记。');

/** Claims the person's registration for this term here, or refuses when another community holds it. */
export async function claimTerm(ctx: Ctx, election: { id: string; term: string }, resident: { id: string; idNumberHash: string }) {
  const [claimed] = await ctx.db
    .insert(termRegistrations)
    .values({
      idNumberHash: resident.idNumberHash,
      term: election.term,
      communityId: ctx.communityId,
      electionId: election.id,
      residentId: resident.id,
      createdAt: ctx.now,
    })
    .onConflictDoNothing({ target: [termRegistrations.idNumberHash, termRegistrations.term] })
    .returning({ communityId: termRegistrations.communityId });
  if (claimed) return;
  const [held] = await ctx.db
    .select({ communityId: termRegistrations.communityId })
    .from(termRegistrations)
    .where(and(eq(termRegistrations.idNumberHash, resident.idNumberHash), eq(termRegistrations.term, election.term)));
  if (held && held.communityId !== ctx.communityId) throw registeredElsewhere();
}

/**
 * The person left this election's list: the term's registration goes with it, unless they are
 * still on another list of the same term in this community, which then holds it.
 */
export async function releaseTerm(ctx: Ctx, election: { id: string; term: string }, residentId: string) {
  const [other] = await ctx.db
    .select({ electionId: electionVoters.electionId })
    .from(electionVoters)
    .innerJoin(elections, and(eq(elections.id, electionVoters.electionId), eq(elections.communityId, electionVoters.communityId)))
    .where(
      and(
        eq(electionVoters.communityId, ctx.communityId),
        eq(electionVoters.residentId, residentId),
        eq(electionVoters.status, 'registered'),
        eq(elections.term, election.term),
        ne(electionVoters.electionId, election.id),
      ),
    )
    .limit(1);
  const mine = and(
    eq(termRegistrations.communityId, ctx.communityId),
    eq(termRegistrations.residentId, residentId),
    eq(termRegistrations.term, election.term),
    eq(termRegistrations.electionId, election.id),
  );
  if (other) await ctx.db.update(termRegistrations).set({ electionId: other.electionId }).where(mine);
  else await ctx.db.delete(termRegistrations).where(mine);
}

/**
 * For registering many at once: claims the term for each of these residents (by their ID-number
 * hash) that nobody holds yet. Run it before the voter rows; afterwards `heldHere` tells who may go
 * on the list. Two statements on purpose: the second sees the rows another community committed
 * while the first waited on their keys.
 */
export async function claimTermForMany(ctx: Ctx, election: { id: string; term: string }, residentsSql: ReturnType<typeof sql>) {
  await ctx.db.execute(sql`
    insert into ${termRegistrations} (id_number_hash, term, community_id, election_id, resident_id, created_at)
    select r.id_number_hash, ${election.term}, ${ctx.communityId}, ${election.id}, r.id, ${ctx.now.toISOString()}::timestamptz
    from (${residentsSql}) r
    on conflict (id_number_hash, term) do nothing`);
}
