import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type ElectionMode, elections } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, isCommittee, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaDate } from '../_shared/china-time.js';
import { appendAudit } from '../audit/chain.js';
import { departures, fixedRulesChanged, type LawId, lawDefaults, laws, ruleNames } from './law.js';
import { type ElectionAct, lockElection, refuseIfLocked } from './locks.js';
import { deadlines, type ElectionRules, readRules, seatKeys } from './rules.js';

export type ElectionRow = typeof elections.$inferSelect;

/** The election committee (and administrators) run elections. */
export function requireCommittee(ctx: Ctx): asserts ctx is AuthedCtx {
  if (!isCommittee(ctx)) throw forbidden();
}

// Every election route starts here: built once per database, prepared.
const electionById = perDatabase((db) =>
  db
    .select()
    .from(elections)
    .where(and(eq(elections.id, sql.placeholder('id')), eq(elections.communityId, sql.placeholder('communityId'))))
    .prepare('election_by_id'),
);

/** An election of the caller's community, or 404 (another community's id included). */
export async function requireElection(ctx: Ctx, electionId: string): Promise<ElectionRow & { rulebook: ElectionRules }> {
  const [row] = await electionById(ctx.db).execute({ id: electionId, communityId: ctx.communityId });
  if (!row) throw notFound('选举');
  return { ...row, rulebook: readRules(row.rules) };
}

export function electionView(e: ElectionRow) {
  const rules = readRules(e.rules);
  return {
    id: e.id,
    title: e.title,
    electionDay: e.electionDay,
    seats: e.seats,
    rules,
    deadlines: deadlines(e.electionDay, rules),
    createdAt: e.createdAt.toISOString(),
    law: e.law,
    lawName: laws[lawOf(e)].name,
    mode: e.mode,
    term: e.term,
    basis: e.basis,
    departures: departures(lawOf(e), rules).map((rule) => ({
      rule,
      name: ruleNames[rule],
      value: rules[rule],
      lawDefault: laws[lawOf(e)].rules[rule].default,
      source: laws[lawOf(e)].rules[rule].source,
    })),
  };
}

const lawOf = (e: Pick<ElectionRow, 'law'>): LawId => (e.law in laws ? (e.law as LawId) : 'gansu-2026');

export interface NewElection {
  title: string;
  electionDay: string;
  seats: ElectionRow['seats'];
  rules?: Partial<ElectionRules>;
  law?: LawId;
  mode?: ElectionMode;
  basis?: string;
}

/**
 * The law's word on a rulebook: a rule the law fixes cannot be set to another value
 * (RULE_FIXED_BY_LAW), and a rule departing from the law's default needs the committee's basis
 * (BASIS_REQUIRED), which the notices it affects then show.
 */
function checkAgainstLaw(law: LawId, change: Partial<ElectionRules> | undefined, rules: ElectionRules, basis: string | null | undefined) {
  const fixed = fixedRulesChanged(law, change ?? {});
  if (fixed.length) {
    throw new AppError(
      'RULE_FIXED_BY_LAW',
      `${fixed.map((k) => ruleNames[k]).join('、')}由法律规定，不能修改（${fixed.map((k) => laws[law].rules[k].source).join('；')}）。`,
      { errors: fixed.map((k) => ({ path: `body.rules.${k}`, message: '由法律规定，不能修改' })) },
    );
  }
  const away = departures(law, rules);
  if (away.length && !basis?.trim()) {
    throw new AppError(
      'BASIS_REQUIRED',
      `${away.map((k) => ruleNames[k]).join('、')}与法律规定的默认值不同，请写明依据（如居民会议的决定），公告时一并公布。`,
      {
        errors: [{ path: 'body.basis', message: '请写明依据' }],
      },
    );
  }
}

export async function createElection({ ctx, input }: { ctx: Ctx; input: NewElection }) {
  requireCommittee(ctx);
  const law = input.law ?? 'gansu-2026';
  const rules = readRules({ ...lawDefaults(law), ...input.rules });
  checkAgainstLaw(law, input.rules, rules, input.basis);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(elections)
      .values({
        communityId: tx.communityId,
        title: input.title,
        electionDay: input.electionDay,
        seats: input.seats,
        rules,
        law,
        mode: input.mode ?? 'voters',
        basis: input.basis?.trim() || null,
        // The 届 the election fills: one registration per person and term across communities.
        term: input.electionDay.slice(0, 4),
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .returning();
    await appendAudit(tx, {
      action: 'election.created',
      subject: `election:${row!.id}`,
      electionId: row!.id,
      payload: { title: input.title, electionDay: input.electionDay, seats: input.seats, rules, law, mode: input.mode ?? 'voters', basis: input.basis ?? null },
    });
    return electionView(row!);
  });
}

/**
 * Changes what the committee set up. Only the fields that really change are weighed against the
 * election's stage (a form sending back the day unchanged may still retitle the election); the
 * row lock comes first, so no candidate list, ballot or result slips in between.
 */
export async function updateElection({ ctx, input }: { ctx: Ctx; input: { id: string } & Partial<NewElection> }) {
  requireCommittee(ctx);
  return withTransaction(ctx, async (tx) => {
    await lockElection(tx, input.id);
    const current = await requireElection(tx, input.id);
    const rules = readRules({ ...current.rulebook, ...input.rules });
    const basis = input.basis !== undefined ? input.basis.trim() || null : current.basis;
    checkAgainstLaw(lawOf(current), input.rules, rules, basis);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const changing: ElectionAct[] = [];
    if (input.title !== undefined && input.title !== current.title) changing.push('title');
    if (input.electionDay !== undefined && input.electionDay !== current.electionDay) changing.push('electionDay');
    if (input.seats && seatKeys.some((k) => input.seats![k] !== current.seats[k])) changing.push('seats');
    if (!same(rules, current.rulebook)) changing.push('rules');
    if (input.mode !== undefined && input.mode !== current.mode) changing.push('mode');
    if (changing.length > 0) await refuseIfLocked(tx, current.id, changing);
    const [row] = await tx.db
      .update(elections)
      .set({
        title: input.title ?? current.title,
        electionDay: input.electionDay ?? current.electionDay,
        seats: input.seats ?? current.seats,
        rules,
        mode: input.mode ?? current.mode,
        basis,
        updatedAt: tx.now,
      })
      .where(and(eq(elections.id, input.id), eq(elections.communityId, tx.communityId)))
      .returning();
    const { id: _id, ...changed } = input;
    await appendAudit(tx, { action: 'election.changed', subject: `election:${input.id}`, electionId: input.id, payload: changed });
    return electionView(row!);
  });
}

/**
 * The caller's community's current election: the nearest whose day is today or later (China
 * time), else the latest past one (API.md).
 */
export async function findCurrentElection(ctx: Ctx): Promise<ElectionRow | null> {
  const [current] = await currentElection(ctx.db).execute({ communityId: ctx.communityId, today: chinaDate(ctx.now) });
  return current ?? null;
}

// One statement, built once per database, prepared: the upcoming ones first (nearest day, then
// id), then the past ones (latest day, then latest id). A community holds a handful of elections.
const currentElection = perDatabase((db) => {
  const today = sql.placeholder('today');
  const upcoming = sql`${elections.electionDay} >= ${today}::date`;
  return db
    .select()
    .from(elections)
    .where(eq(elections.communityId, sql.placeholder('communityId')))
    .orderBy(
      desc(upcoming),
      asc(sql`case when ${upcoming} then ${elections.electionDay} end`),
      asc(sql`case when ${upcoming} then ${elections.id} end`),
      desc(elections.electionDay),
      desc(elections.id),
    )
    .limit(1)
    .prepare('current_election');
});
