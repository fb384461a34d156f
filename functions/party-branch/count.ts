import { and, asc, count, eq } from 'drizzle-orm';
import {
  type PartyContender,
  type PartyPost,
  type PartyRoundKind,
  type PartyVoteCount,
  type PartyWriteIn,
  partyAttendance,
  partyBallots,
  partyCandidates,
  partyMeetings,
  partyMembers,
  partyRounds,
  partyTallies,
} from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { type Contender, type CountStatus, doubleEntry, type RoundRule, voidReasonOf } from '../election-day/majority.js';
import { factsOf, type MemberRow } from './members.js';
import { hasQuorum, hasVote, partyOutcome, postOrder, quorumNeeded } from './rules.js';

export type MeetingRow = typeof partyMeetings.$inferSelect;
export type RoundRow = typeof partyRounds.$inferSelect;
export type PartyTallyRow = typeof partyTallies.$inferSelect;

export async function findMeeting(ctx: Ctx, meetingId: string, opts: { lock?: boolean } = {}): Promise<MeetingRow> {
  const q = ctx.db
    .select()
    .from(partyMeetings)
    .where(and(eq(partyMeetings.communityId, ctx.communityId), eq(partyMeetings.id, meetingId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw notFound('会议');
  return row;
}

export const postsOf = (m: { seats: Partial<Record<PartyPost, number>> }) => postOrder.filter((p) => (m.seats[p] ?? 0) > 0);

export async function roundsOfMeeting(ctx: Ctx, meetingId: string): Promise<RoundRow[]> {
  return ctx.db
    .select()
    .from(partyRounds)
    .where(and(eq(partyRounds.communityId, ctx.communityId), eq(partyRounds.meetingId, meetingId)))
    .orderBy(asc(partyRounds.n));
}

export async function candidatesOfMeeting(ctx: Ctx, meetingId: string) {
  return ctx.db
    .select({
      id: partyCandidates.id,
      memberId: partyCandidates.memberId,
      name: partyMembers.name,
      post: partyCandidates.post,
      recommendations: partyCandidates.recommendations,
      reviewedAt: partyCandidates.reviewedAt,
    })
    .from(partyCandidates)
    .innerJoin(partyMembers, and(eq(partyMembers.communityId, partyCandidates.communityId), eq(partyMembers.id, partyCandidates.memberId)))
    .where(and(eq(partyCandidates.communityId, ctx.communityId), eq(partyCandidates.meetingId, meetingId)))
    .orderBy(asc(partyCandidates.createdAt));
}

async function rosterRows(ctx: Ctx): Promise<MemberRow[]> {
  return ctx.db.select().from(partyMembers).where(eq(partyMembers.communityId, ctx.communityId));
}

/**
 * Who is entitled to attend (应到会) with a vote: at the members' meeting every member with a
 * vote on its date (条例第五条); at the committee's meeting the committee the members' meeting
 * elected.
 */
export async function entitledOf(ctx: Ctx, meeting: MeetingRow): Promise<MemberRow[]> {
  const roster = await rosterRows(ctx);
  if (meeting.kind === 'members') return roster.filter((m) => hasVote(factsOf(m, meeting.date)));
  if (!meeting.electsFromMeetingId) return [];
  const from = await findMeeting(ctx, meeting.electsFromMeetingId);
  const elected = new Set((await meetingResults(ctx, from)).elected.committee?.map((e) => e.memberId) ?? []);
  return roster.filter((m) => elected.has(m.id) && hasVote(factsOf(m, meeting.date)));
}

export async function attendanceOf(ctx: Ctx, meetingId: string) {
  return ctx.db
    .select({ memberId: partyAttendance.memberId, status: partyAttendance.status })
    .from(partyAttendance)
    .where(and(eq(partyAttendance.communityId, ctx.communityId), eq(partyAttendance.meetingId, meetingId)));
}

/** The quorum as the door recorded it: entitled, present (of them), on leave, and whether more than 4/5 are present. */
export async function quorumOf(ctx: Ctx, meeting: MeetingRow) {
  const entitled = await entitledOf(ctx, meeting);
  const ids = new Set(entitled.map((m) => m.id));
  const rows = await attendanceOf(ctx, meeting.id);
  const present = rows.filter((r) => r.status === 'present' && ids.has(r.memberId)).length;
  const onLeave = rows.filter((r) => r.status === 'leave' && ids.has(r.memberId)).length;
  return {
    entitled: entitled.length,
    present,
    onLeave,
    needed: quorumNeeded(entitled.length),
    met: hasQuorum(present, entitled.length),
    entitledMembers: entitled,
    attendance: rows,
  };
}

export async function ballotsIssued(ctx: Ctx, meetingId: string, round: number) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(partyBallots)
    .where(and(eq(partyBallots.communityId, ctx.communityId), eq(partyBallots.meetingId, meetingId), eq(partyBallots.round, round)));
  return Number(row?.n ?? 0);
}

async function talliesOf(ctx: Ctx, meetingId: string): Promise<PartyTallyRow[]> {
  return ctx.db
    .select()
    .from(partyTallies)
    .where(and(eq(partyTallies.communityId, ctx.communityId), eq(partyTallies.meetingId, meetingId)))
    .orderBy(asc(partyTallies.createdAt));
}

/** The counts as one canonical string: two entries agree when their fingerprints are equal. */
export function partyFingerprint(t: { ballotsCast: number; invalidBallots: number; votes: Record<string, PartyVoteCount>; writeIns: PartyWriteIn[] }) {
  const votes = Object.keys(t.votes)
    .sort()
    .map((k) => `${k}=${t.votes[k]!.yes}/${t.votes[k]!.no}/${t.votes[k]!.abstain}`);
  return JSON.stringify([t.ballotsCast, t.invalidBallots, votes, t.writeIns.map((w) => [w.post, w.name, w.yes])]);
}

/** Written-in names merged by post and name whatever the spacing; zero rows dropped. */
export function normaliseWriteIns(writeIns: PartyWriteIn[] = []): PartyWriteIn[] {
  const merged = new Map<string, PartyWriteIn>();
  for (const w of writeIns) {
    const name = w.name.replace(/\s+/g, '');
    if (!name || w.yes === 0) continue;
    const key = `${w.post}\u001f${name}`;
    merged.set(key, { name, post: w.post, yes: (merged.get(key)?.yes ?? 0) + w.yes });
  }
  return [...merged.values()].sort((a, b) => (a.post + a.name < b.post + b.name ? -1 : 1));
}

const ruleOf = (kind: PartyRoundKind): RoundRule => (kind === 'tie' ? 'tie' : kind === 'further' ? 'further' : 'main');

export interface ContenderResult {
  candidateId: string | null;
  memberId: string | null;
  name: string;
  post: PartyPost;
  yes: number;
  no: number;
  abstain: number;
  writeIn: boolean;
}

export interface RoundResult {
  n: number;
  kind: PartyRoundKind;
  seats: Partial<Record<PartyPost, number>>;
  status: CountStatus | 'void';
  ballotsIssued: number;
  ballotsCast: number | null;
  invalidBallots: number | null;
  contenders: ContenderResult[];
  elected: ContenderResult[];
  tie: ContenderResult[];
  tieSeats: number;
  left: Partial<Record<PartyPost, number>>;
  runoff: ContenderResult[];
  entries: number;
}

/**
 * A meeting's whole count, read from its rounds, ballots, attendance and double entries; the
 * majorities are the shared module's (rules.ts `partyOutcome`). Names written in are matched by
 * exact name to a member entitled to attend; another name counts for nobody.
 */
export async function meetingResults(ctx: Ctx, meeting: MeetingRow) {
  const [rounds, tallies, q] = await Promise.all([roundsOfMeeting(ctx, meeting.id), talliesOf(ctx, meeting.id), quorumOf(ctx, meeting)]);
  const byName = new Map<string, MemberRow[]>();
  for (const m of q.entitledMembers) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const elected: Partial<Record<PartyPost, ContenderResult[]>> = {};
  const results: RoundResult[] = [];
  for (const round of rounds) {
    const issued = await ballotsIssued(ctx, meeting.id, round.n);
    const state = doubleEntry(
      tallies.filter((t) => t.round === round.n),
      (t) => t.counterMemberId,
    );
    const agreed = state.agreed;
    const contenders: ContenderResult[] = round.contenders.map((c: PartyContender) => ({
      candidateId: c.candidateId,
      memberId: c.memberId,
      name: c.name,
      post: c.post,
      yes: agreed?.votes[c.candidateId]?.yes ?? 0,
      no: agreed?.votes[c.candidateId]?.no ?? 0,
      abstain: agreed?.votes[c.candidateId]?.abstain ?? 0,
      writeIn: false,
    }));
    for (const w of agreed?.writeIns ?? []) {
      const match = byName.get(w.name);
      const member = match?.length === 1 ? match[0]! : null;
      const listed = member && contenders.find((c) => c.memberId === member.id && c.post === w.post);
      if (listed) listed.yes += w.yes;
      else contenders.push({ candidateId: null, memberId: member?.id ?? null, name: w.name, post: w.post, yes: w.yes, no: 0, abstain: 0, writeIn: true });
    }
    const voided = agreed ? voidReasonOf(issued, agreed.ballotsCast) : null;
    const result: RoundResult = {
      n: round.n,
      kind: round.kind,
      seats: round.seats,
      status: voided ? 'void' : state.status,
      ballotsIssued: issued,
      ballotsCast: agreed?.ballotsCast ?? null,
      invalidBallots: agreed?.invalidBallots ?? null,
      contenders,
      elected: [],
      tie: [],
      tieSeats: 0,
      left: {},
      runoff: [],
      entries: state.latest.length,
    };
    if (agreed && !voided) {
      for (const post of postsOf(round)) {
        const mine = contenders.filter((c) => c.post === post);
        const keyed = new Map<Contender, ContenderResult>();
        const list: Contender[] = mine
          // An unmatched write-in, or someone already elected to this post, cannot take a seat.
          .filter((c) => c.memberId && !(elected[post] ?? []).some((e) => e.memberId === c.memberId))
          .map((c) => {
            const k = { candidateId: c.candidateId ?? `member:${c.memberId}`, name: c.name, votes: c.yes };
            keyed.set(k, c);
            return k;
          });
        const out = partyOutcome(ruleOf(round.kind), {
          entitled: q.entitled,
          present: q.present,
          ballotsCast: agreed.ballotsCast,
          seats: round.seats[post] ?? 0,
          contenders: list,
        });
        const back = (xs: Contender[]) => xs.map((x) => keyed.get(x)!);
        result.elected.push(...back(out.elected));
        result.tie.push(...back(out.tie));
        result.tieSeats += out.tieSeats;
        result.runoff.push(...back(out.runoff));
        elected[post] = [...(elected[post] ?? []), ...back(out.elected)];
      }
    }
    results.push(result);
  }
  const left: Partial<Record<PartyPost, number>> = {};
  for (const post of postsOf(meeting)) left[post] = Math.max(0, (meeting.seats[post] ?? 0) - (elected[post]?.length ?? 0));
  const last = results.at(-1);
  if (last) last.left = left;
  const complete = postsOf(meeting).every((p) => left[p] === 0);
  return {
    entitled: q.entitled,
    present: q.present,
    onLeave: q.onLeave,
    quorum: { needed: q.needed, met: q.met },
    rounds: results,
    elected: Object.fromEntries(
      Object.entries(elected).map(([post, list]) => [post, list!.map((e) => ({ memberId: e.memberId!, name: e.name, yes: e.yes }))]),
    ) as Partial<Record<PartyPost, { memberId: string; name: string; yes: number }[]>>,
    left,
    complete,
  };
}
