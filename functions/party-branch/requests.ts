import { and, asc, eq } from 'drizzle-orm';
import { communities, type PartyBranchType, type PartyRequestKind, partyMeetings, partyRequests } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { chinaDate } from '../_shared/china-time.js';
import { appendAudit } from '../audit/chain.js';
import { requireOrganizer } from './access.js';
import { meetingResults } from './count.js';
import { meetingView } from './meetings.js';
import { factsOf, rosterOf } from './members.js';
import { hasVote, superiorCommitteeOf } from './rules.js';

export type RequestRow = typeof partyRequests.$inferSelect;

export interface FoundingFigures {
  /** To whom the paper goes (superiorCommitteeOf the community's region). */
  addressee: string;
  communityName: string;
  households: number | null;
  population: number | null;
  fullMembers: number;
  probationaryMembers: number;
  suspendedMembers: number;
  withVote: number;
  proposedSeats: number | null;
}

export interface ReportFigures {
  addressee: string;
  membersMeeting: { date: string; entitled: number; present: number; elected: { name: string; yes: number }[] };
  committeeMeeting: { date: string; secretary: string[]; deputySecretary: string[] };
  assignments: { name: string; duty: string; label: string | null }[];
}

export const requestView = (r: RequestRow) => ({
  id: r.id,
  kind: r.kind,
  branchType: r.branchType,
  body: r.body,
  figures: r.figures as FoundingFigures | ReportFigures,
  submittedOn: r.submittedOn,
  status: r.status,
  approvedOn: r.approvedOn,
  documentNo: r.documentNo,
});

/** The 请示's figures as the roster says them today: full and probationary members, and the unit's size. */
async function foundingFigures(ctx: Ctx, proposedSeats: number | undefined): Promise<FoundingFigures> {
  const [community] = await ctx.db
    .select({ name: communities.name, region: communities.region, households: communities.households, population: communities.population })
    .from(communities)
    .where(eq(communities.id, ctx.communityId));
  const today = chinaDate(ctx.now);
  const roster = (await rosterOf(ctx)).filter((m) => !factsOf(m, today).transferredOut);
  return {
    addressee: superiorCommitteeOf(community?.region ?? ''),
    communityName: community?.name ?? '',
    households: community?.households ?? null,
    population: community?.population ?? null,
    fullMembers: roster.filter((m) => m.status === 'full').length,
    probationaryMembers: roster.filter((m) => m.status === 'probationary').length,
    suspendedMembers: roster.filter((m) => m.suspended).length,
    withVote: roster.filter((m) => hasVote(factsOf(m, today))).length,
    proposedSeats: proposedSeats ?? null,
  };
}

const dutyWords: Record<string, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  other: '委员',
};

/** The report's figures: both meetings' results and the division of work (founding plan, step 3.2 ③). */
async function reportFigures(ctx: Ctx): Promise<ReportFigures> {
  const meetings = await ctx.db.select().from(partyMeetings).where(eq(partyMeetings.communityId, ctx.communityId)).orderBy(asc(partyMeetings.createdAt));
  const committee = meetings.filter((m) => m.kind === 'committee').at(-1);
  const members = committee ? meetings.find((m) => m.id === committee.electsFromMeetingId) : undefined;
  if (!committee || !members) throw new AppError('CONFLICT', '党员大会和支部委员会会议都选举完成后，才能起草选举结果的报告。');
  const [mr, cr] = await Promise.all([meetingResults(ctx, members), meetingResults(ctx, committee)]);
  if (!mr.complete || !cr.complete) throw new AppError('CONFLICT', '选举还没有完成（还有名额没有选足），不能起草选举结果的报告。');
  const view = await meetingView(ctx, committee);
  const [community] = await ctx.db.select({ region: communities.region }).from(communities).where(eq(communities.id, ctx.communityId));
  return {
    addressee: superiorCommitteeOf(community?.region ?? ''),
    membersMeeting: {
      date: members.date,
      entitled: mr.entitled,
      present: mr.present,
      elected: (mr.elected.committee ?? []).map((e) => ({ name: e.name, yes: e.yes })),
    },
    committeeMeeting: {
      date: committee.date,
      secretary: (cr.elected.secretary ?? []).map((e) => e.name),
      deputySecretary: (cr.elected.deputy_secretary ?? []).map((e) => e.name),
    },
    assignments: view.assignments.map((a) => ({ name: a.name, duty: dutyWords[a.duty] ?? a.duty, label: a.label })),
  };
}

/**
 * The organiser draws up a paper to the township's party committee, recorded with its submission
 * date: the founding request (请示, figures from the roster) or the report of the election results
 * (figures from both meetings). The figures are kept as printed.
 */
export async function createRequest({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { kind: PartyRequestKind; branchType?: PartyBranchType; body: string; submittedOn?: string; proposedSeats?: number };
}) {
  requireOrganizer(ctx);
  if (input.kind === 'founding' && !input.branchType)
    throw new AppError('VALIDATION_FAILED', '请选择党支部的性质：独立党支部、联合党支部或临时党支部。', {
      errors: [{ path: 'branchType', message: '请选择党支部性质' }],
    });
  return withTransaction(ctx, async (tx) => {
    const figures = input.kind === 'founding' ? await foundingFigures(tx, input.proposedSeats) : await reportFigures(tx);
    if (input.kind === 'results_report') {
      const [founding] = await tx.db
        .select({ id: partyRequests.id })
        .from(partyRequests)
        .where(and(eq(partyRequests.communityId, tx.communityId), eq(partyRequests.kind, 'founding'), eq(partyRequests.status, 'approved')))
        .limit(1);
      if (!founding) throw new AppError('CONFLICT', '成立请示还没有批复。');
    }
    const [row] = await tx.db
      .insert(partyRequests)
      .values({
        communityId: tx.communityId,
        kind: input.kind,
        branchType: input.branchType ?? null,
        body: input.body,
        figures,
        submittedOn: input.submittedOn ?? chinaDate(tx.now),
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .returning();
    await appendAudit(tx, {
      action: 'party.request_submitted',
      subject: `party_request:${row!.id}`,
      payload: { kind: input.kind, submittedOn: row!.submittedOn },
    });
    return requestView(row!);
  });
}

async function findRequest(ctx: Ctx, id: string, opts: { lock?: boolean } = {}) {
  const q = ctx.db
    .select()
    .from(partyRequests)
    .where(and(eq(partyRequests.communityId, ctx.communityId), eq(partyRequests.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw notFound('请示');
  return row;
}

/** The township's answer (批准 / 批复), entered with its date and document number; once. */
export async function approveRequest({ ctx, input }: { ctx: AuthedCtx; input: { requestId: string; approvedOn: string; documentNo: string } }) {
  requireOrganizer(ctx);
  return withTransaction(ctx, async (tx) => {
    const current = await findRequest(tx, input.requestId, { lock: true });
    if (current.status === 'approved')
      throw new AppError('CONFLICT', `这份${current.kind === 'founding' ? '请示' : '报告'}已经录入了批复（${current.documentNo}）。`);
    if (input.approvedOn < current.submittedOn)
      throw new AppError('VALIDATION_FAILED', '批复日期不能早于报送日期。', { errors: [{ path: 'approvedOn', message: '早于报送日期' }] });
    const [row] = await tx.db
      .update(partyRequests)
      .set({ status: 'approved', approvedOn: input.approvedOn, documentNo: input.documentNo, approvedByAccountId: tx.actor.accountId, approvedAt: tx.now })
      .where(and(eq(partyRequests.communityId, tx.communityId), eq(partyRequests.id, current.id)))
      .returning();
    await appendAudit(tx, {
      action: 'party.request_approved',
      subject: `party_request:${current.id}`,
      payload: { approvedOn: input.approvedOn, documentNo: input.documentNo },
    });
    return requestView(row!);
  });
}

export async function listRequests({ ctx }: { ctx: AuthedCtx }) {
  requireOrganizer(ctx);
  const rows = await ctx.db.select().from(partyRequests).where(eq(partyRequests.communityId, ctx.communityId)).orderBy(asc(partyRequests.createdAt));
  return { items: rows.map(requestView), nextCursor: null };
}

export async function getRequest({ ctx, requestId }: { ctx: AuthedCtx; requestId: string }) {
  requireOrganizer(ctx);
  return requestView(await findRequest(ctx, requestId));
}
