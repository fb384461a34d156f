import { and, eq } from 'drizzle-orm';
import { electionCandidates, electionOfficials, type OfficialRole, proxyApplications } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { officialRoleNames } from '../_shared/election-labels.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { areNearRelatives } from '../residents/near-relatives.js';
import { relationFacts } from '../residents/relations.js';
import { lockElection, officialRoleOf, residentsByIds } from './access.js';

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
    // An official is approved at the meeting and works there; a voter whose entrustment is approved said she
    // cannot come (建社方案④: 因故无法亲自投票的选民…办理委托投票手续). docs/ELECTION-RULES.md gives the reading.
    const [entrusted] = await tx.db
      .select({ id: proxyApplications.id })
      .from(proxyApplications)
      .where(
        and(
          eq(proxyApplications.communityId, tx.communityId),
          eq(proxyApplications.electionId, election.id),
          eq(proxyApplications.applicantResidentId, person.id),
          eq(proxyApplications.status, 'approved'),
        ),
      );
    if (entrusted) {
      throw new AppError(
        'OFFICIAL_HAS_ENTRUSTED',
        `${person.name}已经请别人替自己投票（委托已批准），说明选举当天不能到场，不能担任${officialRoleNames[input.role]}。请另选工作人员。`,
      );
    }
    const relative = await candidateRelativeOf(tx, election.id, person.id);
    if (relative) {
      throw new AppError(
        'OFFICIAL_IS_RELATIVE',
        `${person.name}是候选人${relative.name}的近亲属，不能担任${officialRoleNames[input.role]}（近亲属应当回避）。请另选工作人员。`,
      );
    }
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

/**
 * The first candidate of the election who is a near relative of `residentId` (《民法典》第一千零四十五条;
 * declared or by household), or null. An official counts or watches the votes of the candidates:
 * a candidate's near relative stands down from it (回避).
 */
async function candidateRelativeOf(ctx: Ctx, electionId: string, residentId: string) {
  const rows = await ctx.db
    .select({ residentId: electionCandidates.residentId })
    .from(electionCandidates)
    .where(and(eq(electionCandidates.communityId, ctx.communityId), eq(electionCandidates.electionId, electionId)));
  return firstRelative(
    ctx,
    residentId,
    rows.map((r) => r.residentId),
  );
}

/** The first of `others` who is a near relative of `residentId`, with their name, or null. */
export async function firstRelative(ctx: Ctx, residentId: string, others: string[]) {
  if (others.length === 0) return null;
  const facts = await relationFacts(ctx, [residentId, ...others]);
  const id = others.find((o) => areNearRelatives(residentId, o, facts));
  return id ? ((await residentsByIds(ctx, [id])).get(id) ?? null) : null;
}
