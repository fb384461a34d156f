import { and, eq } from 'drizzle-orm';
import { electionVoters, type RegistrationBasis, residents, voterObjections } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { electionStage, lockElection } from '../elections/locks.js';
import { voterRefusal } from '../elections/voters.js';
import { findResidentOfAccount } from '../residents/residents.js';
import { findObjection, objectionView } from './objections.js';
import { basisNames, decisionDueBy, windowRefusal } from './rules.js';

export interface ObjectionInput {
  electionId: string;
  kind: 'omitted' | 'wrongly_included' | 'wrong_details';
  residentId?: string;
  reason: string;
}

async function onList(ctx: AuthedCtx, electionId: string, residentId: string) {
  const [row] = await ctx.db
    .select({ status: electionVoters.status })
    .from(electionVoters)
    .where(and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, electionId), eq(electionVoters.residentId, residentId)));
  return row?.status === 'registered';
}

/**
 * Anyone with an account objects to the published voter list (《村民委员会组织法》第十四条, see
 * rules.ts): someone left out, someone wrongly on it, or wrong details. The list does not change
 * here — only by the committee's decision — and the committee has `objectionDecisionDays` from
 * the day of filing (`dueBy`).
 */
export async function fileObjection({ ctx, input }: { ctx: AuthedCtx; input: ObjectionInput }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    const stage = await electionStage(tx, election.id);
    const closed = windowRefusal(input.kind, tx.now, stage.voterListNoticeAt, election.rulebook);
    if (closed) throw new AppError('OBJECTION_WINDOW_CLOSED', closed);
    if (input.residentId) {
      const [person] = await tx.db
        .select({ id: residents.id, name: residents.name })
        .from(residents)
        .where(and(eq(residents.id, input.residentId), eq(residents.communityId, tx.communityId)));
      if (!person) throw notFound('居民');
      const listed = await onList(tx, election.id, person.id);
      if (input.kind === 'omitted' && listed) throw new AppError('ALREADY_REGISTERED', `${person.name}已经在选民名单上了，不用再提出异议。`);
      if (input.kind === 'wrongly_included' && !listed) throw new AppError('NOT_A_VOTER', `${person.name}不在选民名单上，不用提出异议。`);
    }
    return insertObjection(tx, election.id, election.rulebook, { kind: input.kind, residentId: input.residentId ?? null, basis: null, reason: input.reason });
  });
}

/**
 * A resident asks to be registered (表示参加, 《甘肃省居民委员会选举办法》第十六条): one tap with the
 * basis — 户籍 here, six months' residence, or six months' work as a community worker. Decided
 * like an objection. One open application per person, counted under the election's row lock.
 */
export async function applyToVote({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; basis: RegistrationBasis } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    const me = await findResidentOfAccount(tx, tx.actor.accountId);
    if (!me) throw new AppError('RESIDENT_NOT_VERIFIED', '您的账号还没有关联居民身份。请先在“我的”里申请居民认证，社区核实后再申请登记。');
    const refusal = voterRefusal(me, election.electionDay, election.rulebook);
    if (refusal) throw new AppError(refusal.code, refusal.detail.replace('这位居民', '您'));
    await lockElection(tx, election.id);
    const stage = await electionStage(tx, election.id);
    const closed = windowRefusal('application', tx.now, stage.voterListNoticeAt, election.rulebook);
    if (closed) throw new AppError('OBJECTION_WINDOW_CLOSED', closed);
    if (await onList(tx, election.id, me.id)) throw new AppError('ALREADY_REGISTERED', '您已经在选民名单上了，不用再申请。');
    const [pending] = await tx.db
      .select({ id: voterObjections.id })
      .from(voterObjections)
      .where(
        and(
          eq(voterObjections.communityId, tx.communityId),
          eq(voterObjections.electionId, election.id),
          eq(voterObjections.kind, 'application'),
          eq(voterObjections.residentId, me.id),
          eq(voterObjections.status, 'open'),
        ),
      );
    if (pending) throw new AppError('ALREADY_APPLIED', '您已经申请过登记，正在等选举委员会处理，不用重复申请。');
    return insertObjection(tx, election.id, election.rulebook, {
      kind: 'application',
      residentId: me.id,
      basis: input.basis,
      reason: `本人申请登记参加选举：${basisNames[input.basis]}`,
    });
  });
}

async function insertObjection(
  tx: AuthedCtx,
  electionId: string,
  rules: { objectionDecisionDays: number },
  o: { kind: (typeof voterObjections.$inferInsert)['kind']; residentId: string | null; basis: RegistrationBasis | null; reason: string },
) {
  const [row] = await tx.db
    .insert(voterObjections)
    .values({
      communityId: tx.communityId,
      electionId,
      kind: o.kind,
      residentId: o.residentId,
      basis: o.basis,
      reason: o.reason,
      status: 'open',
      objectorAccountId: tx.actor.accountId,
      dueBy: decisionDueBy(tx.now, rules),
      createdAt: tx.now,
    })
    .returning({ id: voterObjections.id });
  await appendAudit(tx, {
    action: o.kind === 'application' ? 'voter_application.filed' : 'objection.filed',
    subject: `voter_objection:${row!.id}`,
    electionId,
    payload: { kind: o.kind, residentId: o.residentId, basis: o.basis, reason: o.reason },
  });
  return objectionView(tx, await findObjection(tx, electionId, row!.id), false);
}
