import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import { type ElectionMode, electionNominations, elections, electionVoters, households, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { residentsByIds } from './access.js';

/**
 * Who takes a ballot, by the election's mode (《城市居民委员会组织法》: the committee is elected by
 * all voters, or by one representative of each household, or by 2–3 representatives of each
 * resident group, as the community decides):
 * - voters: every registered voter;
 * - households: the one registered member each household names (`votesForHousehold`);
 * - representatives: the registered voters confirmed as their group's representatives.
 * The turnout base and the majorities follow: "more than half" is of these, not of the whole list.
 */
export const modeNames: Record<ElectionMode, string> = {
  voters: '全体选民投票',
  households: '每户派代表投票',
  representatives: '居民代表投票',
};

/** The SQL condition on election_voters that picks the ballot holders of a mode. */
export function holderCondition(ctx: Ctx, electionId: string, mode: ElectionMode): SQL | undefined {
  const base = and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, electionId), eq(electionVoters.status, 'registered'));
  if (mode === 'households') return and(base, eq(electionVoters.votesForHousehold, true));
  if (mode === 'representatives') {
    const confirmed = ctx.db
      .select({ residentId: electionNominations.residentId })
      .from(electionNominations)
      .where(
        and(eq(electionNominations.communityId, ctx.communityId), eq(electionNominations.electionId, electionId), eq(electionNominations.status, 'confirmed')),
      );
    return and(base, inArray(electionVoters.residentId, confirmed));
  }
  return base;
}

export async function modeOf(ctx: Ctx, electionId: string): Promise<ElectionMode> {
  const [row] = await ctx.db
    .select({ mode: elections.mode })
    .from(elections)
    .where(and(eq(elections.communityId, ctx.communityId), eq(elections.id, electionId)));
  return row?.mode ?? 'voters';
}

/** How many may take a ballot: the turnout's base. */
export async function holderCount(ctx: Ctx, electionId: string, mode: ElectionMode): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(electionVoters)
    .where(holderCondition(ctx, electionId, mode));
  return row!.n;
}

/** Which of these residents may take a ballot in this mode. */
export async function ballotHolders(ctx: Ctx, electionId: string, mode: ElectionMode, residentIds: string[]): Promise<Set<string>> {
  if (residentIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ residentId: electionVoters.residentId })
    .from(electionVoters)
    .where(and(holderCondition(ctx, electionId, mode), inArray(electionVoters.residentId, residentIds)));
  return new Set(rows.map((r) => r.residentId));
}

/** Why someone on the list takes no ballot in this mode, in the desk's words. */
export function notAHolder(mode: ElectionMode, name: string): string {
  if (mode === 'households') return `本次选举每户派一名代表投票，${name}不是本户选定的投票人。`;
  if (mode === 'representatives') return `本次选举由居民代表投票，${name}不是已确认的居民代表。`;
  return `${name}不在本次选举的选民名单上，不能领取选票。`;
}

/**
 * In `households` mode the committee records which registered member votes for a household
 * (each household one), until the first ballot (the voter list is fixed then).
 */
export async function nameHouseholdVoter({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; householdId: string; residentId: string } }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfLocked(tx, election.id, 'voters', { byDecision: true });
    if (election.mode !== 'households') {
      throw new AppError('CONFLICT', `本次选举是${modeNames[election.mode]}，不用为每户指定投票人。`);
    }
    const [household] = await tx.db
      .select({ id: households.id, label: households.label })
      .from(households)
      .where(and(eq(households.communityId, tx.communityId), eq(households.id, input.householdId)));
    if (!household) throw notFound('户');
    const person = (await residentsByIds(tx, [input.residentId])).get(input.residentId);
    if (!person) throw notFound('居民');
    const [member] = await tx.db
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.communityId, tx.communityId), eq(residents.id, person.id), eq(residents.householdId, household.id)));
    if (!member)
      throw new AppError('VALIDATION_FAILED', `${person.name}不是这一户的成员。`, { errors: [{ path: 'body.residentId', message: '不是这一户的成员' }] });
    const members = tx.db
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.communityId, tx.communityId), eq(residents.householdId, household.id)));
    await tx.db
      .update(electionVoters)
      .set({ votesForHousehold: false })
      .where(and(eq(electionVoters.communityId, tx.communityId), eq(electionVoters.electionId, election.id), inArray(electionVoters.residentId, members)));
    const [row] = await tx.db
      .update(electionVoters)
      .set({ votesForHousehold: true })
      .where(
        and(
          eq(electionVoters.communityId, tx.communityId),
          eq(electionVoters.electionId, election.id),
          eq(electionVoters.residentId, person.id),
          eq(electionVoters.status, 'registered'),
        ),
      )
      .returning({ id: electionVoters.id });
    if (!row) throw new AppError('NOT_A_VOTER', `${person.name}不在本次选举的选民名单上，不能代表本户投票。`);
    await appendAudit(tx, {
      action: 'household.voter_named',
      subject: `resident:${person.id}`,
      electionId: election.id,
      payload: { householdId: household.id, residentId: person.id },
    });
    return { householdId: household.id, householdLabel: household.label, residentId: person.id, name: person.name };
  });
}
