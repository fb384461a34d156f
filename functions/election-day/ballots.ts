import { and, asc, count, eq, gt, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { electionBallots, electionVoters, households, proxyApplications, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { containing } from '../_platform/like.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { chinaClock, chinaDate } from '../_shared/china-time.js';
import { appendAudit } from '../audit/chain.js';
import { requireElection } from '../elections/elections.js';
import { electionStage } from '../elections/locks.js';
import { registeredVoterIds } from '../elections/voters.js';
import { findResidentOfAccount } from '../residents/residents.js';
import { isCommittee, lockElection, officialRoleOf, requireCommitteeOrOfficial, residentsByIds } from './access.js';
import { ballotHolders, holderCondition, holderCount, modeOf, notAHolder } from './ballot-holders.js';
import { currentRound, requireOpenRound } from './round-verbs.js';

/** Ballots issued so far in a round (the current one by default) against the voter list: live on the desk and the results board. */
export async function turnout(ctx: Ctx, electionId: string, inRound?: number) {
  const [round, mode] = await Promise.all([inRound ?? currentRound(ctx, electionId), modeOf(ctx, electionId)]);
  // The base is who may take a ballot in the election's mode (all voters, household members named, representatives).
  const [registered, byWay] = await Promise.all([
    holderCount(ctx, electionId, mode),
    ctx.db
      .select({ byProxy: ne(electionBallots.voterResidentId, electionBallots.handedToResidentId), n: count() })
      .from(electionBallots)
      .where(and(eq(electionBallots.communityId, ctx.communityId), eq(electionBallots.electionId, electionId), eq(electionBallots.round, round)))
      .groupBy(ne(electionBallots.voterResidentId, electionBallots.handedToResidentId)),
  ]);
  const byProxy = byWay.find((r) => r.byProxy)?.n ?? 0;
  const inPerson = byWay.find((r) => !r.byProxy)?.n ?? 0;
  return { round, registered, ballotsIssued: byProxy + inPerson, inPerson, byProxy };
}

export async function getTurnout({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  return turnout(ctx, election.id);
}

async function ballotOf(ctx: Ctx, electionId: string, round: number, voterResidentId: string) {
  const [row] = await ctx.db
    .select()
    .from(electionBallots)
    .where(
      and(
        eq(electionBallots.communityId, ctx.communityId),
        eq(electionBallots.electionId, electionId),
        eq(electionBallots.round, round),
        eq(electionBallots.voterResidentId, voterResidentId),
      ),
    );
  return row ?? null;
}

/**
 * Hands out one ballot of a round (the open one by default): to the voter `residentId` in
 * person, or to them as the approved proxy of the absent voter `onBehalfOfResidentId`. The
 * unique key on the round and the voter whose ballot it is makes "one ballot per voter per
 * round, whichever way" hold under any number of desks: the second insert does nothing and is
 * answered ALREADY_ISSUED. A round whose count is agreed takes no more ballots.
 */
/**
 * The ballot desk opens only after the steps the law puts before it: the voter list on the wall
 * and the candidate list published, each some days before election day (law.ts,
 * `voterListNoticeDays` and `candidateNoticeDays`, with their sources). `STEP_NOT_DONE` names the
 * first one missing.
 */
async function refuseStepsNotDone(ctx: Ctx, electionId: string) {
  const stage = await electionStage(ctx, electionId);
  if (stage.firstBallotAt) return;
  if (!stage.voterListNoticeAt) {
    throw new AppError('STEP_NOT_DONE', '选民名单还没有公告，不能发放选票。请先在“选举工作”里公告选民名单。');
  }
  if (!stage.candidatesPublishedAt) {
    throw new AppError('STEP_NOT_DONE', '候选人名单还没有公布，不能发放选票。请先在“选举工作”里公布候选人名单。');
  }
}

export async function issueBallot({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; residentId: string; onBehalfOfResidentId?: string; round?: number };
}) {
  const election = await requireElection(ctx, input.electionId);
  await requireCommitteeOrOfficial(ctx, election.id, ['clerk']);
  if (chinaDate(ctx.now) !== election.electionDay) {
    throw new AppError('NOT_ELECTION_DAY', `选票只在选举日（${election.electionDay}）当天发放。`);
  }
  const holderId = input.residentId;
  const voterId = input.onBehalfOfResidentId ?? input.residentId;
  if (voterId === holderId && input.onBehalfOfResidentId) {
    throw new AppError('VALIDATION_FAILED', '委托人和受托人不能是同一人。', { errors: [{ path: 'body.onBehalfOfResidentId', message: '不能委托自己' }] });
  }
  return withTransaction(ctx, async (tx) => {
    await lockElection(tx, election.id);
    await refuseStepsNotDone(tx, election.id);
    const round = await requireOpenRound(tx, election.id, input.round, '发放选票');
    const people = await residentsByIds(tx, [holderId, voterId]);
    const holder = people.get(holderId);
    const voter = people.get(voterId);
    if (!holder || !voter) throw notFound('居民');
    const [listed, holders] = await Promise.all([
      registeredVoterIds(tx, election.id, [holderId, voterId]),
      ballotHolders(tx, election.id, election.mode, [voterId]),
    ]);
    if (!listed.has(holderId)) throw new AppError('NOT_A_VOTER', `${holder.name}不在本次选举的选民名单上，不能领取选票。`);
    if (!listed.has(voterId)) throw new AppError('NOT_A_VOTER', `${voter.name}不在本次选举的选民名单上，没有选票可以代领。`);
    // By households or by representatives, only the household's named member or a confirmed representative has a ballot.
    if (!holders.has(voterId)) throw new AppError('NOT_A_VOTER', notAHolder(election.mode, voter.name));
    let proxyApplicationId: string | null = null;
    if (voterId !== holderId) {
      const [entrustment] = await tx.db
        .select({ id: proxyApplications.id })
        .from(proxyApplications)
        .where(
          and(
            eq(proxyApplications.communityId, tx.communityId),
            eq(proxyApplications.electionId, election.id),
            eq(proxyApplications.applicantResidentId, voterId),
            eq(proxyApplications.proxyResidentId, holderId),
            eq(proxyApplications.status, 'approved'),
          ),
        );
      if (!entrustment) throw new AppError('PROXY_NOT_APPROVED', `${voter.name}没有经选举委员会批准委托${holder.name}投票，不能代领选票。`);
      proxyApplicationId = entrustment.id;
    }
    const [row] = await tx.db
      .insert(electionBallots)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        voterResidentId: voterId,
        handedToResidentId: holderId,
        proxyApplicationId,
        issuedByAccountId: tx.actor.accountId,
        issuedAt: tx.now,
        round,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const earlier = await ballotOf(tx, election.id, round, voterId);
      const way =
        earlier && earlier.handedToResidentId !== voterId
          ? `已于${chinaClock(earlier.issuedAt)}由受托人${(await residentsByIds(tx, [earlier.handedToResidentId])).get(earlier.handedToResidentId)?.name ?? ''}代领`
          : `已于${earlier ? chinaClock(earlier.issuedAt) : ''}本人领取`;
      throw new AppError('ALREADY_ISSUED', `${voter.name}${round > 1 ? `第${round}轮` : ''}的选票${way}，不能再发。`);
    }
    await appendAudit(tx, {
      action: 'ballot.issued',
      subject: `resident:${voterId}`,
      electionId: election.id,
      payload: { ballotId: row.id, round, voterResidentId: voterId, handedToResidentId: holderId, proxyApplicationId },
    });
    return {
      id: row.id,
      round,
      voterResidentId: voterId,
      voterName: voter.name,
      handedToResidentId: holderId,
      handedToName: holder.name,
      byProxy: voterId !== holderId,
      issuedAt: row.issuedAt.toISOString(),
      turnout: await turnout(tx, election.id, round),
    };
  });
}

function ballotView(b: typeof electionBallots.$inferSelect | null | undefined, names: Map<string, { name: string }>) {
  if (!b) return null;
  return {
    issuedAt: b.issuedAt.toISOString(),
    handedToResidentId: b.handedToResidentId,
    handedToName: names.get(b.handedToResidentId)?.name ?? '',
    byProxy: b.handedToResidentId !== b.voterResidentId,
  };
}

/**
 * A voter's record at the desk (what scanning their voter card opens): on the list or not, their
 * own ballot, whom they entrusted, and the approved entrustments they hold, each with its ballot,
 * so the clerk hands them out one by one.
 */
export async function deskRecord({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; residentId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  await requireCommitteeOrOfficial(ctx, election.id, ['clerk', 'monitor', 'counter']);
  const [self] = [(await residentsByIds(ctx, [input.residentId])).get(input.residentId)];
  if (!self) throw notFound('居民');
  const approved = await ctx.db
    .select({ id: proxyApplications.id, applicant: proxyApplications.applicantResidentId, proxy: proxyApplications.proxyResidentId })
    .from(proxyApplications)
    .where(
      and(
        eq(proxyApplications.communityId, ctx.communityId),
        eq(proxyApplications.electionId, election.id),
        eq(proxyApplications.status, 'approved'),
        or(eq(proxyApplications.proxyResidentId, self.id), eq(proxyApplications.applicantResidentId, self.id)),
      ),
    );
  const held = approved.filter((a) => a.proxy === self.id);
  const gave = approved.find((a) => a.applicant === self.id);
  const voterIds = [self.id, ...held.map((h) => h.applicant)];
  const round = await currentRound(ctx, election.id);
  const [registered, ballots] = await Promise.all([
    registeredVoterIds(ctx, election.id, voterIds),
    ctx.db
      .select()
      .from(electionBallots)
      .where(
        and(
          eq(electionBallots.communityId, ctx.communityId),
          eq(electionBallots.electionId, election.id),
          eq(electionBallots.round, round),
          inArray(electionBallots.voterResidentId, voterIds),
        ),
      ),
  ]);
  const people = await residentsByIds(ctx, [...voterIds, ...ballots.map((b) => b.handedToResidentId), ...(gave ? [gave.proxy] : [])]);
  const ballotFor = (id: string) =>
    ballotView(
      ballots.find((b) => b.voterResidentId === id),
      people,
    );
  return {
    electionId: election.id,
    electionDay: election.electionDay,
    isElectionDay: chinaDate(ctx.now) === election.electionDay,
    voter: { residentId: self.id, name: self.name, groupName: self.groupName, registered: registered.has(self.id) },
    ballot: ballotFor(self.id),
    entrustedTo: gave ? { residentId: gave.proxy, name: people.get(gave.proxy)?.name ?? '' } : null,
    entrustments: held.map((h) => ({
      applicantResidentId: h.applicant,
      name: people.get(h.applicant)?.name ?? '',
      groupName: people.get(h.applicant)?.groupName ?? '',
      registered: registered.has(h.applicant),
      ballot: ballotFor(h.applicant),
    })),
    round,
    turnout: await turnout(ctx, election.id, round),
  };
}

/** The desk finds a voter by name (part of it) or group, with whether their ballot is out. */
export async function deskSearch({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; q?: string; groupId?: string; limit: number; cursor?: string };
}) {
  const election = await requireElection(ctx, input.electionId);
  await requireCommitteeOrOfficial(ctx, election.id, ['clerk', 'monitor', 'counter']);
  const after = decodeCursor(input.cursor);
  const round = await currentRound(ctx, election.id);
  const rows = await ctx.db
    .select({
      id: electionVoters.id,
      residentId: electionVoters.residentId,
      name: residents.name,
      groupName: residentGroups.name,
      issuedAt: electionBallots.issuedAt,
      handedTo: electionBallots.handedToResidentId,
    })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(
      electionBallots,
      and(
        eq(electionBallots.communityId, electionVoters.communityId),
        eq(electionBallots.electionId, electionVoters.electionId),
        eq(electionBallots.voterResidentId, electionVoters.residentId),
        eq(electionBallots.round, round),
      ),
    )
    .where(
      and(
        holderCondition(ctx, election.id, election.mode),
        input.q ? ilike(residents.name, containing(input.q)) : undefined,
        input.groupId ? eq(residents.groupId, input.groupId) : undefined,
        after ? gt(electionVoters.id, after) : undefined,
      ),
    )
    .orderBy(asc(electionVoters.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (r) => ({
    residentId: r.residentId,
    name: r.name,
    groupName: r.groupName,
    issued: r.issuedAt !== null,
    byProxy: r.handedTo !== null && r.handedTo !== r.residentId,
  }));
}

/** Where the desk opens a voter's record: the H5 page the card's QR code points to. */
export const deskPath = (electionId: string, residentId: string) => `/election-day/desk/index?e=${electionId}&r=${residentId}`;

async function cardOf(election: { id: string; title: string; electionDay: string }, person: { id: string; name: string; groupName: string }, origin: string) {
  const url = `${origin}/#${deskPath(election.id, person.id)}`;
  // Loaded when a card is printed, not when the election-day routes load.
  const { default: QRCode } = await import('qrcode');
  const qrImage = await QRCode.toDataURL(url, { width: 240, margin: 1, errorCorrectionLevel: 'M' });
  return {
    electionId: election.id,
    electionTitle: election.title,
    electionDay: election.electionDay,
    residentId: person.id,
    name: person.name,
    groupName: person.groupName,
    deskUrl: url,
    qrImage,
  };
}

/**
 * A voter card (选民证) with a QR code that opens the voter's record at the desk. The committee
 * and the day's officials print any; a voter sees their own.
 */
export async function voterCard({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; residentId: string; origin: string } }) {
  const election = await requireElection(ctx, input.electionId);
  if (!isCommittee(ctx) && !(await officialRoleOf(ctx, election.id))) {
    const own = await findResidentOfAccount(ctx, ctx.actor.accountId);
    if (own?.id !== input.residentId) throw notFound('选民证');
  }
  const person = (await residentsByIds(ctx, [input.residentId])).get(input.residentId);
  if (!person || !(await registeredVoterIds(ctx, election.id, [person.id])).has(person.id)) throw notFound('选民证');
  return cardOf(election, person, input.origin);
}

/** Voter cards of the list (optionally of one group), a page at a time, for printing (committee). */
export async function voterCards({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; groupId?: string; limit: number; cursor?: string; origin: string };
}) {
  const election = await requireElection(ctx, input.electionId);
  if (!isCommittee(ctx)) throw forbidden();
  const after = decodeCursor(input.cursor);
  // The order cards are handed out in: group by group, house by house (those in no household
  // last), then by name. The cursor is the last card's voter row; its place in that order is
  // read back in the query.
  const rows = await ctx.db
    .select({ id: electionVoters.id, residentId: residents.id, name: residents.name, groupName: residentGroups.name })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)))
    .where(
      and(
        holderCondition(ctx, election.id, election.mode),
        input.groupId ? eq(residents.groupId, input.groupId) : undefined,
        after
          ? sql`row(${residentGroups.sortOrder}, ${households.label} is null, coalesce(${households.label}, ''), ${residents.name}, ${electionVoters.id}) >
              (select g.sort_order, h.label is null, coalesce(h.label, ''), r.name, vv.id
                 from ${electionVoters} vv join ${residents} r on r.id = vv.resident_id and r.community_id = vv.community_id
                 join ${residentGroups} g on g.id = r.group_id left join ${households} h on h.id = r.household_id and h.community_id = r.community_id
                 where vv.id = ${after}::uuid and vv.community_id = ${ctx.communityId})`
          : undefined,
      ),
    )
    .orderBy(
      asc(residentGroups.sortOrder),
      sql`${households.label} is null`,
      sql`coalesce(${households.label}, '')`,
      asc(residents.name),
      asc(electionVoters.id),
    )
    .limit(input.limit + 1);
  const list = page(rows, input.limit, (r) => r);
  const items = [];
  for (const v of list.items) items.push(await cardOf(election, { id: v.residentId, name: v.name, groupName: v.groupName }, input.origin));
  return { items, nextCursor: list.nextCursor };
}
