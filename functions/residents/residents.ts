import { and, asc, desc, eq, ilike, lt, sql } from 'drizzle-orm';
import { accountRoles, accounts, households, residentGroups, residents } from '../../db/schema/index.js';
import { requireRole } from '../_platform/authorize.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { maskIdNumber, maskPhone } from '../_platform/crypto.js';
import { AppError, notFound } from '../_platform/errors.js';
import { containing } from '../_platform/like.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { checkIdNumber, idProblemMessages, sexFromIdNumber } from './id-number.js';

export const residentColumns = {
  id: residents.id,
  name: residents.name,
  groupId: residents.groupId,
  groupName: residentGroups.name,
  idNumberMasked: residents.idNumberMasked,
  birthDate: residents.birthDate,
  status: residents.status,
  relocatedFrom: residents.relocatedFrom,
  phoneEnc: residents.phoneEnc,
  accountId: residents.accountId,
  householdId: residents.householdId,
  householdLabel: households.label,
  returnReason: residents.returnReason,
  createdAt: residents.createdAt,
};
export type ResidentRow = {
  [K in Exclude<keyof typeof residentColumns, 'householdLabel'>]:
    | (typeof residentColumns)[K]['_']['data']
    | ((typeof residentColumns)[K]['_']['notNull'] extends true ? never : null);
} & { householdLabel: string | null };

/** A resident as the API shows it: ID number and phone masked, never whole. */
export function residentView(ctx: Ctx, r: ResidentRow) {
  return {
    id: r.id,
    name: r.name,
    groupId: r.groupId,
    groupName: r.groupName,
    idNumberMasked: r.idNumberMasked,
    birthDate: r.birthDate,
    status: r.status,
    ...(r.relocatedFrom ? { relocatedFrom: r.relocatedFrom } : {}),
    ...(r.phoneEnc ? { phone: maskPhone(ctx.services.cipher.decrypt(r.phoneEnc)) } : {}),
    hasAccount: r.accountId !== null,
    ...(r.householdId ? { household: { id: r.householdId, label: r.householdLabel ?? '' } } : {}),
    ...(r.status === 'returned' && r.returnReason ? { returnReason: r.returnReason } : {}),
  };
}

const selectResidents = (ctx: Pick<Ctx, 'db'>) =>
  ctx.db
    .select(residentColumns)
    .from(residents)
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)));

/** Whether the caller leads this resident group (居民小组长). */
export const isLeaderOf = (ctx: Ctx, groupId: string | null) =>
  groupId !== null && !!ctx.actor?.roles.some((r) => r.role === 'group_leader' && r.communityId === ctx.communityId && r.groupId === groupId);

export interface HouseholdChoice {
  /** An existing household of the resident's group… */
  householdId?: string;
  /** …or its label (门牌号 or 户主), created in the group when new. */
  householdLabel?: string;
}

/** The household staff chose for a resident of `groupId`, created by label when new; null when none was given. */
export async function resolveHousehold(ctx: Ctx, groupId: string, choice: HouseholdChoice): Promise<string | null> {
  if (choice.householdId) {
    const [row] = await ctx.db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, choice.householdId), eq(households.communityId, ctx.communityId), eq(households.groupId, groupId)));
    if (!row) {
      throw new AppError('VALIDATION_FAILED', '所选的户不在这位居民的居民小组里，请重新选择。', {
        errors: [{ path: 'body.householdId', message: '这个户不在所选居民小组' }],
      });
    }
    return row.id;
  }
  if (choice.householdLabel) {
    const [row] = await ctx.db
      .insert(households)
      .values({ communityId: ctx.communityId, groupId, label: choice.householdLabel })
      .onConflictDoUpdate({ target: [households.communityId, households.groupId, households.label], set: { label: choice.householdLabel } })
      .returning({ id: households.id });
    return row!.id;
  }
  return null;
}

// The caller's own record: asked by most election and proxy-vote reads, built once per database, prepared.
const residentOfAccount = perDatabase((db) =>
  selectResidents({ db })
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('resident_of_account'),
);
const residentIdOfAccountQuery = perDatabase((db) =>
  db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('resident_id_of_account'),
);

export async function findResidentOfAccount(ctx: Ctx, accountId: string) {
  const [row] = await residentOfAccount(ctx.db).execute({ communityId: ctx.communityId, accountId });
  return row ?? null;
}

/** The id of an account's resident record in the caller's community, or null: for the checks that need no more. */
export async function residentIdOfAccount(ctx: Ctx, accountId: string): Promise<string | null> {
  const [row] = await residentIdOfAccountQuery(ctx.db).execute({ communityId: ctx.communityId, accountId });
  return row?.id ?? null;
}

export async function listGroups({ ctx }: { ctx: AuthedCtx }) {
  const rows = await ctx.db
    .select({ id: residentGroups.id, name: residentGroups.name, leaderName: accounts.name })
    .from(residentGroups)
    // The leader is the group's `group_leader` role row (one per group, held by the database).
    .leftJoin(
      accountRoles,
      and(eq(accountRoles.communityId, residentGroups.communityId), eq(accountRoles.role, 'group_leader'), eq(accountRoles.groupId, residentGroups.id)),
    )
    .leftJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(eq(residentGroups.communityId, ctx.communityId))
    .orderBy(asc(residentGroups.sortOrder));
  return { items: rows.map((g) => ({ id: g.id, name: g.name, ...(g.leaderName ? { leaderName: g.leaderName } : {}) })) };
}

function parseIdNumber(ctx: Ctx, raw: string) {
  const checked = checkIdNumber(raw, chinaDate(ctx.now));
  if (!checked.ok) {
    const message = idProblemMessages[checked.problem];
    throw new AppError('ID_NUMBER_INVALID', message, { errors: [{ path: 'body.idNumber', message }] });
  }
  return checked;
}

async function requireGroup(ctx: Ctx, groupId: string) {
  const [group] = await ctx.db
    .select({ id: residentGroups.id })
    .from(residentGroups)
    .where(and(eq(residentGroups.id, groupId), eq(residentGroups.communityId, ctx.communityId)));
  if (!group) throw new AppError('VALIDATION_FAILED', '请选择本社区的居民小组。', { errors: [{ path: 'body.groupId', message: '没有这个居民小组' }] });
}

const idTaken = () => new AppError('ID_NUMBER_TAKEN', '这个身份证号已经在本社区登记过了。如有疑问请到社区便民服务窗口核对。');

interface NewResident extends HouseholdChoice {
  name: string;
  idNumber: string;
  groupId: string;
  phone?: string;
  relocatedFrom?: string;
}

async function insertResident(ctx: Ctx, input: NewResident, extra: { accountId: string | null; status: 'pending' | 'verified'; enteredBy: string | null }) {
  const { idNumber, birthDate } = parseIdNumber(ctx, input.idNumber);
  await requireGroup(ctx, input.groupId);
  const householdId = await resolveHousehold(ctx, input.groupId, input);
  const { cipher } = ctx.services;
  try {
    const [row] = await ctx.db
      .insert(residents)
      .values({
        communityId: ctx.communityId,
        groupId: input.groupId,
        householdId,
        accountId: extra.accountId,
        name: input.name,
        idNumberEnc: cipher.encrypt(idNumber),
        idNumberHash: cipher.hash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        sex: sexFromIdNumber(idNumber),
        birthDate,
        phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
        relocatedFrom: input.relocatedFrom ?? null,
        status: extra.status,
        enteredByAccountId: extra.enteredBy,
        verifiedByAccountId: extra.status === 'verified' ? extra.enteredBy : null,
        verifiedAt: extra.status === 'verified' ? ctx.now : null,
        createdAt: ctx.now,
      })
      .returning({ id: residents.id });
    const [created] = await selectResidents(ctx).where(eq(residents.id, row!.id));
    return residentView(ctx, created!);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const constraint = (error as { cause?: { constraint?: string } }).cause?.constraint;
      if (constraint === 'residents_account_unique') throw new AppError('ALREADY_CLAIMED', '您已经提交过居民认证，请等待社区审核。');
      throw idTaken();
    }
    throw error;
  }
}

/** An account claims to be a resident; staff verify it before election features open up. */
export async function claimResidency({ ctx, input }: { ctx: AuthedCtx; input: NewResident }) {
  const existing = await findResidentOfAccount(ctx, ctx.actor.accountId);
  if (existing?.status === 'returned') return { resident: await resubmitClaim(ctx, existing.id, input) };
  if (existing) throw new AppError('ALREADY_CLAIMED', existing.status === 'verified' ? '您已经是认证居民了。' : '您已经提交过居民认证，请等待社区审核。');
  return { resident: await insertResident(ctx, input, { accountId: ctx.actor.accountId, status: 'pending', enteredBy: null }) };
}

/** Staff enter a resident at the window (people without phones): verified at once. */
export async function createResident({ ctx, input }: { ctx: AuthedCtx; input: NewResident }) {
  requireRole(ctx, 'staff', 'admin');
  const insert = (c: Ctx) => insertResident(c, input, { accountId: null, status: 'verified', enteredBy: ctx.actor.accountId });
  // A household created by label never outlives a refused resident: one transaction then.
  return input.householdLabel ? withTransaction(ctx, insert) : insert(ctx);
}

export async function listResidents({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { status?: 'pending' | 'verified' | 'returned'; groupId?: string; q?: string; limit: number; cursor?: string };
}) {
  const after = decodeCursor(input.cursor);
  const rows = await selectResidents(ctx)
    .where(
      and(
        eq(residents.communityId, ctx.communityId),
        input.status ? eq(residents.status, input.status) : undefined,
        input.groupId ? eq(residents.groupId, input.groupId) : undefined,
        input.q ? ilike(residents.name, containing(input.q)) : undefined,
        after ? lt(residents.id, after) : undefined,
      ),
    )
    .orderBy(desc(residents.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (r) => residentView(ctx, r));
}

/**
 * Verifying is idempotent: a resident already verified (twice-tapped button, or entered at the
 * window) keeps who verified them and when.
 */
export async function verifyResident({ ctx, input }: { ctx: AuthedCtx; input: { id: string } & HouseholdChoice }) {
  requireRole(ctx, 'staff', 'admin');
  return withTransaction(ctx, async (tx) => {
    const inCommunity = and(eq(residents.id, input.id), eq(residents.communityId, tx.communityId));
    if (input.householdId || input.householdLabel) {
      // Staff may place the resident in a household while verifying (or later, verifying again).
      const [current] = await tx.db.select({ groupId: residents.groupId }).from(residents).where(inCommunity);
      if (!current) throw notFound('居民');
      const householdId = await resolveHousehold(tx, current.groupId, input);
      await tx.db.update(residents).set({ householdId }).where(inCommunity);
    }
    const [row] = await tx.db
      .update(residents)
      .set({ status: 'verified', verifiedByAccountId: tx.actor.accountId, verifiedAt: tx.now })
      .where(and(inCommunity, eq(residents.status, 'pending')))
      .returning({ id: residents.id, accountId: residents.accountId, name: residents.name });
    if (row?.accountId) {
      await tx.db.insert(accountRoles).values({ accountId: row.accountId, communityId: tx.communityId, role: 'resident' }).onConflictDoNothing();
      // A verified resident is known by their real name (timelines, group lists), not by
      // WeChat's placeholder.
      await tx.db.update(accounts).set({ name: row.name }).where(eq(accounts.id, row.accountId));
    }
    const [resident] = await selectResidents(tx).where(inCommunity);
    if (!resident) throw notFound('居民');
    return { resident: residentView(tx, resident) };
  });
}

/** A claim staff returned, corrected by the resident: the same record, pending again. */
async function resubmitClaim(ctx: AuthedCtx, id: string, input: NewResident) {
  const { idNumber, birthDate } = parseIdNumber(ctx, input.idNumber);
  await requireGroup(ctx, input.groupId);
  const { cipher } = ctx.services;
  try {
    await ctx.db
      .update(residents)
      .set({
        name: input.name,
        groupId: input.groupId,
        // A household is one of its group's (a key says so): one placed in the old group stays there.
        householdId: sql`case when ${residents.groupId} = ${input.groupId} then ${residents.householdId} end`,
        idNumberEnc: cipher.encrypt(idNumber),
        idNumberHash: cipher.hash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        sex: sexFromIdNumber(idNumber),
        birthDate,
        status: 'pending',
        returnReason: null,
        returnedByAccountId: null,
      })
      .where(and(eq(residents.id, id), eq(residents.communityId, ctx.communityId), eq(residents.status, 'returned')));
  } catch (error) {
    if (isUniqueViolation(error)) throw idTaken();
    throw error;
  }
  const [row] = await selectResidents(ctx).where(eq(residents.id, id));
  return residentView(ctx, row!);
}

/**
 * Staff send a pending claim back with a reason the resident reads on 我的 (a misspelt name, the
 * wrong group); the resident corrects it and submits again. Only a pending claim can go back.
 */
export async function returnResidentClaim({ ctx, input }: { ctx: AuthedCtx; input: { id: string; reason: string } }) {
  requireRole(ctx, 'staff', 'admin');
  const inCommunity = and(eq(residents.id, input.id), eq(residents.communityId, ctx.communityId));
  const [row] = await ctx.db
    .update(residents)
    .set({ status: 'returned', returnReason: input.reason, returnedByAccountId: ctx.actor.accountId })
    .where(and(inCommunity, eq(residents.status, 'pending')))
    .returning({ id: residents.id });
  const [resident] = await selectResidents(ctx).where(inCommunity);
  if (!resident) throw notFound('居民');
  if (!row) throw new AppError('CONFLICT', resident.status === 'verified' ? '这位居民已经认证通过，不能退回。' : '这份申请已经退回过了。');
  return { resident: residentView(ctx, resident) };
}
