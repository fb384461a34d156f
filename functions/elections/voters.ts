import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { electionVoters, type RegistrationBasis, residentGroups, residents, termRegistrations } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { perDatabase, perDatabaseShape } from '../_platform/prepared.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from './elections.js';
import { lockElection, refuseIfLocked } from './locks.js';
import { ageOn, type ElectionRules } from './rules.js';
import { claimTerm, claimTermForMany, releaseTerm } from './term-registrations.js';

/** Why a resident may not be registered, or null when they may. Pure, so pages can explain it too. */
export function voterRefusal(
  resident: { status: string; birthDate: string },
  electionDay: string,
  rules: Pick<ElectionRules, 'minVoterAge'>,
): { code: 'RESIDENT_NOT_VERIFIED' | 'VOTER_UNDERAGE'; detail: string } | null {
  if (resident.status !== 'verified') {
    return { code: 'RESIDENT_NOT_VERIFIED', detail: '这位居民的身份还没有经过社区核实，核实后才能登记为选民。' };
  }
  const age = ageOn(resident.birthDate, electionDay);
  if (age < rules.minVoterAge) {
    return { code: 'VOTER_UNDERAGE', detail: `选举日（${electionDay}）时这位居民${age}周岁，未满${rules.minVoterAge}周岁，不能登记为选民。` };
  }
  return null;
}

async function requireResident(ctx: Ctx, residentId: string) {
  const [row] = await ctx.db
    .select({ id: residents.id, name: residents.name, status: residents.status, birthDate: residents.birthDate, idNumberHash: residents.idNumberHash })
    .from(residents)
    .where(and(eq(residents.id, residentId), eq(residents.communityId, ctx.communityId)));
  if (!row) throw notFound('居民');
  return row;
}

/**
 * A change of the voter list decided on the record (an upheld objection or voter application,
 * with its reason): after the list's notice the only way it may change (API.md, Locks). The
 * deciding verb passes it; the routes for plain registration and removal never do.
 */
export interface VoterListDecision {
  reason: string;
}

/**
 * The voter list may change at this stage: under the election's row lock, so the notice's
 * moment, the first ballot or the results cannot pass between this check and the write.
 */
async function refuseIfListFixed(ctx: Ctx, electionId: string, decision?: VoterListDecision) {
  await lockElection(ctx, electionId);
  await refuseIfLocked(ctx, electionId, 'voters', { byDecision: !!decision });
}

/**
 * Registers one resident, or puts a removed voter back on the list, with the basis of the
 * registration (第十六条: 户籍 by default; residence or community work on the person's application).
 * The person's registration for the term is claimed in the same transaction: refused
 * (`ALREADY_REGISTERED_ELSEWHERE`) when another community holds it.
 */
export async function registerVoter({
  ctx,
  input,
  decision,
}: {
  ctx: Ctx;
  input: { electionId: string; residentId: string; basis?: RegistrationBasis };
  decision?: VoterListDecision;
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfListFixed(tx, election.id, decision);
    const resident = await requireResident(tx, input.residentId);
    const refusal = voterRefusal(resident, election.electionDay, election.rulebook);
    if (refusal) throw new AppError(refusal.code, refusal.detail);
    const age = ageOn(resident.birthDate, election.electionDay);
    const [row] = await tx.db
      .insert(electionVoters)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        residentId: resident.id,
        status: 'registered',
        ageOnElectionDay: age,
        registeredAt: tx.now,
        registeredByAccountId: tx.actor.accountId,
        basis: input.basis ?? 'hukou',
      })
      .onConflictDoUpdate({
        target: [electionVoters.communityId, electionVoters.electionId, electionVoters.residentId],
        set: {
          status: 'registered',
          registeredAt: tx.now,
          registeredByAccountId: tx.actor.accountId,
          basis: input.basis ?? 'hukou',
          removedAt: null,
          removedReason: null,
        },
        setWhere: eq(electionVoters.status, 'removed'),
      })
      .returning();
    if (!row) throw new AppError('ALREADY_REGISTERED', `${resident.name}已经在选民名单上了。`);
    await claimTerm(tx, election, resident);
    await appendAudit(tx, {
      action: 'voter.registered',
      subject: `resident:${resident.id}`,
      electionId: election.id,
      payload: { residentId: resident.id, name: resident.name, age, basis: row.basis, ...(decision ? { decision: decision.reason } : {}) },
    });
    return { id: row.id, electionId: election.id, residentId: resident.id, name: resident.name, age, status: row.status, basis: row.basis };
  });
}

/**
 * Registers every verified resident of voting age (optionally of one group) who is not yet on
 * the list, on the basis of 户籍 (others apply themselves): set-based statements whatever the
 * community's size, and one audit entry naming them. Those registered for this term in another
 * community are skipped and counted (第十六条), never named.
 */
export async function registerAllVoters({ ctx, input }: { ctx: Ctx; input: { electionId: string; groupId?: string } }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfListFixed(tx, election.id);
    // The last birth date of someone who has reached the age on election day. Postgres clamps
    // 29 February to the 28th in a common year, which agrees with ageOn(): born on 29 February,
    // one comes of age on 1 March.
    const cutoff = sql`(${election.electionDay}::date - make_interval(years => ${election.rulebook.minVoterAge}))::date`;
    const candidates = sql`select r.id, r.community_id, r.birth_date, r.id_number_hash from ${residents} r
      where r.community_id = ${tx.communityId} and r.status = 'verified' and r.birth_date <= ${cutoff}
        ${input.groupId ? sql`and r.group_id = ${input.groupId}` : sql``}
        and not exists (select 1 from ${electionVoters} ev
          where ev.community_id = r.community_id and ev.election_id = ${election.id} and ev.resident_id = r.id)`;
    await claimTermForMany(tx, election, candidates);
    const heldHere = sql`exists (select 1 from ${termRegistrations} t
      where t.id_number_hash = r.id_number_hash and t.term = ${election.term} and t.community_id = ${tx.communityId})`;
    // Every driver answers raw execute() with `{ rows }`.
    const inserted = (await tx.db.execute(sql`
      insert into ${electionVoters} (id, community_id, election_id, resident_id, status, age_on_election_day, registered_at, registered_by_account_id, basis)
      select gen_random_uuid(), r.community_id, ${election.id}, r.id, 'registered',
             extract(year from age(${election.electionDay}::date, r.birth_date))::int, ${tx.now.toISOString()}::timestamptz, ${tx.actor.accountId}, 'hukou'
      from (${candidates}) r
      where ${heldHere}
      on conflict (community_id, election_id, resident_id) do nothing
      returning resident_id`)) as unknown as { rows: { resident_id: string }[] };
    const ids = inserted.rows.map((r) => r.resident_id);
    // Who is left of the candidates now is held by another community.
    const [left] = (
      (await tx.db.execute(sql`select count(*)::int as n from (${candidates}) r where not ${heldHere}`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    // count(*) answers one row.
    const elsewhere = left!.n;
    if (ids.length > 0) {
      await appendAudit(tx, {
        action: 'voter.registered',
        subject: `election:${election.id}`,
        electionId: election.id,
        payload: { batch: true, count: ids.length, residentIds: ids, groupId: input.groupId ?? null, basis: 'hukou', skippedElsewhere: elsewhere },
      });
    }
    return {
      registered: ids.length,
      skipped:
        elsewhere > 0
          ? [
              {
                code: 'ALREADY_REGISTERED_ELSEWHERE' as const,
                count: elsewhere,
                detail: `${elsewhere}位居民已在其他社区登记为本届选民，按规定不能在两个社区同时登记，没有登记。`,
              },
            ]
          : [],
    };
  });
}

export async function removeVoter({
  ctx,
  input,
  decision,
}: {
  ctx: Ctx;
  input: { electionId: string; residentId: string; reason: string };
  decision?: VoterListDecision;
}) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfListFixed(tx, election.id, decision);
    const [row] = await tx.db
      .update(electionVoters)
      .set({ status: 'removed', removedAt: tx.now, removedReason: input.reason })
      .where(
        and(
          eq(electionVoters.communityId, tx.communityId),
          eq(electionVoters.electionId, election.id),
          eq(electionVoters.residentId, input.residentId),
          eq(electionVoters.status, 'registered'),
        ),
      )
      .returning();
    if (!row) throw notFound('选民');
    await releaseTerm(tx, election, input.residentId);
    await appendAudit(tx, {
      action: 'voter.removed',
      subject: `resident:${input.residentId}`,
      electionId: election.id,
      payload: { residentId: input.residentId, reason: input.reason, ...(decision ? { decision: decision.reason } : {}) },
    });
  });
}

// The voter list's page, per shape (a group asked for or not, after a cursor or not): built once per database, prepared.
const voterPage = perDatabaseShape((db, shape: { group: boolean; after: boolean }) =>
  db
    .select({
      id: electionVoters.id,
      residentId: electionVoters.residentId,
      name: residents.name,
      groupId: residents.groupId,
      groupName: residentGroups.name,
      age: electionVoters.ageOnElectionDay,
      status: electionVoters.status,
      removedReason: electionVoters.removedReason,
      registeredAt: electionVoters.registeredAt,
    })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .where(
      and(
        eq(electionVoters.communityId, sql.placeholder('communityId')),
        eq(electionVoters.electionId, sql.placeholder('electionId')),
        eq(electionVoters.status, sql.placeholder('status')),
        shape.group ? eq(residents.groupId, sql.placeholder('groupId')) : undefined,
        shape.after ? gt(electionVoters.id, sql.placeholder('after')) : undefined,
      ),
    )
    .orderBy(asc(electionVoters.id))
    .limit(sql.placeholder('limit'))
    .prepare(`voter_list${shape.group ? '_g' : ''}${shape.after ? '_k' : ''}`),
);

export async function listVoters({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { electionId: string; groupId?: string; status?: 'registered' | 'removed'; limit: number; cursor?: string };
}) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const after = decodeCursor(input.cursor);
  const rows = await voterPage(ctx.db, { group: !!input.groupId, after: !!after }).execute({
    communityId: ctx.communityId,
    electionId: election.id,
    status: input.status ?? 'registered',
    groupId: input.groupId,
    after,
    limit: input.limit + 1,
  });
  return page(rows, input.limit, (r) => ({
    residentId: r.residentId,
    name: r.name,
    groupId: r.groupId,
    groupName: r.groupName,
    age: r.age,
    status: r.status,
    ...(r.removedReason ? { removedReason: r.removedReason } : {}),
    registeredAt: r.registeredAt.toISOString(),
  }));
}

/** Whether each of these residents is a registered voter of the election (for other domains' checks). */
const registeredAmong = perDatabase((db) =>
  db
    .select({ residentId: electionVoters.residentId })
    .from(electionVoters)
    .where(
      and(
        eq(electionVoters.communityId, sql.placeholder('communityId')),
        eq(electionVoters.electionId, sql.placeholder('electionId')),
        eq(electionVoters.status, 'registered'),
        sql`${electionVoters.residentId} = any(${sql.placeholder('residentIds')}::uuid[])`,
      ),
    )
    .prepare('registered_voters_among'),
);

export async function registeredVoterIds(ctx: Ctx, electionId: string, residentIds: string[]): Promise<Set<string>> {
  if (residentIds.length === 0) return new Set();
  const rows = await registeredAmong(ctx.db).execute({ communityId: ctx.communityId, electionId, residentIds });
  return new Set(rows.map((r) => r.residentId));
}

/**
 * The caller's resident record with their row on the election's voter list, if any: what every
 * resident's 选举 tab asks, one statement built once per database, prepared.
 */
const standingOf = perDatabase((db) =>
  db
    .select({
      id: residents.id,
      name: residents.name,
      status: residents.status,
      birthDate: residents.birthDate,
      voterStatus: electionVoters.status,
      removedReason: electionVoters.removedReason,
    })
    .from(residents)
    .leftJoin(
      electionVoters,
      and(
        eq(electionVoters.communityId, residents.communityId),
        eq(electionVoters.electionId, sql.placeholder('electionId')),
        eq(electionVoters.residentId, residents.id),
      ),
    )
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('voter_standing'),
);

/** The signed-in resident's standing in an election: on the list or not, and why. */
export async function myVoterStatus(ctx: AuthedCtx, electionId: string) {
  const election = await requireElection(ctx, electionId);
  const [standing] = await standingOf(ctx.db).execute({ communityId: ctx.communityId, electionId: election.id, accountId: ctx.actor.accountId });
  if (!standing) return { election, resident: null, voter: null, reason: '您的账号还没有关联居民身份。请在“我的”里申请居民认证，社区核实后才能登记为选民。' };
  const { voterStatus, removedReason, ...resident } = standing;
  const row = voterStatus ? { status: voterStatus, removedReason } : undefined;
  const age = ageOn(resident.birthDate, election.electionDay);
  if (row?.status === 'registered')
    return { election, resident, voter: { residentId: resident.id, name: resident.name, age, status: 'registered' as const }, reason: null };
  const refusal = voterRefusal(resident, election.electionDay, election.rulebook);
  const reason =
    row?.status === 'removed'
      ? `您已被移出选民名单，原因：${row.removedReason}。如有异议请联系选举委员会。`
      : refusal
        ? refusal.detail.replace('这位居民', '您')
        : '您符合选民条件，但还没有登记。选举委员会将入户登记，也可以到社区便民服务窗口登记。';
  return { election, resident, voter: null, reason, eligible: !refusal };
}
