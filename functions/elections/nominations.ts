import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accounts, electionNominations, type NominationStatus, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole, isCommittee, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { perDatabase, perDatabaseShape } from '../_platform/prepared.js';
import { officeRoles } from '../_shared/roles.js';
import { appendAudit } from '../audit/chain.js';
import { isLeaderOf } from '../residents/residents.js';
import { requireCommittee, requireElection } from './elections.js';
import { holdElection, refuseIfLocked } from './locks.js';
import { registeredVoterIds } from './voters.js';

/** Representatives are settled with the rest once the results are published (API.md, Locks). */
async function refuseIfRepresentativesFixed(ctx: Ctx, electionId: string) {
  await holdElection(ctx, electionId);
  await refuseIfLocked(ctx, electionId, 'nominations');
}

const live: NominationStatus[] = ['nominated', 'confirmed'];

const nominator = alias(accounts, 'nominator');
const columns = {
  id: electionNominations.id,
  electionId: electionNominations.electionId,
  groupId: electionNominations.groupId,
  groupName: residentGroups.name,
  residentId: electionNominations.residentId,
  name: residents.name,
  status: electionNominations.status,
  nominatedByAccountId: electionNominations.nominatedByAccountId,
  nominatedByName: nominator.name,
  createdAt: electionNominations.createdAt,
  confirmedAt: electionNominations.confirmedAt,
  meetingOn: electionNominations.meetingOn,
  meetingPresent: electionNominations.meetingPresent,
  meetingVotesFor: electionNominations.meetingVotesFor,
};

function selectNominations(ctx: Pick<Ctx, 'db'>) {
  return ctx.db
    .select(columns)
    .from(electionNominations)
    .innerJoin(residents, and(eq(residents.id, electionNominations.residentId), eq(residents.communityId, electionNominations.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, electionNominations.groupId))
    .leftJoin(nominator, eq(nominator.id, electionNominations.nominatedByAccountId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectNominations>['where']>>[number];

export function nominationView(r: Row) {
  return {
    id: r.id,
    electionId: r.electionId,
    groupId: r.groupId,
    groupName: r.groupName,
    residentId: r.residentId,
    name: r.name,
    status: r.status,
    ...(r.nominatedByName ? { nominatedByName: r.nominatedByName } : {}),
    createdAt: r.createdAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    meeting:
      r.meetingOn && r.meetingPresent != null && r.meetingVotesFor != null ? { on: r.meetingOn, present: r.meetingPresent, votesFor: r.meetingVotesFor } : null,
  };
}

/** The group meeting (居民小组会议) that elected a representative, as the leader reports it. */
export interface GroupMeeting {
  meetingOn: string;
  present: number;
  votesFor: number;
}

/**
 * A representative is elected by the group's meeting: more than half of those present voted for
 * them (组织法 2018 第九条第三款 "会议的决定，由出席人的过半数通过", the rule the revised law keeps
 * for meetings of residents). Where representatives elect the committee (`mode: "representatives"`)
 * the meeting's record is required; elsewhere it is recorded when given.
 */
export function refuseUnelected(mode: string, meeting: GroupMeeting | undefined, name: string) {
  if (!meeting) {
    if (mode === 'representatives') {
      throw new AppError('MEETING_RECORD_NEEDED', `本次选举由居民代表投票，${name}须经居民小组会议推选：请填写小组会议的日期、到会人数和赞成票数。`);
    }
    return;
  }
  if (meeting.votesFor * 2 <= meeting.present) {
    throw new AppError(
      'REPRESENTATIVE_NOT_ELECTED',
      `${name}在小组会议上得到${meeting.votesFor}票，到会${meeting.present}人，没有超过半数，不能作为居民代表。可以重新开会推选。`,
    );
  }
}

async function loadOne(ctx: Ctx, electionId: string, id: string) {
  const [row] = await selectNominations(ctx).where(
    and(eq(electionNominations.id, id), eq(electionNominations.electionId, electionId), eq(electionNominations.communityId, ctx.communityId)),
  );
  if (!row) throw notFound('推荐');
  return row;
}

/**
 * A group leader recommends a registered voter of their own group as resident representative
 * (居民代表); the committee may do it for any group. At most `repsPerGroup` live nominations per
 * group: nominations of one group queue on the group's row (SELECT … FOR UPDATE), so twenty
 * leaders' taps at once still leave exactly the quota.
 */
export async function nominate({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; residentId: string; meeting?: GroupMeeting } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    const [resident] = await tx.db
      .select({ id: residents.id, name: residents.name, groupId: residents.groupId })
      .from(residents)
      .where(and(eq(residents.id, input.residentId), eq(residents.communityId, tx.communityId)));
    if (!resident) throw notFound('居民');
    if (!isCommittee(tx) && !isLeaderOf(tx, resident.groupId)) {
      throw new AppError('NOT_GROUP_LEADER', '只有本组的居民小组长（或选举委员会）可以推荐本组的居民代表。');
    }
    await refuseIfRepresentativesFixed(tx, election.id);
    // The lock: every nomination into this group waits here for the one before it to commit.
    await tx.db
      .select({ id: residentGroups.id })
      .from(residentGroups)
      .where(and(eq(residentGroups.id, resident.groupId), eq(residentGroups.communityId, tx.communityId)))
      .for('update');
    if (!(await registeredVoterIds(tx, election.id, [resident.id])).has(resident.id)) {
      throw new AppError('NOMINEE_NOT_VOTER', `${resident.name}还不在选民名单上。居民代表须是登记的选民，请先请选举委员会登记。`);
    }
    const current = await tx.db
      .select({ residentId: electionNominations.residentId })
      .from(electionNominations)
      .where(
        and(
          eq(electionNominations.communityId, tx.communityId),
          eq(electionNominations.electionId, election.id),
          eq(electionNominations.groupId, resident.groupId),
          inArray(electionNominations.status, live),
        ),
      );
    if (current.some((n) => n.residentId === resident.id)) throw alreadyNominated(resident.name);
    refuseUnelected(election.mode, input.meeting, resident.name);
    const quota = election.rulebook.repsPerGroup;
    if (current.length >= quota) {
      throw new AppError('GROUP_QUOTA_REACHED', `本组已经推荐了${quota}名居民代表，名额已满。如要换人，请先撤回一名尚未确认的推荐。`);
    }
    let id: string;
    try {
      const [row] = await tx.db
        .insert(electionNominations)
        .values({
          communityId: tx.communityId,
          electionId: election.id,
          groupId: resident.groupId,
          residentId: resident.id,
          status: 'nominated',
          nominatedByAccountId: tx.actor.accountId,
          createdAt: tx.now,
          meetingOn: input.meeting?.meetingOn,
          meetingPresent: input.meeting?.present,
          meetingVotesFor: input.meeting?.votesFor,
        })
        .returning({ id: electionNominations.id });
      id = row!.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyNominated(resident.name);
      throw error;
    }
    await appendAudit(tx, {
      action: 'nomination.created',
      subject: `nomination:${id}`,
      electionId: election.id,
      payload: { residentId: resident.id, name: resident.name, groupId: resident.groupId, ...(input.meeting ? { meeting: input.meeting } : {}) },
    });
    return nominationView(await loadOne(tx, election.id, id));
  });
}

const alreadyNominated = (name: string) => new AppError('ALREADY_NOMINATED', `${name}已经被推荐为居民代表了。`);

/** The nominating leader (or the group's leader now) and the committee may withdraw a nomination until it is confirmed. */
export async function withdrawNomination({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfRepresentativesFixed(tx, election.id);
    const [row] = await tx.db
      .select()
      .from(electionNominations)
      .where(and(eq(electionNominations.id, input.id), eq(electionNominations.electionId, election.id), eq(electionNominations.communityId, tx.communityId)))
      .for('update');
    const mayWithdraw = row && (isCommittee(tx) || row.nominatedByAccountId === tx.actor.accountId || isLeaderOf(tx, row.groupId));
    if (!row || !mayWithdraw || row.status === 'withdrawn') throw notFound('推荐');
    if (row.status === 'confirmed') throw new AppError('CONFLICT', '选举委员会已经确认了这名居民代表，不能再撤回。如有变动请联系选举委员会。');
    await tx.db
      .update(electionNominations)
      .set({ status: 'withdrawn', withdrawnAt: tx.now })
      .where(and(eq(electionNominations.id, row.id), eq(electionNominations.communityId, tx.communityId)));
    await appendAudit(tx, {
      action: 'nomination.withdrawn',
      subject: `nomination:${row.id}`,
      electionId: election.id,
      payload: { residentId: row.residentId, groupId: row.groupId },
    });
  });
}

/** The committee confirms a nomination: it goes on the public list of representatives. Confirming twice changes nothing. */
export async function confirmNomination({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; id: string } }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await refuseIfRepresentativesFixed(tx, election.id);
    const [row] = await tx.db
      .select({ status: electionNominations.status, residentId: electionNominations.residentId, groupId: electionNominations.groupId })
      .from(electionNominations)
      .where(and(eq(electionNominations.id, input.id), eq(electionNominations.electionId, election.id), eq(electionNominations.communityId, tx.communityId)))
      .for('update');
    if (!row) throw notFound('推荐');
    if (row.status === 'withdrawn') throw new AppError('CONFLICT', '这条推荐已经被撤回，不能确认。');
    if (row.status === 'nominated') {
      await tx.db
        .update(electionNominations)
        .set({ status: 'confirmed', confirmedAt: tx.now, confirmedByAccountId: tx.actor.accountId })
        .where(and(eq(electionNominations.id, input.id), eq(electionNominations.communityId, tx.communityId)));
      await appendAudit(tx, {
        action: 'nomination.confirmed',
        subject: `nomination:${input.id}`,
        electionId: election.id,
        payload: { residentId: row.residentId, groupId: row.groupId },
      });
    }
    return nominationView(await loadOne(tx, election.id, input.id));
  });
}

/**
 * The nominations of an election, by group. Confirmed representatives are public (the notice
 * shows them); nominations still awaiting confirmation are seen by the committee, staff and the
 * leader of their group only. `status: withdrawn` lists the withdrawn ones (to the same people).
 */
const $ = sql.placeholder;

/**
 * The list's statement for one shape — who reads it (office, a group's leader, anyone else),
 * whether a status or group is asked for — built once per database and prepared, every value a
 * placeholder.
 */
const nominationPage = perDatabaseShape((db, shape: { reader: 'office' | 'leader' | 'public'; status: boolean; group: boolean }) => {
  const publicRows = eq(electionNominations.status, 'confirmed');
  const scope =
    shape.reader === 'office'
      ? undefined
      : shape.reader === 'leader'
        ? or(publicRows, sql`${electionNominations.groupId} = any(${$('leaderGroups')}::uuid[])`)
        : publicRows;
  return selectNominations({ db })
    .where(
      and(
        eq(electionNominations.communityId, $('communityId')),
        eq(electionNominations.electionId, $('electionId')),
        shape.status ? eq(electionNominations.status, $('status')) : inArray(electionNominations.status, live),
        shape.group ? eq(electionNominations.groupId, $('groupId')) : undefined,
        scope,
      ),
    )
    .orderBy(asc(residentGroups.sortOrder), asc(electionNominations.createdAt), asc(electionNominations.id))
    .prepare(`nominations_${shape.reader}${shape.status ? '_s' : ''}${shape.group ? '_g' : ''}`);
});

export async function listNominations({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; groupId?: string; status?: NominationStatus } }) {
  const election = await requireElection(ctx, input.electionId);
  const insider = hasRole(ctx.actor, ctx.communityId, ...officeRoles);
  const leaderGroups = ctx.actor.roles.filter((r) => r.role === 'group_leader' && r.communityId === ctx.communityId && r.groupId).map((r) => r.groupId!);
  // Everyone sees the confirmed representatives; a leader also sees their own group's; the office all.
  const reader = insider ? 'office' : leaderGroups.length > 0 ? 'leader' : 'public';
  const rows = await nominationPage(ctx.db, { reader, status: !!input.status, group: !!input.groupId }).execute({
    communityId: ctx.communityId,
    electionId: election.id,
    status: input.status,
    groupId: input.groupId,
    leaderGroups,
  });
  return { items: rows.map(nominationView), repsPerGroup: election.rulebook.repsPerGroup };
}

// Nominations naming the caller, for GET …/me: built once per database, prepared.
const nominationsOfResident = perDatabase((db) =>
  selectNominations({ db })
    .where(
      and(
        eq(electionNominations.communityId, $('communityId')),
        eq(electionNominations.electionId, $('electionId')),
        eq(electionNominations.residentId, $('residentId')),
        inArray(electionNominations.status, live),
      ),
    )
    .prepare('nominations_of_resident'),
);

/** Nominations naming this resident (for GET …/me). */
export async function nominationsOf(ctx: Ctx, electionId: string, residentId: string) {
  const rows = await nominationsOfResident(ctx.db).execute({ communityId: ctx.communityId, electionId, residentId });
  return rows.map(nominationView);
}
