import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { communities } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { type SeatKey, seatKeys } from '../elections/rules.js';
import { auditHead, isCommittee, lockElection, officialRoleOf, residentsByIds, seatNamesZh } from './access.js';
import { turnout } from './ballots.js';
import { candidatesOf } from './candidates.js';
import { type Contender, firstRound, isTurnoutValid, type SeatOutcome } from './majority.js';
import { deliverNow, findPublication, noticeView, publishElectionNotice } from './publish.js';
import { type TallyRow, tallyEntries, tallyState } from './tally.js';

type Election = Awaited<ReturnType<typeof requireElection>>;

/** The results as the count stands, computed from the agreed entry by the majorities of majority.ts. */
async function computeResults(ctx: Ctx, election: Election) {
  const [t, candidates, entries] = await Promise.all([turnout(ctx, election.id), candidatesOf(ctx, election.id), tallyEntries(ctx, election.id)]);
  const state = tallyState(entries);
  const agreed = state.agreed;
  const seats: Partial<Record<SeatKey, SeatOutcome>> = {};
  for (const seat of seatKeys) {
    if (!(election.seats[seat] > 0)) continue;
    const contenders: Contender[] = agreed
      ? [
          ...candidates.filter((c) => c.seat === seat).map((c) => ({ candidateId: c.id, name: c.name, votes: agreed.votes[c.id] ?? 0 })),
          ...agreed.writeIns.filter((w) => w.seat === seat).map((w) => ({ candidateId: null, name: w.name, votes: w.votes })),
        ]
      : [];
    seats[seat] = agreed
      ? firstRound({ registered: t.registered, ballotsCast: agreed.ballotsCast, seats: election.seats[seat], contenders })
      : { elected: [], tie: [], tieSeats: 0, runoff: [], runoffSeats: 0 };
  }
  return {
    state,
    candidates,
    body: {
      status: state.status,
      registered: t.registered,
      ballotsIssued: t.ballotsIssued,
      ballotsCast: agreed?.ballotsCast ?? null,
      invalidBallots: agreed?.invalidBallots ?? null,
      valid: agreed ? isTurnoutValid(t.registered, agreed.ballotsCast) : null,
      seats,
    },
  };
}

/**
 * The results board: everyone sees the status and, once final, the outcome (the count is
 * public). The committee and the day's officials also see each counter's latest entry side by
 * side. The audit chain's head is shown, and the head stored when the results were published.
 */
export async function getResults({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const { state, candidates, body } = await computeResults(ctx, election);
  const published = await findPublication(ctx, election.id, 'results');
  const insider = isCommittee(ctx) || !!(await officialRoleOf(ctx, election.id));
  const entries = insider ? await entriesView(ctx, state.latest) : undefined;
  return {
    electionId: election.id,
    title: election.title,
    electionDay: election.electionDay,
    seatCounts: election.seats,
    ...body,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, seat: c.seat, groupName: c.groupName })),
    ...(entries ? { entries } : {}),
    published: published ? noticeView(published) : null,
    auditHead: await auditHead(ctx),
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
    ballotsCast: e.ballotsCast,
    invalidBallots: e.invalidBallots,
    votes: e.votes,
    writeIns: e.writeIns,
    at: e.createdAt.toISOString(),
  }));
}

/** Publishes the final results as a `results` notice (founding plan: announced on the spot, posted the same day). */
export async function publishResults({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const notice = await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    const { body } = await computeResults(tx, election);
    if (body.status !== 'final') {
      throw new AppError(
        'CONFLICT',
        body.status === 'mismatch' ? '两位计票员的结果不一致，核对一致后才能公布。' : '计票还没有确认（需要两位计票员录入一致），暂不能公布。',
      );
    }
    const lines = [
      `应到选民${body.registered}人，发出选票${body.ballotsIssued}张，收回${body.ballotsCast}张，其中废票${body.invalidBallots}张。`,
      body.valid ? '参加投票的选民超过半数，选举有效。' : '参加投票的选民未超过半数，选举无效，须重新组织投票。',
      ...seatKeys
        .filter((seat) => body.seats[seat])
        .map((seat) => {
          const o = body.seats[seat]!;
          const parts = [`${seatNamesZh[seat]}：${o.elected.length ? o.elected.map((c) => `${c.name}（${c.votes}票）`).join('、') : '无人当选'}`];
          if (o.tie.length) parts.push(`票数相等需再次投票：${o.tie.map((c) => c.name).join('、')}（${o.tieSeats}名）`);
          if (o.runoffSeats) parts.push(`另行选举${o.runoffSeats}名，候选人：${o.runoff.map((c) => c.name).join('、')}`);
          return parts.join('；');
        }),
    ];
    const notice = await publishElectionNotice(tx, {
      electionId: election.id,
      kind: 'results',
      title: `${election.title}选举结果公告`,
      body: lines.join('\n'),
      snapshot: body,
    });
    return { ...notice, onTime: chinaDate(tx.now) <= election.electionDay };
  });
  deliverNow(ctx);
  return notice;
}

const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The township that issues certificates: the community's region without its province. */
const issuerOf = (region: string) => `${region.replace(/^.*?(省|自治区)/, '')}人民政府`;

/**
 * What the printable 当选证书 shows, for an elected candidate of a final count; its QR code
 * opens the verification page, which reads this same record.
 */
export async function certificate({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; candidateId: string; origin: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const { state, body } = await computeResults(ctx, election);
  if (state.status !== 'final' || !state.agreed) throw notFound('当选证书');
  const seat = seatKeys.find((s) => body.seats[s]?.elected.some((c) => c.candidateId === input.candidateId));
  if (!seat) throw notFound('当选证书');
  const winner = body.seats[seat]!.elected.find((c) => c.candidateId === input.candidateId)!;
  const [community] = await ctx.db.select({ name: communities.name, region: communities.region }).from(communities).where(eq(communities.id, ctx.communityId));
  const certificateNo = createHash('sha256').update(`${election.id}|${input.candidateId}|${state.agreed.fingerprint}`).digest('hex').slice(0, 12).toUpperCase();
  const verifyUrl = `${input.origin}/#/election-day/verify/index?e=${election.id}&c=${input.candidateId}`;
  const published = await findPublication(ctx, election.id, 'results');
  return {
    certificateNo,
    candidateId: input.candidateId,
    name: winner.name,
    seat,
    seatName: seatNamesZh[seat],
    votes: winner.votes,
    ballotsCast: body.ballotsCast,
    electionId: election.id,
    electionTitle: election.title,
    electionDay: election.electionDay,
    communityName: community?.name ?? '',
    issuer: issuerOf(community?.region ?? ''),
    text: `${winner.name}同志在${chineseDate(election.electionDay)}举行的${community?.name ?? ''}${election.title}中，当选为${community?.name ?? ''}居民委员会${seatNamesZh[seat]}。`,
    resultsPublishedAt: published?.publishedAt.toISOString() ?? null,
    auditHead: published ? { seq: published.auditSeq, hash: published.auditHash } : await auditHead(ctx),
    verifyUrl,
    qrImage: await (await import('qrcode')).default.toDataURL(verifyUrl, { width: 200, margin: 1 }),
  };
}
