import { and, asc, eq } from 'drizzle-orm';
import {
  type PartyDuty,
  type PartyOfficialRole,
  type PartyPost,
  partyAssignments,
  partyAttendance,
  partyBallots,
  partyCandidates,
  partyMeetings,
  partyMembers,
  partyOfficials,
  partyRequests,
  partyRounds,
} from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { strokeOrder } from '../_shared/stroke-order.js';
import { appendAudit } from '../audit/chain.js';
import { requireOrganizer } from './access.js';
import { candidatesOfMeeting, findMeeting, type MeetingRow, meetingResults, postsOf, quorumOf, roundsOfMeeting } from './count.js';
import { factsOf, findMember } from './members.js';
import { candidateListCheck, mayStand, noVoteReason, postLabels } from './rules.js';

/** Seats as stored: the members' meeting elects `seats` committee members; the committee's elects one secretary and `seats - 1` deputies. */
export function seatsOf(kind: 'members' | 'committee', seats: number): Partial<Record<PartyPost, number>> {
  if (kind === 'members') return { committee: seats };
  return seats > 1 ? { secretary: 1, deputy_secretary: seats - 1 } : { secretary: 1 };
}

const locked = (what: string) => new AppError('CONFLICT', `候选人名单已经确定，不能再${what}。`);

/**
 * The organiser calls a meeting. The members' meeting comes after the township approved the
 * founding request (founding plan, step 3.2 ②: 上级党委批准成立党支部后); the committee's meeting
 * after the members' meeting elected its whole committee, from which it elects.
 */
export async function createMeeting({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { kind: 'members' | 'committee'; date: string; seats: number; electsFromMeetingId?: string };
}) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    let electsFrom: MeetingRow | null = null;
    if (input.kind === 'members') {
      const [approved] = await tx.db
        .select({ id: partyRequests.id })
        .from(partyRequests)
        .where(and(eq(partyRequests.communityId, tx.communityId), eq(partyRequests.kind, 'founding'), eq(partyRequests.status, 'approved')))
        .limit(1);
      if (!approved) throw new AppError('CONFLICT', '乡党委还没有批准成立党支部：请先录入成立请示的批复，再召开党员大会。');
    } else {
      if (!input.electsFromMeetingId)
        throw new AppError('VALIDATION_FAILED', '请选择选出支部委员会的党员大会。', { errors: [{ path: 'electsFromMeetingId', message: '请选择党员大会' }] });
      electsFrom = await findMeeting(tx, input.electsFromMeetingId);
      if (electsFrom.kind !== 'members') throw new AppError('VALIDATION_FAILED', '支部委员会会议须从党员大会选出的委员中选举书记、副书记。');
      const results = await meetingResults(tx, electsFrom);
      if (!results.complete) throw new AppError('CONFLICT', '党员大会还没有选足支部委员，不能召开支部委员会会议。');
      if (input.seats > (electsFrom.seats.committee ?? 0)) throw new AppError('VALIDATION_FAILED', '书记、副书记的人数不能多于支部委员的人数。');
    }
    const [row] = await tx.db
      .insert(partyMeetings)
      .values({
        communityId: tx.communityId,
        kind: input.kind,
        date: input.date,
        seats: seatsOf(input.kind, input.seats),
        electsFromMeetingId: electsFrom?.id ?? null,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .returning();
    await appendAudit(tx, {
      action: 'party.meeting_called',
      subject: `party_meeting:${row!.id}`,
      payload: { kind: input.kind, date: input.date, seats: row!.seats },
    });
    return meetingView(tx, row!);
  });
}

/** What the organiser's meeting page shows: the door's figures, candidates, officials, division of work. */
export async function meetingView(ctx: Ctx, meeting: MeetingRow) {
  const [q, candidates, officials, assignments, rounds] = await Promise.all([
    quorumOf(ctx, meeting),
    candidatesOfMeeting(ctx, meeting.id),
    ctx.db
      .select({ memberId: partyOfficials.memberId, name: partyMembers.name, role: partyOfficials.role })
      .from(partyOfficials)
      .innerJoin(partyMembers, and(eq(partyMembers.communityId, partyOfficials.communityId), eq(partyMembers.id, partyOfficials.memberId)))
      .where(and(eq(partyOfficials.communityId, ctx.communityId), eq(partyOfficials.meetingId, meeting.id))),
    ctx.db
      .select({ memberId: partyAssignments.memberId, name: partyMembers.name, duty: partyAssignments.duty, label: partyAssignments.label })
      .from(partyAssignments)
      .innerJoin(partyMembers, and(eq(partyMembers.communityId, partyAssignments.communityId), eq(partyMembers.id, partyAssignments.memberId)))
      .where(and(eq(partyAssignments.communityId, ctx.communityId), eq(partyAssignments.meetingId, meeting.id)))
      .orderBy(asc(partyAssignments.createdAt)),
    roundsOfMeeting(ctx, meeting.id),
  ]);
  const statusOf = new Map(q.attendance.map((a) => [a.memberId, a.status]));
  return {
    id: meeting.id,
    kind: meeting.kind,
    date: meeting.date,
    seats: meeting.seats,
    electsFromMeetingId: meeting.electsFromMeetingId,
    candidatesPublishedAt: meeting.candidatesPublishedAt?.toISOString() ?? null,
    quorum: { entitled: q.entitled, present: q.present, onLeave: q.onLeave, needed: q.needed, met: q.met },
    attendance: q.entitledMembers
      .map((m) => ({ memberId: m.id, name: m.name, status: statusOf.get(m.id) ?? ('unrecorded' as const) }))
      .sort((a, b) => strokeOrder.compare(a.name, b.name)),
    candidates: candidates.map((c) => ({
      id: c.id,
      memberId: c.memberId,
      name: c.name,
      post: c.post,
      recommendations: c.recommendations,
      reviewed: !!c.reviewedAt,
    })),
    officials,
    assignments,
    currentRound: rounds.at(-1)?.n ?? null,
    /** Who holds a ballot of the current round (the door's list ticks them off). */
    ballotsIssuedTo: rounds.length
      ? (
          await ctx.db
            .select({ memberId: partyBallots.memberId })
            .from(partyBallots)
            .where(and(eq(partyBallots.communityId, ctx.communityId), eq(partyBallots.meetingId, meeting.id), eq(partyBallots.round, rounds.at(-1)!.n)))
        ).map((b) => b.memberId)
      : [],
  };
}

export async function getMeeting({ ctx, meetingId }: { ctx: AuthedCtx; meetingId: string }) {
  requireOrganizer(ctx);
  return meetingView(ctx, await findMeeting(ctx, meetingId));
}

export async function listMeetings({ ctx }: { ctx: AuthedCtx }) {
  requireOrganizer(ctx);
  const rows = await ctx.db.select().from(partyMeetings).where(eq(partyMeetings.communityId, ctx.communityId)).orderBy(asc(partyMeetings.createdAt));
  return {
    items: rows.map((m) => ({ id: m.id, kind: m.kind, date: m.date, seats: m.seats, candidatesPublishedAt: m.candidatesPublishedAt?.toISOString() ?? null })),
    nextCursor: null,
  };
}

/**
 * The door records each member entitled to attend: present, on leave (请假) or absent. Once a
 * member holds a ballot of the meeting, they cannot be recorded away.
 */
export async function recordAttendance({ ctx, input }: { ctx: AuthedCtx; input: { meetingId: string; memberId: string; present: boolean; leave?: boolean } }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    const member = await findMember(tx, input.memberId);
    const status = input.present ? ('present' as const) : input.leave ? ('leave' as const) : ('absent' as const);
    if (status !== 'present') {
      const [held] = await tx.db
        .select({ id: partyBallots.id })
        .from(partyBallots)
        .where(and(eq(partyBallots.communityId, tx.communityId), eq(partyBallots.meetingId, meeting.id), eq(partyBallots.memberId, member.id)))
        .limit(1);
      if (held) throw new AppError('CONFLICT', `${member.name}已经领取了选票，不能再记为未到会。`);
    }
    await tx.db
      .insert(partyAttendance)
      .values({ communityId: tx.communityId, meetingId: meeting.id, memberId: member.id, status, recordedByAccountId: tx.actor.accountId, recordedAt: tx.now })
      .onConflictDoUpdate({
        target: [partyAttendance.communityId, partyAttendance.meetingId, partyAttendance.memberId],
        set: { status, recordedByAccountId: tx.actor.accountId, recordedAt: tx.now },
      });
    await appendAudit(tx, { action: 'party.attendance', subject: `party_meeting:${meeting.id}`, payload: { memberId: member.id, status } });
    const q = await quorumOf(tx, meeting);
    return { memberId: member.id, status, quorum: { entitled: q.entitled, present: q.present, onLeave: q.onLeave, needed: q.needed, met: q.met } };
  });
}

/**
 * A 预备人选 proposed from the members' recommendations (with how many recommended them). Only
 * full members stand (条例第五条); at the committee's meeting only members of the new committee.
 */
export async function addCandidate({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { meetingId: string; memberId: string; post?: PartyPost; recommendations?: number };
}) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    if (meeting.candidatesPublishedAt) throw locked('增加候选人');
    const post = input.post ?? (meeting.kind === 'members' ? 'committee' : 'secretary');
    if (!postsOf(meeting).includes(post))
      throw new AppError('VALIDATION_FAILED', `本次会议不选举${postLabels[post]}。`, { errors: [{ path: 'post', message: '职务不对' }] });
    const member = await findMember(tx, input.memberId);
    const facts = factsOf(member, meeting.date);
    if (!mayStand(facts)) throw new AppError('NOT_A_FULL_MEMBER', `${member.name}不能作为候选人：${noVoteReason(facts)}`);
    if (meeting.kind === 'committee') {
      const q = await quorumOf(tx, meeting);
      if (!q.entitledMembers.some((m) => m.id === member.id))
        throw new AppError('NOT_ON_COMMITTEE', `${member.name}不是新当选的支部委员，书记、副书记须从支部委员中选举。`);
    }
    const [row] = await tx.db
      .insert(partyCandidates)
      .values({
        communityId: tx.communityId,
        meetingId: meeting.id,
        memberId: member.id,
        post,
        recommendations: input.recommendations ?? 0,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .returning()
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('ALREADY_CANDIDATE', `${member.name}已经是${postLabels[post]}候选人。`);
        throw e;
      });
    await appendAudit(tx, {
      action: 'party.candidate_proposed',
      subject: `party_meeting:${meeting.id}`,
      payload: { candidateId: row!.id, memberId: member.id, post },
    });
    return { id: row!.id, memberId: member.id, name: member.name, post, recommendations: row!.recommendations, reviewed: false };
  });
}

/** The organisers' review (审查) of a proposed candidate; the list is fixed only when every one is reviewed. */
export async function reviewCandidate({ ctx, input }: { ctx: AuthedCtx; input: { meetingId: string; candidateId: string } }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    if (meeting.candidatesPublishedAt) throw locked('审查候选人');
    const [row] = await tx.db
      .update(partyCandidates)
      .set({ reviewedAt: tx.now })
      .where(and(eq(partyCandidates.communityId, tx.communityId), eq(partyCandidates.meetingId, meeting.id), eq(partyCandidates.id, input.candidateId)))
      .returning();
    if (!row) throw notFound('候选人');
    await appendAudit(tx, { action: 'party.candidate_reviewed', subject: `party_meeting:${meeting.id}`, payload: { candidateId: row.id } });
    const member = await findMember(tx, row.memberId);
    return { id: row.id, memberId: row.memberId, name: member.name, post: row.post, recommendations: row.recommendations, reviewed: true };
  });
}

/**
 * Fixes the candidate list and opens the main vote: the members' meeting needs at least 20 % more
 * candidates than seats (rounded up), the committee's exactly as many as seats for each post (等额).
 */
export async function publishCandidates({ ctx, meetingId }: { ctx: AuthedCtx; meetingId: string }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, meetingId, { lock: true });
    if (meeting.candidatesPublishedAt) throw locked('重新确定');
    const candidates = await candidatesOfMeeting(tx, meeting.id);
    for (const post of postsOf(meeting)) {
      const check = candidateListCheck(meeting.kind, meeting.seats[post] ?? 0, candidates.filter((c) => c.post === post).length);
      if (!check.ok) throw new AppError('TOO_FEW_CANDIDATES', meeting.kind === 'members' ? check.detail! : `${postLabels[post]}：${check.detail}`);
    }
    const unreviewed = candidates.filter((c) => !c.reviewedAt);
    if (unreviewed.length) throw new AppError('CONFLICT', `还有候选人没有审查：${unreviewed.map((c) => c.name).join('、')}。`);
    await tx.db
      .update(partyMeetings)
      .set({ candidatesPublishedAt: tx.now })
      .where(and(eq(partyMeetings.communityId, tx.communityId), eq(partyMeetings.id, meeting.id)));
    const contenders = [...candidates]
      .sort((a, b) => postsOf(meeting).indexOf(a.post) - postsOf(meeting).indexOf(b.post) || strokeOrder.compare(a.name, b.name))
      .map((c) => ({ candidateId: c.id, memberId: c.memberId, name: c.name, post: c.post }));
    await tx.db.insert(partyRounds).values({
      communityId: tx.communityId,
      meetingId: meeting.id,
      n: 1,
      kind: 'main',
      seats: meeting.seats,
      contenders,
      openedByAccountId: tx.actor.accountId,
      openedAt: tx.now,
    });
    await appendAudit(tx, {
      action: 'party.candidates_fixed',
      subject: `party_meeting:${meeting.id}`,
      payload: { candidateIds: contenders.map((c) => c.candidateId) },
    });
    return meetingView(tx, { ...meeting, candidatesPublishedAt: tx.now });
  });
}

/** A 计票人 or 监票人 of the meeting: a member who is no candidate, signing in with their resident's account. */
export async function appointOfficial({ ctx, input }: { ctx: AuthedCtx; input: { meetingId: string; memberId: string; role: PartyOfficialRole } }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    const member = await findMember(tx, input.memberId);
    const candidates = await candidatesOfMeeting(tx, meeting.id);
    if (candidates.some((c) => c.memberId === member.id)) throw new AppError('OFFICIAL_IS_CANDIDATE', `${member.name}是候选人，不能担任计票人或监票人。`);
    if (!member.residentId) throw new AppError('CONFLICT', `${member.name}没有关联本社区居民，无法用自己的账号登录录入。`);
    await tx.db
      .insert(partyOfficials)
      .values({ communityId: tx.communityId, meetingId: meeting.id, memberId: member.id, role: input.role, createdAt: tx.now })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('CONFLICT', `${member.name}已经是本次会议的工作人员。`);
        throw e;
      });
    await appendAudit(tx, { action: 'party.official_appointed', subject: `party_meeting:${meeting.id}`, payload: { memberId: member.id, role: input.role } });
    return { memberId: member.id, name: member.name, role: input.role };
  });
}

/** The committee divides its work (分工): 组织委员, 宣传委员, 纪检委员 … among the members the members' meeting elected. */
export async function recordAssignment({ ctx, input }: { ctx: AuthedCtx; input: { meetingId: string; memberId: string; duty: PartyDuty; label?: string } }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    if (meeting.kind !== 'committee') throw new AppError('VALIDATION_FAILED', '分工在支部委员会会议上确定。');
    const member = await findMember(tx, input.memberId);
    const q = await quorumOf(tx, meeting);
    if (!q.entitledMembers.some((m) => m.id === member.id)) throw new AppError('NOT_ON_COMMITTEE', `${member.name}不是支部委员，不能分工。`);
    if (input.duty === 'other' && !input.label?.trim())
      throw new AppError('VALIDATION_FAILED', '请写明分工的名称（如青年委员）。', { errors: [{ path: 'label', message: '请填写分工名称' }] });
    await tx.db
      .insert(partyAssignments)
      .values({
        communityId: tx.communityId,
        meetingId: meeting.id,
        memberId: member.id,
        duty: input.duty,
        label: input.label?.trim() || null,
        recordedByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('CONFLICT', `${member.name}已经有这项分工。`);
        throw e;
      });
    await appendAudit(tx, { action: 'party.duty_assigned', subject: `party_meeting:${meeting.id}`, payload: { memberId: member.id, duty: input.duty } });
    return { memberId: member.id, name: member.name, duty: input.duty, label: input.label?.trim() || null };
  });
}
