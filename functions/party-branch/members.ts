import { and, asc, eq, sql } from 'drizzle-orm';
import { type PartyMemberStatus, partyMembers, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { appendAudit } from '../audit/chain.js';
import { memberOfAccount, requireOrganizer } from './access.js';
import { hasVote, type MemberFacts } from './rules.js';

export type MemberRow = typeof partyMembers.$inferSelect;

export interface MemberInput {
  name?: string;
  residentId?: string;
  status: PartyMemberStatus;
  admittedOn: string;
  fullOn?: string | null;
  suspended?: boolean;
  transferredInOn?: string | null;
  transferredOutOn?: string | null;
}

/** The rules' view of a member on a day: transferred out on or before it is off the roll. */
export const factsOf = (m: MemberRow, onDate: string): MemberFacts => ({
  status: m.status,
  suspended: m.suspended,
  transferredOut: !!m.transferredOutOn && m.transferredOutOn <= onDate,
});

export const memberView = (m: MemberRow, today: string) => ({
  id: m.id,
  name: m.name,
  residentId: m.residentId,
  status: m.status,
  admittedOn: m.admittedOn,
  fullOn: m.fullOn,
  suspended: m.suspended,
  transferredInOn: m.transferredInOn,
  transferredOutOn: m.transferredOutOn,
  hasVote: hasVote(factsOf(m, today)),
});

function checkDates(input: MemberInput) {
  if (input.status === 'full' && !input.fullOn)
    throw new AppError('VALIDATION_FAILED', '正式党员请填写转为正式党员的日期。', { errors: [{ path: 'fullOn', message: '请填写转正日期' }] });
  if (input.status === 'probationary' && input.fullOn)
    throw new AppError('VALIDATION_FAILED', '预备党员还没有转正日期；转正后请把身份改为正式党员。', {
      errors: [{ path: 'fullOn', message: '预备党员不填转正日期' }],
    });
  if (input.fullOn && input.fullOn < input.admittedOn)
    throw new AppError('VALIDATION_FAILED', '转正日期不能早于入党日期。', { errors: [{ path: 'fullOn', message: '转正日期早于入党日期' }] });
}

export async function findMember(ctx: Ctx, memberId: string, opts: { lock?: boolean } = {}): Promise<MemberRow> {
  const q = ctx.db
    .select()
    .from(partyMembers)
    .where(and(eq(partyMembers.communityId, ctx.communityId), eq(partyMembers.id, memberId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw notFound('党员');
  return row;
}

// The organiser's every look at the branch reads it: built once per database, prepared.
const roster = perDatabase((db) =>
  db
    .select()
    .from(partyMembers)
    .where(eq(partyMembers.communityId, sql.placeholder('communityId')))
    .orderBy(asc(partyMembers.admittedOn), asc(partyMembers.name))
    .prepare('party_roster'),
);

export async function rosterOf(ctx: Ctx): Promise<MemberRow[]> {
  return roster(ctx.db).execute({ communityId: ctx.communityId });
}

/** The organiser adds a member to the roster, linked to a resident of the community where they are one. */
export async function addMember({ ctx, input }: { ctx: AuthedCtx; input: MemberInput }) {
  requireOrganizer(ctx);
  checkDates(input);
  return withTransaction(ctx, async (tx) => {
    let name = input.name?.trim();
    if (input.residentId) {
      const [resident] = await tx.db
        .select({ name: residents.name })
        .from(residents)
        .where(and(eq(residents.communityId, tx.communityId), eq(residents.id, input.residentId)));
      if (!resident) throw notFound('居民');
      name ||= resident.name;
    }
    if (!name) throw new AppError('VALIDATION_FAILED', '请填写党员姓名，或选择本社区的居民。', { errors: [{ path: 'name', message: '请填写姓名' }] });
    const [row] = await tx.db
      .insert(partyMembers)
      .values({
        communityId: tx.communityId,
        residentId: input.residentId ?? null,
        name,
        status: input.status,
        admittedOn: input.admittedOn,
        fullOn: input.fullOn ?? null,
        suspended: input.suspended ?? false,
        transferredInOn: input.transferredInOn ?? null,
        transferredOutOn: input.transferredOutOn ?? null,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .returning()
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('CONFLICT', '这位居民已经在党员名册上。');
        throw e;
      });
    // Ids only: the chain is read by the election committee too, and names a member nowhere.
    await appendAudit(tx, { action: 'party.member_added', subject: `party_member:${row!.id}`, payload: { status: row!.status } });
    return memberView(row!, chinaDate(tx.now));
  });
}

/** The organiser changes an entry: 转正, 留党察看 imposed or lifted, transferred out. */
export async function updateMember({ ctx, input }: { ctx: AuthedCtx; input: { memberId: string } & Partial<MemberInput> }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const current = await findMember(tx, input.memberId, { lock: true });
    const next: MemberInput = {
      name: input.name ?? current.name,
      status: input.status ?? current.status,
      admittedOn: input.admittedOn ?? current.admittedOn,
      fullOn: input.fullOn === undefined ? current.fullOn : input.fullOn,
      suspended: input.suspended ?? current.suspended,
      transferredInOn: input.transferredInOn === undefined ? current.transferredInOn : input.transferredInOn,
      transferredOutOn: input.transferredOutOn === undefined ? current.transferredOutOn : input.transferredOutOn,
    };
    checkDates(next);
    const [row] = await tx.db
      .update(partyMembers)
      .set({
        name: next.name,
        status: next.status,
        admittedOn: next.admittedOn,
        fullOn: next.fullOn ?? null,
        suspended: next.suspended ?? false,
        transferredInOn: next.transferredInOn ?? null,
        transferredOutOn: next.transferredOutOn ?? null,
        updatedAt: tx.now,
      })
      .where(and(eq(partyMembers.communityId, tx.communityId), eq(partyMembers.id, current.id)))
      .returning();
    await appendAudit(tx, {
      action: 'party.member_changed',
      subject: `party_member:${current.id}`,
      payload: { status: row!.status, suspended: row!.suspended, transferredOut: !!row!.transferredOutOn },
    });
    return memberView(row!, chinaDate(tx.now));
  });
}

export async function listMembers({ ctx, today }: { ctx: AuthedCtx; today: string }) {
  requireOrganizer(ctx);
  const rows = await rosterOf(ctx);
  return { items: rows.map((m) => memberView(m, today)), nextCursor: null };
}

/** A member's own entry; anyone who is not on the roster finds nothing here. */
export async function ownEntry(ctx: AuthedCtx) {
  const id = await memberOfAccount(ctx);
  if (!id) throw notFound('党员信息');
  return findMember(ctx, id);
}
