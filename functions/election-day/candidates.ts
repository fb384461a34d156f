import { and, eq, sql } from 'drizzle-orm';
import { candidateNominations, electionCandidates, electionOfficials, proxyApplications, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { seatNamesZh } from '../_shared/election-labels.js';
import { strokeOrder } from '../_shared/stroke-order.js';
import { joinWithoutRepeat } from '../_shared/title.js';
import { appendAudit } from '../audit/chain.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { refuseIfLocked } from '../elections/locks.js';
import { deadlines, type SeatKey, seatKeys } from '../elections/rules.js';
import { registeredVoterIds } from '../elections/voters.js';
import { isCommittee, lockElection, officialRoleOf, residentsByIds } from './access.js';
import { firstRelative } from './officials.js';
import { deliverNow, findPublication, publishElectionNotice } from './publish.js';
import { namesAWoman, noWomanCandidateDetail } from './women-and-relatives.js';

/** 姓氏笔画: the order of names on ballots and public lists unless the committee fixes another. */
export { strokeOrder };

export function requireSeat(seats: Record<SeatKey, number>, seat: SeatKey) {
  if (!(seats[seat] > 0)) {
    throw new AppError('VALIDATION_FAILED', `本次选举不设${seatNamesZh[seat]}。`, { errors: [{ path: 'body.seat', message: '本次选举没有这个职位' }] });
  }
}

/**
 * The law gives nomination to the voters (《村民委员会组织法》第十五条, taken where the Gansu rules'
 * chapter 4 could not be read; 《甘肃省居民委员会选举办法》第十三条: the committee 组织提名): once
 * voters have nominated anyone for a seat, its candidates come only from the counts
 * (POST …/candidates/fix). Typing one in stays for a seat nobody was nominated for.
 */
async function refuseIfNominated(ctx: Ctx, electionId: string, seat: SeatKey) {
  const [any] = await ctx.db
    .select({ id: candidateNominations.id })
    .from(candidateNominations)
    .where(and(eq(candidateNominations.communityId, ctx.communityId), eq(candidateNominations.electionId, electionId), eq(candidateNominations.seat, seat)))
    .limit(1);
  if (any) {
    throw new AppError(
      'SEAT_HAS_NOMINATIONS',
      `选民已经提名了${seatNamesZh[seat]}候选人，正式候选人要在提名截止后按提名票数确定（“确定正式候选人”），不能直接添加。`,
    );
  }
}

export async function addCandidate({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; residentId: string; seat: SeatKey } }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    requireSeat(election.seats, input.seat);
    await lockElection(tx, election.id);
    await refuseIfLocked(tx, election.id, 'candidates');
    await refuseIfNominated(tx, election.id, input.seat);
    const person = (await residentsByIds(tx, [input.residentId])).get(input.residentId);
    if (!person) throw notFound('居民');
    if (!(await registeredVoterIds(tx, election.id, [person.id])).has(person.id)) {
      throw new AppError('CANDIDATE_NOT_VOTER', `${person.name}不在本次选举的选民名单上，只有登记的选民才能成为候选人。`);
    }
    const [official] = await tx.db
      .select({ role: electionOfficials.role })
      .from(electionOfficials)
      .where(
        and(eq(electionOfficials.communityId, tx.communityId), eq(electionOfficials.electionId, election.id), eq(electionOfficials.residentId, person.id)),
      );
    if (official) throw new AppError('OFFICIAL_IS_CANDIDATE', `${person.name}已被任命为本次选举的工作人员，不能同时是候选人。`);
    const relative = await officialRelativeOf(tx, election.id, person.id);
    if (relative) {
      throw new AppError(
        'OFFICIAL_IS_RELATIVE',
        `${person.name}是本次选举工作人员${relative.name}的近亲属，工作人员应当回避：请先另行任命工作人员，再把${person.name}列为候选人。`,
      );
    }
    const [row] = await tx.db
      .insert(electionCandidates)
      .values({
        communityId: tx.communityId,
        electionId: election.id,
        residentId: person.id,
        seat: input.seat,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('ALREADY_CANDIDATE', `${person.name}已经是本次选举的候选人了（每人只能竞选一个职位）。`);
    await appendAudit(tx, {
      action: 'candidate.added',
      subject: `resident:${person.id}`,
      electionId: election.id,
      payload: { candidateId: row.id, residentId: person.id, name: person.name, seat: input.seat },
    });
    return { id: row.id, residentId: person.id, name: person.name, groupName: person.groupName, seat: row.seat };
  });
}

export async function removeCandidate({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; candidateId: string } }) {
  requireCommittee(ctx);
  await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    await refuseIfLocked(tx, election.id, 'candidates');
    const [row] = await tx.db
      .delete(electionCandidates)
      .where(
        and(eq(electionCandidates.communityId, tx.communityId), eq(electionCandidates.electionId, election.id), eq(electionCandidates.id, input.candidateId)),
      )
      .returning();
    if (!row) throw notFound('候选人');
    await appendAudit(tx, {
      action: 'candidate.removed',
      subject: `resident:${row.residentId}`,
      electionId: election.id,
      payload: { candidateId: row.id, residentId: row.residentId, seat: row.seat },
    });
  });
}

/**
 * The ballot order of each seat: the committee's fixed order (sortOrder > 0) first, then the
 * rest by stroke order of the name (surname first).
 */
// The candidates with their names, groups and the entrustments each holds as a proxy (the rule
// against it is checked on publish): one statement, built once per database, prepared.
const candidateRows = perDatabase((db) =>
  db
    .select({
      id: electionCandidates.id,
      residentId: electionCandidates.residentId,
      seat: electionCandidates.seat,
      sortOrder: electionCandidates.sortOrder,
      name: residents.name,
      groupName: residentGroups.name,
      proxiesHeld: sql<number>`(select count(*) from ${proxyApplications}
        where ${proxyApplications.communityId} = ${electionCandidates.communityId} and ${proxyApplications.electionId} = ${electionCandidates.electionId}
          and ${proxyApplications.proxyResidentId} = ${electionCandidates.residentId} and ${proxyApplications.status} = 'approved')::int`,
    })
    .from(electionCandidates)
    .leftJoin(residents, and(eq(residents.id, electionCandidates.residentId), eq(residents.communityId, electionCandidates.communityId)))
    .leftJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .where(and(eq(electionCandidates.communityId, sql.placeholder('communityId')), eq(electionCandidates.electionId, sql.placeholder('electionId'))))
    .prepare('election_candidates'),
);

export async function candidatesOf(ctx: Ctx, electionId: string) {
  const rows = await candidateRows(ctx.db).execute({ communityId: ctx.communityId, electionId });
  const list = rows.map((r) => ({
    id: r.id,
    residentId: r.residentId,
    name: r.name ?? '',
    groupName: r.groupName ?? '',
    seat: r.seat,
    seatName: seatNamesZh[r.seat],
    sortOrder: r.sortOrder,
    proxiesHeld: r.proxiesHeld,
  }));
  const seatIndex = (s: SeatKey) => seatKeys.indexOf(s);
  return list.sort(
    (a, b) =>
      seatIndex(a.seat) - seatIndex(b.seat) ||
      (a.sortOrder || Number.MAX_SAFE_INTEGER) - (b.sortOrder || Number.MAX_SAFE_INTEGER) ||
      strokeOrder.compare(a.name, b.name),
  );
}

/**
 * Everyone sees the list once it is published; before that only the committee and the day's
 * officials, who prepare it. A candidate holding approved entrustments is marked
 * (`proxyConflict`) unless the rules allow it; publishing refuses such a list.
 */
export async function listCandidates({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const published = await findPublication(ctx, election.id, 'candidates');
  if (!published && !isCommittee(ctx) && !(await officialRoleOf(ctx, election.id))) {
    return { items: [], published: false, publishedAt: null, seats: election.seats };
  }
  const list = await candidatesOf(ctx, election.id);
  const mayHold = election.rulebook.proxyMayBeCandidate;
  return {
    items: list.map((c) => ({ ...c, proxyConflict: !mayHold && c.proxiesHeld > 0 })),
    published: !!published,
    publishedAt: published?.publishedAt.toISOString() ?? null,
    seats: election.seats,
    candidateSurplus: election.rulebook.candidateSurplus,
  };
}

/** The committee fixes the ballot order of one seat (otherwise stroke order). */
export async function orderCandidates({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; seat: SeatKey; candidateIds: string[] } }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    await refuseIfLocked(tx, election.id, 'candidates');
    const current = (await candidatesOf(tx, election.id)).filter((c) => c.seat === input.seat);
    const given = new Set(input.candidateIds);
    if (given.size !== input.candidateIds.length || current.length !== given.size || current.some((c) => !given.has(c.id))) {
      throw new AppError('VALIDATION_FAILED', '请按顺序列出这个职位的全部候选人，每人一次。', {
        errors: [{ path: 'body.candidateIds', message: '须包含该职位的全部候选人' }],
      });
    }
    for (const [i, id] of input.candidateIds.entries()) {
      await tx.db
        .update(electionCandidates)
        .set({ sortOrder: i + 1 })
        .where(and(eq(electionCandidates.communityId, tx.communityId), eq(electionCandidates.id, id)));
    }
    await appendAudit(tx, { action: 'candidate.ordered', subject: `election:${election.id}`, electionId: election.id, payload: input });
    return { items: (await candidatesOf(tx, election.id)).filter((c) => c.seat === input.seat) };
  });
}

/**
 * Publishes the candidate list as a `candidates` notice; from then on it is fixed. Each seat
 * needs its seats plus `candidateSurplus` candidates (差额选举), and no candidate may hold
 * approved entrustments unless the rules allow it.
 */
export async function publishCandidates({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const notice = await withTransaction(ctx, async (tx) => {
    const election = await requireElection(tx, input.electionId);
    await lockElection(tx, election.id);
    // The list must be on the wall `candidateNoticeDays` before election day (China time): the
    // voters need those days to know whom they choose between.
    const { candidateListBy } = deadlines(election.electionDay, election.rulebook);
    if (chinaDate(tx.now) > candidateListBy) {
      const [y, m, d] = candidateListBy.split('-').map(Number);
      throw new AppError(
        'CANDIDATES_TOO_LATE',
        `正式候选人名单须在选举日前${election.rulebook.candidateNoticeDays}天公布，最晚是${y}年${m}月${d}日；现在已经过了，不能公布。如要公布，须先把选举日推后。`,
      );
    }
    const list = await candidatesOf(tx, election.id);
    const short = seatKeys.filter((seat) => {
      const need = election.seats[seat] > 0 ? election.seats[seat] + election.rulebook.candidateSurplus[seat] : 0;
      return list.filter((c) => c.seat === seat).length < need;
    });
    if (short.length > 0) {
      const parts = short.map((seat) => {
        const need = election.seats[seat] + election.rulebook.candidateSurplus[seat];
        return `${seatNamesZh[seat]}需要至少${need}名候选人（现有${list.filter((c) => c.seat === seat).length}名）`;
      });
      throw new AppError('TOO_FEW_CANDIDATES', `候选人不够：${parts.join('；')}。`);
    }
    if (!election.rulebook.proxyMayBeCandidate) {
      const holding = list.filter((c) => c.proxiesHeld > 0);
      if (holding.length > 0) {
        throw new AppError(
          'CANDIDATE_HOLDS_PROXIES',
          `候选人不能接受委托投票：${holding.map((c) => `${c.name}（${c.proxiesHeld}份）`).join('、')}。请先让委托人另选受托人。`,
        );
      }
    }
    // 《甘肃省居民委员会选举办法》第五条: the committee needs a woman member, so the list names one.
    if (election.rulebook.womanMember) {
      const people = await residentsByIds(
        tx,
        list.map((c) => c.residentId),
      );
      if (!namesAWoman([...people.values()])) throw new AppError('NO_WOMAN_CANDIDATE', noWomanCandidateDetail());
    }
    const lines = seatKeys
      .filter((seat) => election.seats[seat] > 0)
      .map(
        (seat) =>
          `${seatNamesZh[seat]}（应选${election.seats[seat]}名）：${list
            .filter((c) => c.seat === seat)
            .map((c) => c.name)
            .join('、')}`,
      );
    return publishElectionNotice(tx, {
      electionId: election.id,
      kind: 'candidates',
      title: joinWithoutRepeat(election.title, '正式候选人名单'),
      body: `${lines.join('\n')}\n（按姓氏笔画排列）\n选举日：${election.electionDay}`,
      snapshot: list.map((c) => ({ id: c.id, residentId: c.residentId, name: c.name, seat: c.seat })),
    });
  });
  deliverNow(ctx);
  return notice;
}

/** The first official of the election who is a near relative of `residentId`, or null (see officials.ts). */
export async function officialRelativeOf(ctx: Ctx, electionId: string, residentId: string) {
  const rows = await ctx.db
    .select({ residentId: electionOfficials.residentId })
    .from(electionOfficials)
    .where(and(eq(electionOfficials.communityId, ctx.communityId), eq(electionOfficials.electionId, electionId)));
  return firstRelative(
    ctx,
    residentId,
    rows.map((r) => r.residentId),
  );
}
