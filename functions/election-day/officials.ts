import { and, eq } from 'drizzle-orm';
import { electionCandidates, electionOfficials, type OfficialRole } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { lockElection, officialRoleNames, officialRoleOf, residentsByIds } from './access.js';

/**
 * The committee proposes counters, monitors and clerks; the meeting approves them by show of
 * hands (founding plan, step 3 ④), whose moment is recorded (`approvedAt`, now unless given).
 * A candidate cannot be one (they would count or watch their own votes).
 */
export async function appointOfficial({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; residentId: string; role: OfficialRole; approvedAt?: string };
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    // Approved by the meeting before voting starts: from the first ballot the officials are fixed.
    await refuseIfLocked(tx, election.id, 'officials');
    const person = (await residentsByIds(tx, [input.residentId])).get(input.residentId);
    if (!person) throw notFound('居民');
    const [candidate] = await tx.db
      .select({ id: electionCandidates.id })
      .from(electionCandidates)
      .where(
        and(eq(electionCandidates.communityId, tx.communityId), eq(electionCandidates.electionId, election.id), eq(electionCandidates.residentId, person.id)),
      );
    if (candidate) throw new AppError('OFFICIAL_IS_CANDIDATE', `${person.name}是本次选举的候选人，不能担任${officialRoleNames[input.role]}。`);
    const approvedAt = input.approvedAt ? new Date(input.approvedAt) : tx.now;
    const [row] = await tx.db
      .insert(electionOfficials)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        residentId: person.id,
        role: input.role,
        approvedAt,
        appointedByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', `${person.name}已经是本次选举的工作人员了（每人只担任一项）。`);
    await appendAudit(tx, {
      action: 'official.appointed',
      subject: `resident:${person.id}`,
      electionId: election.id,
      payload: { residentId: person.id, name: person.name, role: input.role, approvedAt: approvedAt.toISOString() },
    });
    return officialView(row, person);
  });
}

function officialView(row: typeof electionOfficials.$inferSelect, person?: { name: string; groupName: string }) {
  return {
    id: row.id,
    residentId: row.residentId,
    name: person?.name ?? '',
    groupName: person?.groupName ?? '',
    role: row.role,
    roleName: officialRoleNames[row.role],
    approvedAt: row.approvedAt.toISOString(),
    hasAccount: undefined as boolean | undefined,
  };
}

/** The day's officials (announced at the meeting, so every account may see them), and the caller's own role. */
export async function listOfficials({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const rows = await ctx.db
    .select()
    .from(electionOfficials)
    .where(and(eq(electionOfficials.communityId, ctx.communityId), eq(electionOfficials.electionId, election.id)));
  const people = await residentsByIds(
    ctx,
    rows.map((r) => r.residentId),
  );
  const me = await officialRoleOf(ctx, election.id);
  return {
    items: rows.map((r) => {
      const person = people.get(r.residentId);
      return { ...officialView(r, person), hasAccount: !!person?.accountId };
    }),
    me: me ? { residentId: me.residentId, role: me.role, roleName: officialRoleNames[me.role] } : null,
  };
}
