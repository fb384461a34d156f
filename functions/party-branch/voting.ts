import { type PartyPost, type PartyVoteCount, type PartyWriteIn, partyBallots, partyRounds, partyTallies } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError, forbidden } from '../_platform/errors.js';
import { isUniqueViolation } from '../_platform/pg-errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { appendAudit } from '../audit/chain.js';
import { isOrganizer, officialOf, requireOrganizer } from './access.js';
import {
  ballotsIssued,
  findMeeting,
  type MeetingRow,
  meetingResults,
  normaliseWriteIns,
  partyFingerprint,
  postsOf,
  quorumOf,
  roundsOfMeeting,
} from './count.js';
import { factsOf, findMember } from './members.js';
import { noVoteReason, postLabels } from './rules.js';

/** The round asked for (the latest by default), refused once its count is closed. */
async function openRoundOf(ctx: AuthedCtx, meeting: MeetingRow, asked: number | undefined, what: string) {
  const rounds = await roundsOfMeeting(ctx, meeting.id);
  if (rounds.length === 0) throw new AppError('CONFLICT', `候选人名单还没有确定，不能${what}。`);
  const round = asked === undefined ? rounds.at(-1)! : rounds.find((r) => r.n === asked);
  if (!round) throw new AppError('VALIDATION_FAILED', `没有第${asked}轮投票。`, { errors: [{ path: 'round', message: '轮次不存在' }] });
  const results = await meetingResults(ctx, meeting);
  const status = results.rounds.find((r) => r.n === round.n)?.status;
  if (status === 'final' || status === 'void') throw new AppError('CONFLICT', `第${round.n}轮的计票已经结束，不能再${what}。`);
  return round;
}

/**
 * A ballot handed to a member at the meeting: only to a full member entitled to attend, recorded
 * present (条例第五条), and only once more than four fifths of those entitled are present. One per
 * member and round, held by a unique key under parallel desks; the meeting's row lock orders them.
 */
export async function issueBallot({ ctx, input }: { ctx: AuthedCtx; input: { meetingId: string; memberId: string; round?: number } }) {
  const official = isOrganizer(ctx) ? null : await officialOf(ctx, input.meetingId);
  if (!isOrganizer(ctx) && !official) throw forbidden();
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    // Voting is at the meeting, on its day (China time), as the residents' ballots are on election day.
    if (chinaDate(tx.now) !== meeting.date) throw new AppError('NOT_ELECTION_DAY', `选票在会议当天（${meeting.date}）到会时发放。`);
    const round = await openRoundOf(tx, meeting, input.round, '发放选票');
    const member = await findMember(tx, input.memberId);
    const q = await quorumOf(tx, meeting);
    if (!q.entitledMembers.some((m) => m.id === member.id)) {
      const reason = noVoteReason(factsOf(member, meeting.date)) ?? '不是本次会议应到会有选举权的人员。';
      throw new AppError('NOT_A_FULL_MEMBER', `不能发给${member.name}选票：${reason}`);
    }
    if (!q.attendance.some((a) => a.memberId === member.id && a.status === 'present')) {
      throw new AppError('CONFLICT', `${member.name}还没有登记到会，请先在门口登记。`);
    }
    if (!q.met) {
      throw new AppError('NO_QUORUM', `应到会${q.entitled}人，实到${q.present}人，须超过五分之四（至少${q.needed}人）到会才能发放选票。`);
    }
    const [row] = await tx.db
      .insert(partyBallots)
      .values({
        communityId: tx.communityId,
        meetingId: meeting.id,
        round: round.n,
        memberId: member.id,
        issuedByAccountId: tx.actor.accountId,
        issuedAt: tx.now,
      })
      .returning()
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('ALREADY_ISSUED', `${member.name}已经领取了第${round.n}轮的选票。`);
        throw e;
      });
    await appendAudit(tx, { action: 'party.ballot_issued', subject: `party_meeting:${meeting.id}`, payload: { memberId: member.id, round: round.n } });
    return {
      id: row!.id,
      memberId: member.id,
      name: member.name,
      round: round.n,
      issuedAt: row!.issuedAt.toISOString(),
      ballotsIssued: await ballotsIssued(tx, meeting.id, round.n),
    };
  });
}

export interface PartyTallyInput {
  meetingId: string;
  round?: number;
  ballotsCast: number;
  invalidBallots: number;
  votes: Record<string, PartyVoteCount>;
  writeIns?: PartyWriteIn[];
}

/**
 * A counter enters a round's whole count from the paper: per candidate 赞成, 不赞成, 弃权, and
 * the names written in. A ballot with more yes-marks than seats was set aside as invalid by the
 * counters (rules.ts isBallotValid); here the totals must fit the valid ballots. Entries are kept;
 * a second counter's differing entry answers TALLY_MISMATCH, two agreeing close the round.
 */
export async function enterTally({ ctx, input }: { ctx: AuthedCtx; input: PartyTallyInput }) {
  const official = await officialOf(ctx, input.meetingId);
  if (official?.role !== 'counter') throw forbidden();
  const outcome = await withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    const round = await openRoundOf(tx, meeting, input.round, '录入计票');
    const listed = round.contenders;
    const missing = listed.filter((c) => !(c.candidateId in input.votes));
    const unknown = Object.keys(input.votes).filter((id) => !listed.some((c) => c.candidateId === id));
    if (missing.length || unknown.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        missing.length ? `请填写每位候选人的赞成、不赞成、弃权票数（缺：${missing.map((c) => c.name).join('、')}）。` : '计票中有不在本轮选票上的候选人。',
      );
    }
    const writeIns = normaliseWriteIns(input.writeIns);
    const posts = postsOf(round);
    const reasons: string[] = [];
    const valid = input.ballotsCast - input.invalidBallots;
    if (valid < 0) reasons.push(`无效票${input.invalidBallots}张，多于收回的${input.ballotsCast}张`);
    for (const c of listed) {
      const v = input.votes[c.candidateId]!;
      if (v.yes + v.no + v.abstain > Math.max(0, valid))
        reasons.push(`${c.name}的赞成、不赞成、弃权共${v.yes + v.no + v.abstain}票，多于有效票${Math.max(0, valid)}张`);
    }
    for (const w of writeIns) {
      if (!posts.includes(w.post)) reasons.push(`另选${w.name}的职务不在本轮选票上`);
    }
    for (const post of posts) {
      const yes =
        listed.filter((c) => c.post === post).reduce((s, c) => s + input.votes[c.candidateId]!.yes, 0) +
        writeIns.filter((w) => w.post === post).reduce((s, w) => s + w.yes, 0);
      const max = Math.max(0, valid) * (round.seats[post as PartyPost] ?? 0);
      if (yes > max) reasons.push(`${postLabels[post]}的赞成票共${yes}张，超过有效票${Math.max(0, valid)}张×应选${round.seats[post]}名=${max}张`);
    }
    if (reasons.length) throw new AppError('TALLY_IMPLAUSIBLE', `计票数字对不上：${reasons.join('；')}。请核对选票后重新录入。`);
    const votes = Object.fromEntries(listed.map((c) => [c.candidateId, input.votes[c.candidateId]!]));
    const entry = { ballotsCast: input.ballotsCast, invalidBallots: input.invalidBallots, votes, writeIns };
    const fingerprint = partyFingerprint(entry);
    await tx.db.insert(partyTallies).values({
      communityId: tx.communityId,
      meetingId: meeting.id,
      round: round.n,
      counterMemberId: official.memberId,
      enteredByAccountId: tx.actor.accountId,
      ...entry,
      fingerprint,
      createdAt: tx.now,
    });
    await appendAudit(tx, { action: 'party.tally_entered', subject: `party_meeting:${meeting.id}`, payload: { round: round.n, fingerprint } });
    const results = await meetingResults(tx, meeting);
    const status = results.rounds.find((r) => r.n === round.n)!.status;
    return { round: round.n, status };
  });
  // The entry is kept (committed above): the organiser sees both counts side by side.
  if (outcome.status === 'mismatch') throw new AppError('TALLY_MISMATCH', `第${outcome.round}轮两位计票人录入的数字不一致，请一起核对选票后重新录入。`);
  return outcome;
}

export async function getResults({ ctx, meetingId }: { ctx: AuthedCtx; meetingId: string }) {
  if (!isOrganizer(ctx) && !(await officialOf(ctx, meetingId))) throw forbidden();
  const meeting = await findMeeting(ctx, meetingId);
  return { meetingId: meeting.id, kind: meeting.kind, date: meeting.date, seats: meeting.seats, ...(await meetingResults(ctx, meeting)) };
}

/**
 * The next vote after a closed round: a re-vote among those tied at the last seat, a further
 * election (另行选举) for seats left (among the candidates named, or by default the best placed
 * of the rest), or a void round (more ballots returned than handed out) held again.
 */
export async function openRound({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { meetingId: string; kind: 'tie' | 'further' | 'repeat'; post?: PartyPost; candidateIds?: string[] };
}) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const meeting = await findMeeting(tx, input.meetingId, { lock: true });
    const rounds = await roundsOfMeeting(tx, meeting.id);
    if (rounds.length === 0) throw new AppError('CONFLICT', '候选人名单还没有确定。');
    const results = await meetingResults(tx, meeting);
    const last = results.rounds.at(-1)!;
    const lastRow = rounds.at(-1)!;
    if (last.status !== 'final' && last.status !== 'void') throw new AppError('ROUND_NOT_CLOSED', `第${last.n}轮还在计票，计票结束后才能进行下一轮。`);
    let seats: Partial<Record<PartyPost, number>>;
    let contenders = lastRow.contenders;
    if (input.kind === 'repeat') {
      if (last.status !== 'void') throw new AppError('ROUND_NOT_NEEDED', `第${last.n}轮的选举有效，不需要重新投票。`);
      seats = lastRow.seats;
    } else {
      const post = input.post ?? postsOf(meeting).find((p) => (results.left[p] ?? 0) > 0);
      if (!post) throw new AppError('ROUND_NOT_NEEDED', '应选名额已经选足，不需要再投票。');
      if (input.kind === 'tie') {
        const tied = last.tie.filter((c) => c.post === post);
        if (tied.length === 0) throw new AppError('ROUND_NOT_NEEDED', '上一轮没有票数相等需要再次投票的人。');
        seats = { [post]: last.tieSeats };
        contenders = tied.map((c) => ({ candidateId: c.candidateId ?? `member:${c.memberId}`, memberId: c.memberId!, name: c.name, post }));
      } else {
        const left = results.left[post] ?? 0;
        if (left === 0 || last.tie.length > 0)
          throw new AppError('ROUND_NOT_NEEDED', last.tie.length ? '请先就票数相等的人再次投票。' : `${postLabels[post]}已经选足。`);
        seats = { [post]: left };
        const electedIds = new Set((results.elected[post] ?? []).map((e) => e.memberId));
        const pool = lastRow.contenders.filter((c) => c.post === post && !electedIds.has(c.memberId));
        const chosen = input.candidateIds?.length ? pool.filter((c) => input.candidateIds!.includes(c.candidateId)) : pool;
        if (input.candidateIds?.length && chosen.length !== input.candidateIds.length)
          throw new AppError('VALIDATION_FAILED', '另行选举的人选须是本次会议未当选的候选人。');
        if (chosen.length < left) throw new AppError('TOO_FEW_CANDIDATES', `另行选举${left}名，人选不能少于${left}名。`);
        contenders = chosen;
      }
    }
    const n = lastRow.n + 1;
    await tx.db.insert(partyRounds).values({
      communityId: tx.communityId,
      meetingId: meeting.id,
      n,
      kind: input.kind === 'repeat' ? 'main' : input.kind,
      seats,
      contenders,
      openedByAccountId: tx.actor.accountId,
      openedAt: tx.now,
    });
    await appendAudit(tx, { action: 'party.round_opened', subject: `party_meeting:${meeting.id}`, payload: { n, kind: input.kind, seats } });
    return {
      n,
      kind: input.kind,
      seats,
      contenders: contenders.map((c) => ({ candidateId: c.candidateId, memberId: c.memberId, name: c.name, post: c.post })),
    };
  });
}
