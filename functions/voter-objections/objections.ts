import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accounts, electionVoters, residentGroups, residents, voterObjections } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { containing } from '../_platform/like.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { perDatabaseShape } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { requireElection } from '../elections/elections.js';
import { electionStage } from '../elections/locks.js';
import { basisNames, isOverdue, kindNames, objectionWindowEnd } from './rules.js';

const subject = alias(residents, 'subject');
const columns = {
  o: voterObjections,
  subjectName: subject.name,
  objectorName: accounts.name,
};
type Row = { o: typeof voterObjections.$inferSelect; subjectName: string | null; objectorName: string | null };

/** One objection as its reader sees it: the objector's name only for the committee. */
export function objectionView(ctx: AuthedCtx, r: Row, committee: boolean) {
  const o = r.o;
  return {
    id: o.id,
    electionId: o.electionId,
    kind: o.kind,
    kindName: kindNames[o.kind],
    residentId: o.residentId,
    subjectName: r.subjectName,
    basis: o.basis,
    basisName: o.basis ? basisNames[o.basis] : null,
    reason: o.reason,
    status: o.status,
    dueBy: o.dueBy,
    overdue: isOverdue(o, ctx.now),
    decisionReason: o.decisionReason,
    decidedAt: o.decidedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    mine: o.objectorAccountId === ctx.actor.accountId,
    ...(committee ? { objectorName: r.objectorName ?? '' } : {}),
  };
}

function select(ctx: Pick<Ctx, 'db'>) {
  return ctx.db
    .select(columns)
    .from(voterObjections)
    .leftJoin(subject, and(eq(subject.id, voterObjections.residentId), eq(subject.communityId, voterObjections.communityId)))
    .leftJoin(accounts, eq(accounts.id, voterObjections.objectorAccountId));
}

/** One objection of the election (another community's or election's: 404); `lock` takes its row lock. */
export async function findObjection(ctx: Ctx, electionId: string, id: string, options: { lock?: boolean } = {}): Promise<Row> {
  const where = and(eq(voterObjections.id, id), eq(voterObjections.communityId, ctx.communityId), eq(voterObjections.electionId, electionId));
  if (options.lock) await ctx.db.select({ id: voterObjections.id }).from(voterObjections).where(where).for('update');
  const [row] = await select(ctx).where(where);
  if (!row) throw notFound('异议');
  return row;
}

const $ = sql.placeholder;
const scopeOf = (committee: boolean) =>
  and(
    eq(voterObjections.communityId, $('communityId')),
    eq(voterObjections.electionId, $('electionId')),
    committee ? undefined : eq(voterObjections.objectorAccountId, $('me')),
  );

// The page and the counts, per reader (the committee's all, anyone else's own): built once per database, prepared.
const objectionPage = perDatabaseShape((db, shape: { committee: boolean; after: boolean }) =>
  select({ db })
    .where(and(scopeOf(shape.committee), shape.after ? gt(voterObjections.id, $('after')) : undefined))
    .orderBy(asc(voterObjections.id))
    .limit($('limit'))
    .prepare(`objections_${shape.committee ? 'all' : 'own'}${shape.after ? '_k' : ''}`),
);
const objectionCounts = perDatabaseShape((db, shape: { committee: boolean }) =>
  db
    .select({
      open: count(),
      overdue: sql<number>`count(*) filter (where ${voterObjections.dueBy} < ${$('today')}::date)`.mapWith(Number),
    })
    .from(voterObjections)
    .where(and(scopeOf(shape.committee), eq(voterObjections.status, 'open')))
    .prepare(`objection_counts_${shape.committee ? 'all' : 'own'}`),
);

/**
 * The committee reads every objection of the election; anyone else only those they filed (the
 * others' are not theirs to see). Oldest first; the counts cover the whole election (or the
 * caller's own), so the committee's 选举工作 page can show how many are overdue.
 */
export async function listObjections({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; limit: number; cursor?: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const committee = isCommittee(ctx);
  const after = decodeCursor(input.cursor);
  const today = chinaDate(ctx.now);
  const values = { communityId: ctx.communityId, electionId: election.id, me: ctx.actor.accountId, after, limit: input.limit + 1, today };
  // One after the other: on one pooled connection in turn, not three at once.
  const rows = await objectionPage(ctx.db, { committee, after: !!after }).execute(values);
  const [counts] = await objectionCounts(ctx.db, { committee }).execute(values);
  const stage = await electionStage(ctx, election.id);
  const published = stage.voterListNoticeAt;
  const lastDay = published ? objectionWindowEnd(published, election.rulebook) : null;
  return {
    ...page(
      rows.map((r) => ({ ...r, id: r.o.id })),
      input.limit,
      (r) => objectionView(ctx, r, committee),
    ),
    open: counts?.open ?? 0,
    overdue: counts?.overdue ?? 0,
    window: published && lastDay ? { publishedOn: chinaDate(published), lastDay, open: today <= lastDay } : null,
  };
}

/**
 * Verified residents of voting age whose name contains the text, to name in an objection: only
 * the name, the group and whether they are on the list (the list is public; nothing else is).
 * Children are never offered: an objection cannot be about them.
 */
export async function searchObjectionPeople({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; name: string } }) {
  const election = await requireElection(ctx, input.electionId);
  const cutoff = sql`(${election.electionDay}::date - make_interval(years => ${election.rulebook.minVoterAge}))::date`;
  const rows = await ctx.db
    .select({ residentId: residents.id, name: residents.name, groupName: residentGroups.name, voterStatus: electionVoters.status })
    .from(residents)
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(
      electionVoters,
      and(eq(electionVoters.communityId, residents.communityId), eq(electionVoters.electionId, election.id), eq(electionVoters.residentId, residents.id)),
    )
    .where(
      and(
        eq(residents.communityId, ctx.communityId),
        eq(residents.status, 'verified'),
        sql`${residents.birthDate} <= ${cutoff}`,
        sql`${residents.name} ilike ${containing(input.name)}`,
      ),
    )
    .orderBy(asc(residents.name), asc(residents.id))
    .limit(20);
  return { items: rows.map((r) => ({ residentId: r.residentId, name: r.name, groupName: r.groupName, onList: r.voterStatus === 'registered' })) };
}
