import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { communities, electionPublications } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { publicOrigin } from '../_platform/env.js';
import { AppError, notFound } from '../_platform/errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { joinWithoutRepeat } from '../_shared/title.js';
import { recordAnchor } from '../audit/anchors.js';
import { auditHeadOf } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { nearRelativePairs } from '../residents/near-relatives.js';
import { relationFacts } from '../residents/relations.js';
import { isCommittee, lockElection, officialRoleOf, residentsByIds } from './access.js';
import { turnout } from './ballots.js';
import { candidatesOf } from './candidates.js';
import type { Contender, SeatOutcome } from './majority.js';
import { deliverNow, findPublication, noticeView, publishElectionNotice } from './publish.js';
import { countRound, isRoundClosed, type ListedCandidate, type RoundDef, type RoundResult, residentOfContender, roundEntries, roundsOf } from './rounds.js';
import { type TallyRow, tallyState } from './tally.js';
import { resultNotes } from './women-and-relatives.js';

type Election = Awaited<ReturnType<typeof requireElection>>;

type Elected = Contender & { seat: SeatKey; round: number };

/** What the committee is to do next, in the words of its desk. */
export interface NextStep {
  kind: 'match' | 'further' | 'tie' | 'repeat' | 'rerun';
  seat: SeatKey | null;
  text: string;
}

const seatLabel = (seat: SeatKey | null) => (seat ? seatNamesZh[seat] : '全部职位');

/**
 * The results as the count stands: every round counted from its agreed entry by the majorities
 * of majority.ts, each seat's elected gathered across rounds, and what is left to do. Before
 * publication only; afterwards the stored result is read instead (`getResults`).
 */
async function computeResults(ctx: Ctx, election: Election) {
  const [t, candidates, defs] = await Promise.all([turnout(ctx, election.id), candidatesOf(ctx, election.id), roundsOf(ctx, election)]);
  const rounds: RoundResult[] = [];
  for (const def of defs) rounds.push(await countRound(ctx, election.id, def, { registered: t.registered, candidates }));
  const latest = rounds.at(-1)!;
  const seats: Partial<Record<SeatKey, SeatOutcome>> = {};
  const elected: Elected[] = [];
  for (const seat of seatKeys) if (election.seats[seat] > 0) seats[seat] = { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 };
  for (const r of rounds) {
    if (r.status !== 'final' || !r.valid) continue;
    for (const seat of seatKeys) {
      const o = r.outcome[seat];
      if (!o) continue;
      const s = seats[seat]!;
      s.elected.push(...o.elected);
      elected.push(...o.elected.map((c) => ({ ...c, seat, round: r.n })));
      Object.assign(s, { tie: o.tie, tieSeats: o.tieSeats, runoff: o.runoff, runoffSeats: o.runoffSeats });
    }
  }
  const next: NextStep[] = [];
  if (latest.status === 'matching') {
    next.push({ kind: 'match', seat: latest.seat, text: `第${latest.n}轮有另选人还没有核对：请把每位另选人对应到选民名单上的人，或记为不符合条件。` });
  } else if (latest.status === 'void') {
    next.push({
      kind: 'repeat',
      seat: latest.seat,
      text: `第${latest.n}轮收回选票${latest.ballotsCast}张，多于发出的${latest.ballotsIssued}张，这一轮投票无效，须重新投票。`,
    });
  } else if (latest.status === 'final' && latest.valid === false) {
    next.push({
      kind: 'rerun',
      seat: latest.seat,
      text: `第${latest.n}轮参加投票的选民未超过选民总数的一半，这一轮选举无效，须重新组织投票。`,
    });
  } else if (latest.status === 'final') {
    for (const seat of seatKeys) {
      const s = seats[seat];
      if (s?.tieSeats)
        next.push({
          kind: 'tie',
          seat,
          text: `${seatNamesZh[seat]}：${s.tie.map((c) => c.name).join('、')}票数相等，须就这${s.tie.length}人再次投票，选出${s.tieSeats}名。`,
        });
      else if (s?.runoffSeats)
        next.push({
          kind: 'further',
          seat,
          text: `${seatNamesZh[seat]}还差${s.runoffSeats}名：须另行选举，候选人为${s.runoff.map((c) => c.name).join('、')}。`,
        });
    }
  }
  const main = [...rounds].reverse().find((r) => r.kind === 'main' || (r.kind === 'repeat' && r.seat === null));
  const status: 'counting' | 'mismatch' | 'final' = latest.status === 'final' ? 'final' : latest.status === 'mismatch' ? 'mismatch' : 'counting';
  const notes = await lawNotes(ctx, election, { elected, candidates, defs, rounds, complete: status === 'final' && next.length === 0 });
  return {
    candidates,
    rounds,
    elected,
    body: {
      status,
      registered: t.registered,
      // The election's own figures are the main vote's (or its repeat's); each round has its own.
      ballotsIssued: main?.ballotsIssued ?? latest.ballotsIssued,
      ballotsCast: main?.ballotsCast ?? null,
      invalidBallots: main?.invalidBallots ?? null,
      valid: main?.valid ?? null,
      seats,
      rounds: rounds.map(roundView),
      openRound: isRoundClosed(latest) ? null : latest.n,
      next,
      notes,
    },
  };
}

/**
 * What the law says of who was elected (《甘肃省居民委员会选举办法》第五条): no woman among them once
 * every seat is settled (where the rulebook wants a woman member), and near relatives elected
 * together, flagged for 回避. Said on the board and on the notice; nothing is refused by it.
 */
async function lawNotes(
  ctx: Ctx,
  election: Election,
  at: { elected: Elected[]; candidates: ListedCandidate[]; defs: RoundDef[]; rounds: RoundResult[]; complete: boolean },
) {
  const writeIns = at.rounds.flatMap((r) => r.writeIns);
  const ids = [
    ...new Set(at.elected.map((c) => residentOfContender(c.candidateId!, at.candidates, at.defs, writeIns)).filter((id): id is string => id !== null)),
  ];
  if (ids.length === 0) return [];
  const [people, facts] = await Promise.all([residentsByIds(ctx, ids), relationFacts(ctx, ids)]);
  const elected = ids.map((id) => ({ residentId: id, name: people.get(id)?.name ?? '', sex: people.get(id)?.sex }));
  return resultNotes(elected, nearRelativePairs(ids, facts), election.rulebook, at.complete);
}

/** A round as the results board and the published record show it. */
function roundView(r: RoundResult) {
  const perSeat = <T>(f: (seat: SeatKey, o: SeatOutcome) => T[]) => seatKeys.flatMap((seat) => (r.outcome[seat] ? f(seat, r.outcome[seat]!) : []));
  return {
    n: r.n,
    kind: r.kind,
    seat: r.seat,
    seats: r.seats,
    status: r.status,
    ...(r.void ? { void: r.void } : {}),
    valid: r.valid,
    ballotsIssued: r.ballotsIssued,
    ballotsCast: r.ballotsCast,
    invalidBallots: r.invalidBallots,
    contenders: r.contenders,
    ballot: r.ballot,
    elected: perSeat((seat, o) => o.elected.map((c) => ({ ...c, seat }))),
    tie: perSeat((seat, o) => o.tie.map((c) => ({ ...c, seat, seats: o.tieSeats }))),
    left: perSeat((seat, o) => (o.runoffSeats ? [{ seat, seats: o.runoffSeats, field: o.runoff }] : [])),
    writeIns: r.writeIns.map((w) => ({ id: w.id, name: w.name, seat: w.seat, votes: w.votes, residentId: w.residentId, notEligible: w.notEligible })),
  };
}

/** The result as published: what was computed at that moment, kept as it was shown. */
interface PublishedResult {
  electionDay: string;
  seatCounts: Election['seats'];
  body: Awaited<ReturnType<typeof computeResults>>['body'];
  candidates: { id: string; name: string; seat: SeatKey; groupName: string }[];
  certificates: CertificateRecord[];
  anchor: { seq: number; code: string };
}

interface CertificateRecord {
  candidateId: string;
  residentId: string | null;
  name: string;
  seat: SeatKey;
  votes: number;
  round: number;
  ballotsCast: number | null;
  certificateNo: string;
}

/**
 * The results board: everyone sees the status and, once final, the outcome (the count is
 * public). The committee and the day's officials also see each counter's latest entry side by
 * side. Once published, the board shows the stored result, never a recount: later changes
 * anywhere cannot alter what was announced.
 */
export async function getResults({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const published = await findPublication(ctx, election.id, 'results');
  const insider = isCommittee(ctx) || !!(await officialRoleOf(ctx, election.id));
  if (published) {
    const stored = published.snapshot as PublishedResult;
    const entries = insider ? await entriesView(ctx, tallyState(await roundEntries(ctx, election.id, stored.body.rounds.at(-1)?.n ?? 1)).latest) : undefined;
    return {
      electionId: election.id,
      title: election.title,
      electionDay: stored.electionDay ?? election.electionDay,
      seatCounts: stored.seatCounts ?? election.seats,
      ...stored.body,
      candidates: stored.candidates,
      ...(entries ? { entries } : {}),
      published: noticeView(published),
      auditHead: { seq: published.auditSeq, hash: published.auditHash },
      anchor: stored.anchor,
    };
  }
  const { candidates, body, rounds } = await computeResults(ctx, election);
  const latest = rounds.at(-1)!;
  const entries = insider ? await entriesView(ctx, tallyState(await roundEntries(ctx, election.id, latest.n)).latest) : undefined;
  return {
    electionId: election.id,
    title: election.title,
    electionDay: election.electionDay,
    seatCounts: election.seats,
    ...body,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, seat: c.seat, groupName: c.groupName })),
    ...(entries ? { entries } : {}),
    published: null,
    auditHead: await auditHeadOf(ctx),
  };
}

/** Each counter's latest entry, by name: for the committee and the election's officials only. */
async function entriesView(ctx: AuthedCtx, latest: TallyRow[]) {
  const counters = await residentsByIds(
    ctx,
    latest.map((e) => e.counterResidentId),
  );
  return latest.map((e) => ({
    id: e.id,
    counterResidentId: e.counterResidentId,
    counterName: counters.get(e.counterResidentId)?.name ?? '',
    round: e.round,
    ballotsCast: e.ballotsCast,
    invalidBallots: e.invalidBallots,
    votes: e.votes,
    writeIns: e.writeIns,
    at: e.createdAt.toISOString(),
  }));
}

/** Why the count cannot be published yet, in the committee's words; null when it can. */
function notPublishable(body: Awaited<ReturnType<typeof computeResults>>['body']): string | null {
  const latest = body.rounds.at(-1)!;
  if (latest.status === 'mismatch') return `第${latest.n}轮两位计票员的结果不一致，核对一致后才能公布。`;
  if (latest.status === 'counting') return `第${latest.n}轮计票还没有确认（需要两位计票员录入一致），暂不能公布。`;
  if (latest.status === 'matching') return `第${latest.n}轮有另选人还没有核对，核对后才能公布。`;
  if (latest.status === 'void') return `第${latest.n}轮收回的选票多于发出的，这一轮无效，须重新投票后才能公布。`;
  return null;
}

/** The notice's lines: every round's figures and outcome, then what is left. */
function resultLines(body: Awaited<ReturnType<typeof computeResults>>['body']) {
  const lines: string[] = [];
  for (const r of body.rounds) {
    const head = r.n === 1 ? '' : `第${r.n}轮（${roundKindNames[r.kind]}，${seatLabel(r.seat)}）：`;
    if (r.status === 'void') {
      lines.push(`${head}发出选票${r.ballotsIssued}张，收回${r.ballotsCast}张，收回多于发出，该轮投票无效。`);
      continue;
    }
    lines.push(`${head}应到选民${body.registered}人，发出选票${r.ballotsIssued}张，收回${r.ballotsCast}张，其中废票${r.invalidBallots}张。`);
    if (r.n === 1 || r.seat === null) lines.push(r.valid ? '参加投票的选民超过半数，选举有效。' : '参加投票的选民未超过半数，选举无效，须重新组织投票。');
    for (const seat of seatKeys) {
      if (!r.seats[seat]) continue;
      const won = r.elected.filter((c) => c.seat === seat);
      const parts = [`${seatNamesZh[seat]}：${won.length ? won.map((c) => `${c.name}（${c.votes}票）`).join('、') : '无人当选'}`];
      const tie = r.tie.filter((c) => c.seat === seat);
      if (tie.length) parts.push(`票数相等需再次投票：${tie.map((c) => c.name).join('、')}（${tie[0]!.seats}名）`);
      const left = r.left.find((l) => l.seat === seat);
      if (left) parts.push(`另行选举${left.seats}名，候选人：${left.field.map((c) => c.name).join('、')}`);
      lines.push(parts.join('；'));
    }
  }
  // Results published before the law's notes existed have none.
  return [...lines, ...(body.notes ?? [])];
}

export const roundKindNames = { main: '正式选举', further: '另行选举', tie: '票数相等再次投票', repeat: '重新投票' } as const;

/**
 * Publishes the results as a `results` notice (founding plan: announced on the spot, posted the
 * same day) and stores the whole result with it: every round, the figures, the elected, each
 * certificate's data and the audit head. The board and the certificates read this record from
 * then on; nothing recomputes them.
 */
export async function publishResults({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const notice = await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    if (await findPublication(tx, election.id, 'results')) throw new AppError('CONFLICT', '选举结果已经公布过了。');
    const { body, candidates, elected, rounds } = await computeResults(tx, election);
    const refusal = notPublishable(body);
    if (refusal) throw new AppError('CONFLICT', refusal);
    const defs = await roundsOf(tx, election);
    const writeIns = rounds.flatMap((r) => r.writeIns);
    const certificates: CertificateRecord[] = elected.map((c) => {
      const round = rounds.find((r) => r.n === c.round)!;
      return {
        candidateId: c.candidateId!,
        residentId: residentOfContender(c.candidateId!, candidates, defs, writeIns),
        name: c.name,
        seat: c.seat,
        votes: c.votes,
        round: c.round,
        ballotsCast: round.ballotsCast,
        certificateNo: createHash('sha256').update(`${election.id}|${c.candidateId}|${round.fingerprint}`).digest('hex').slice(0, 12).toUpperCase(),
      };
    });
    const title = joinWithoutRepeat(election.title, '选举结果公告');
    const stored = {
      electionDay: election.electionDay,
      seatCounts: election.seats,
      body,
      candidates: candidates.map((c) => ({ id: c.id, name: c.name, seat: c.seat, groupName: c.groupName })),
      certificates,
    };
    const notice = await publishElectionNotice(tx, { electionId: election.id, kind: 'results', title, body: resultLines(body).join('\n'), snapshot: stored });
    // The poster and every certificate carry the head stored with the publication.
    const head = { seq: notice.auditHead.seq, hash: notice.auditHead.hash };
    const anchor = await recordAnchor(tx, { what: 'results_poster', subject: election.id, label: title, electionId: election.id, head });
    for (const c of certificates) {
      await recordAnchor(tx, { what: 'certificate', subject: `${election.id}:${c.candidateId}`, label: `当选证书 ${c.name}`, electionId: election.id, head });
    }
    await storeAnchor(tx, election.id, anchor);
    return { ...notice, anchor, onTime: chinaDate(tx.now) <= election.electionDay };
  });
  deliverNow(ctx);
  return notice;
}

/** Adds the poster's anchor to the stored result (it is known only once the publication row exists). */
async function storeAnchor(ctx: Ctx, electionId: string, anchor: { seq: number; code: string }) {
  const row = await findPublication(ctx, electionId, 'results');
  await ctx.db
    .update(electionPublications)
    .set({ snapshot: { ...(row!.snapshot as object), anchor } })
    .where(and(eq(electionPublications.communityId, ctx.communityId), eq(electionPublications.id, row!.id)));
}

const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The township that issues certificates: the community's region without its province. */
const issuerOf = (region: string) => `${region.replace(/^.*?(省|自治区)/, '')}人民政府`;

/**
 * What the printable 当选证书 shows, for a member elected in any round (a matched write-in
 * too), read from the published result: only after publication, and the same on every read.
 * Its QR code opens the verification page at the configured public address.
 */
export async function certificate({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; candidateId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const published = await findPublication(ctx, election.id, 'results');
  if (!published) throw notFound('当选证书');
  const stored = published.snapshot as PublishedResult;
  const winner = stored.certificates.find((c) => c.candidateId === input.candidateId);
  if (!winner) throw notFound('当选证书');
  const [community] = await ctx.db.select({ name: communities.name, region: communities.region }).from(communities).where(eq(communities.id, ctx.communityId));
  const verifyUrl = `${publicOrigin(ctx.services.settings)}/#/election-day/verify/index?e=${election.id}&c=${input.candidateId}`;
  // The title is fixed with the results (ELECTION_LOCKED), so it reads as it was published.
  const electionTitle = election.title;
  return {
    certificateNo: winner.certificateNo,
    candidateId: winner.candidateId,
    name: winner.name,
    seat: winner.seat,
    seatName: seatNamesZh[winner.seat],
    votes: winner.votes,
    round: winner.round,
    ballotsCast: winner.ballotsCast,
    electionId: election.id,
    electionTitle,
    electionDay: stored.electionDay,
    communityName: community?.name ?? '',
    issuer: issuerOf(community?.region ?? ''),
    text: `${winner.name}同志在${chineseDate(stored.electionDay)}举行的${joinWithoutRepeat(community?.name ?? '', electionTitle)}中，当选为${community?.name ?? ''}居民委员会${seatNamesZh[winner.seat]}。`,
    resultsPublishedAt: published.publishedAt.toISOString(),
    auditHead: { seq: published.auditSeq, hash: published.auditHash },
    anchor: stored.anchor,
    verifyUrl,
    qrImage: await (await import('qrcode')).default.toDataURL(verifyUrl, { width: 200, margin: 1 }),
  };
}
