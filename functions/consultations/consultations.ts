import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  type ConsultationAnswerItem,
  type ConsultationAudience,
  type ConsultationQuestion,
  consultationAnswers,
  consultationRespondents,
  consultations,
  elections,
  electionVoters,
  households,
  residentGroups,
  residents,
} from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { chinaMinute } from '../_shared/china-time.js';
import { officeRoles } from '../_shared/roles.js';
import { publishNotice } from '../notices/notices.js';
import { kickDeliveries } from '../notices/outbox.js';
import { checkContent } from '../service-requests/content-check.js';
import { checkQuestions, normaliseAnswers } from './rules.js';

export type ConsultationRow = typeof consultations.$inferSelect;

/** The office (staff, the committee, administrators) builds consultations and reads results before they close. */
export const isOffice = (ctx: Ctx) => hasRole(ctx.actor, ctx.communityId, ...officeRoles);

/** The groups the caller leads in this community. */
export const ledGroups = (ctx: AuthedCtx) =>
  ctx.actor.roles.filter((r) => r.role === 'group_leader' && r.communityId === ctx.communityId && r.groupId).map((r) => r.groupId!);

const closed = () => new AppError('CONSULTATION_CLOSED', '这次征求意见已经结束，不能再提交或修改回答。');
const notInAudience = () => new AppError('NOT_IN_AUDIENCE', '这次征求意见不是问您的（或您的居民信息还未核实），无法回答。');

export type ConsultationState = 'upcoming' | 'open' | 'closed';
export const stateOf = (c: ConsultationRow, now: Date): ConsultationState => (now < c.opensAt ? 'upcoming' : now >= c.closesAt ? 'closed' : 'open');

export function consultationView(c: ConsultationRow, now: Date) {
  return {
    id: c.id,
    title: c.title,
    purpose: c.purpose,
    questions: c.questions,
    audience: c.audience,
    per: c.per,
    anonymous: c.anonymous,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    state: stateOf(c, now),
  };
}

// Every read of one consultation starts here: built once per database, prepared.
const consultationById = perDatabase((db) =>
  db
    .select()
    .from(consultations)
    .where(and(eq(consultations.id, sql.placeholder('id')), eq(consultations.communityId, sql.placeholder('communityId'))))
    .prepare('consultation_by_id'),
);

export async function requireConsultation(ctx: Ctx, id: string): Promise<ConsultationRow> {
  const [row] = await consultationById(ctx.db).execute({ id, communityId: ctx.communityId });
  if (!row) throw notFound('征求意见');
  return row;
}

type AudienceOf = Pick<ConsultationRow, 'audience' | 'votersOfElectionId' | 'per'>;

/** What an audience's condition looks like apart from its values: which limits it sets. */
export const audienceShape = (c: AudienceOf) => ({
  groups: !!c.audience.groups?.length,
  households: !!c.audience.households?.length,
  voters: !!c.votersOfElectionId,
  household: c.per === 'household',
});
export type AudienceShape = ReturnType<typeof audienceShape>;

/**
 * The SQL condition "this resident (alias r) is in the audience": verified, of the named groups
 * and households, on the named election's voter list; a household's consultation counts residents
 * placed in a household only. The values come as SQL: one consultation's parameters
 * (`audienceWhere`), or a prepared statement's placeholders (`audienceValues`).
 */
export function audienceCondition(shape: AudienceShape, values: { groups: SQL; households: SQL; votersOf: SQL }) {
  const parts = [sql`r.status = 'verified'`];
  if (shape.groups) parts.push(sql`r.group_id = any(${values.groups}::uuid[])`);
  if (shape.households) parts.push(sql`r.household_id = any(${values.households}::uuid[])`);
  if (shape.voters) {
    parts.push(sql`exists (select 1 from ${electionVoters} v where v.community_id = r.community_id and v.election_id = ${values.votersOf}::uuid
      and v.resident_id = r.id and v.status = 'registered')`);
  }
  if (shape.household) parts.push(sql`r.household_id is not null`);
  return sql.join(parts, sql` and `);
}

export const audienceWhere = (c: AudienceOf) =>
  audienceCondition(audienceShape(c), {
    groups: sql`${sql.param(c.audience.groups ?? [])}`,
    households: sql`${sql.param(c.audience.households ?? [])}`,
    votersOf: sql`${c.votersOfElectionId}`,
  });

/** A consultation's audience values, for a statement prepared with `audienceCondition`'s placeholders. */
export const audienceValues = (c: AudienceOf) => ({
  audienceGroups: c.audience.groups ?? [],
  audienceHouseholds: c.audience.households ?? [],
  votersOf: c.votersOfElectionId,
});
export const audiencePlaceholders = {
  groups: sql`${sql.placeholder('audienceGroups')}`,
  households: sql`${sql.placeholder('audienceHouseholds')}`,
  votersOf: sql`${sql.placeholder('votersOf')}`,
};

// biome-ignore lint/suspicious/noExplicitAny: node-postgres and PGlite answer execute() in two shapes
export const rowsOf = <T>(result: any): T[] => (Array.isArray(result) ? result : result.rows) as T[];

async function inAudience(ctx: Ctx, c: ConsultationRow, residentId: string): Promise<boolean> {
  const rows = rowsOf(
    await ctx.db.execute(
      sql`select 1 from ${residents} r where r.community_id = ${ctx.communityId}::uuid and r.id = ${residentId}::uuid and ${audienceWhere(c)}`,
    ),
  );
  return rows.length > 0;
}

export interface NewConsultation {
  title: string;
  purpose: string;
  questions: ConsultationQuestion[];
  audience: ConsultationAudience;
  per: 'resident' | 'household';
  anonymous: boolean;
  opensAt: Date;
  closesAt: Date;
}

async function checkAudience(ctx: Ctx, a: ConsultationAudience) {
  const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });
  if (a.groups?.length) {
    const found = await ctx.db
      .select({ id: residentGroups.id })
      .from(residentGroups)
      .where(and(eq(residentGroups.communityId, ctx.communityId), inArray(residentGroups.id, a.groups)));
    if (found.length !== new Set(a.groups).size) throw invalid('body.audience.groups', '选择的居民小组有的不在本社区。');
  }
  if (a.households?.length) {
    const found = await ctx.db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.communityId, ctx.communityId), inArray(households.id, a.households)));
    if (found.length !== new Set(a.households).size) throw invalid('body.audience.households', '选择的户有的不在本社区。');
  }
  if (a.votersOf) {
    const [e] = await ctx.db
      .select({ id: elections.id })
      .from(elections)
      .where(and(eq(elections.communityId, ctx.communityId), eq(elections.id, a.votersOf)));
    if (!e) throw invalid('body.audience.votersOf', '选择的选举不在本社区。');
  }
}

/** POST /api/consultations: written, and its notice published (or scheduled) for when it opens. */
export async function createConsultation({ ctx, input }: { ctx: AuthedCtx; input: NewConsultation }) {
  if (!isOffice(ctx)) throw forbidden();
  checkQuestions(input.questions);
  if (input.closesAt <= input.opensAt) {
    throw new AppError('VALIDATION_FAILED', '截止时间要晚于开始时间。', { errors: [{ path: 'body.closesAt', message: '截止时间要晚于开始时间' }] });
  }
  if (input.closesAt <= ctx.now) {
    throw new AppError('VALIDATION_FAILED', '截止时间已经过了，请重新选择。', { errors: [{ path: 'body.closesAt', message: '截止时间已经过了' }] });
  }
  const audience: ConsultationAudience = {
    ...(input.audience.groups?.length ? { groups: [...new Set(input.audience.groups)] } : {}),
    ...(input.audience.votersOf ? { votersOf: input.audience.votersOf } : {}),
    ...(input.audience.households?.length ? { households: [...new Set(input.audience.households)] } : {}),
  };
  await checkAudience(ctx, audience);
  const row = await withTransaction(ctx, async (tx) => {
    const [c] = await tx.db
      .insert(consultations)
      .values({
        communityId: tx.communityId,
        title: input.title,
        purpose: input.purpose,
        questions: input.questions.map((q) => ({ kind: q.kind, text: q.text, ...(q.options?.length ? { options: q.options } : {}) })),
        audience,
        votersOfElectionId: audience.votersOf ?? null,
        per: input.per,
        anonymous: input.anonymous,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        createdByAccountId: tx.actor.accountId,
        createdAt: tx.now,
      })
      .returning();
    const notice = await publishNotice(tx, {
      category: 'community',
      title: `征求意见：${input.title}`,
      body: `${input.purpose}\n\n请在 ${chinaMinute(input.closesAt.toISOString())} 前在小程序“征求意见”里回答${input.anonymous ? '（不记名）' : ''}。没有手机的，可以请居民小组长或社区工作人员上门代为填写。`,
      publishAt: input.opensAt,
    });
    const [updated] = await tx.db.update(consultations).set({ noticeId: notice.id }).where(eq(consultations.id, c!.id)).returning();
    return updated!;
  });
  kickDeliveries(ctx.services);
  return consultationView(row, ctx.now);
}

const ownResidentQuery = perDatabase((db) =>
  db
    .select({ id: residents.id, householdId: residents.householdId, groupId: residents.groupId, status: residents.status })
    .from(residents)
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('consultation_own_resident'),
);

async function ownResident(ctx: AuthedCtx) {
  const [r] = await ownResidentQuery(ctx.db).execute({ communityId: ctx.communityId, accountId: ctx.actor.accountId });
  return r ?? null;
}

// The community's consultations, and which of them the caller (or their household) answered: prepared.
const consultationsOf = perDatabase((db) =>
  db
    .select()
    .from(consultations)
    .where(eq(consultations.communityId, sql.placeholder('communityId')))
    .orderBy(asc(consultations.closesAt))
    .prepare('consultations_of'),
);
const answeredBy = perDatabase((db) =>
  db
    .select({ id: consultationRespondents.consultationId })
    .from(consultationRespondents)
    .where(
      and(
        eq(consultationRespondents.communityId, sql.placeholder('communityId')),
        sql`${consultationRespondents.respondentKey}::text = any(${sql.placeholder('keys')}::text[])`,
      ),
    )
    .prepare('consultations_answered_by'),
);

/** GET /api/consultations: the office sees all; others those open to them, and closed ones (with results). */
export async function listConsultations({ ctx }: { ctx: AuthedCtx }) {
  const rows = await consultationsOf(ctx.db).execute({ communityId: ctx.communityId });
  const office = isOffice(ctx);
  const me = await ownResident(ctx);
  const led = ledGroups(ctx);
  const answered = me
    ? new Set((await answeredBy(ctx.db).execute({ communityId: ctx.communityId, keys: [me.id, ...(me.householdId ? [me.householdId] : [])] })).map((r) => r.id))
    : new Set<string>();
  // Which of them ask the caller: one statement for all of them.
  const asked = new Set<string>();
  if (me && rows.length) {
    const found = rowsOf<{ id: string }>(
      await ctx.db.execute(
        sql.join(
          rows.map(
            (c) => sql`select ${c.id}::uuid as id where exists (select 1 from ${residents} r
              where r.community_id = ${ctx.communityId}::uuid and r.id = ${me.id}::uuid and ${audienceWhere(c)})`,
          ),
          sql` union all `,
        ),
      ),
    );
    for (const f of found) asked.add(f.id);
  }
  const items = [];
  for (const c of rows) {
    const state = stateOf(c, ctx.now);
    const mine = asked.has(c.id);
    const leads = led.length > 0 && (!c.audience.groups?.length || c.audience.groups.some((g) => led.includes(g)));
    if (!office && state === 'upcoming') continue;
    if (!office && state === 'open' && !mine && !leads) continue;
    items.push({ ...consultationView(c, ctx.now), inAudience: mine, answered: answered.has(c.id), canEnterForOthers: office || leads });
  }
  return { items: items.reverse() };
}

/** GET /api/consultations/{id}: the questions, and the caller's own earlier answer where it is named. */
export async function getConsultation({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const c = await requireConsultation(ctx, input.id);
  const state = stateOf(c, ctx.now);
  const office = isOffice(ctx);
  if (state === 'upcoming' && !office) throw notFound('征求意见');
  const me = await ownResident(ctx);
  const mine = !!me && (await inAudience(ctx, c, me.id));
  const key = me ? (c.per === 'household' ? me.householdId : me.id) : null;
  let answered = false;
  let myAnswers: ConsultationAnswerItem[] | null = null;
  if (key) {
    const [r] = await ctx.db
      .select({ id: consultationRespondents.id })
      .from(consultationRespondents)
      .where(
        and(
          eq(consultationRespondents.communityId, ctx.communityId),
          eq(consultationRespondents.consultationId, c.id),
          eq(consultationRespondents.respondentKey, key),
        ),
      );
    answered = !!r;
    if (answered && !c.anonymous) {
      const [a] = await ctx.db
        .select({ answers: consultationAnswers.answers })
        .from(consultationAnswers)
        .where(
          and(eq(consultationAnswers.communityId, ctx.communityId), eq(consultationAnswers.consultationId, c.id), eq(consultationAnswers.respondentKey, key)),
        );
      myAnswers = a?.answers ?? null;
    }
  }
  const led = ledGroups(ctx);
  const leads = led.length > 0 && (!c.audience.groups?.length || c.audience.groups.some((g) => led.includes(g)));
  if (state === 'open' && !office && !mine && !leads) throw new AppError('NOT_IN_AUDIENCE', '这次征求意见不是问您的，无法查看。');
  return { ...consultationView(c, ctx.now), inAudience: mine, answered, myAnswers, canEnterForOthers: office || leads };
}

const receiptHash = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

export interface AnswerInput {
  id: string;
  answers: ConsultationAnswerItem[];
  onBehalfOfResidentId?: string;
  /** Anonymous consultations: the receipt given with the first answer, to change it. */
  receipt?: string;
}

/**
 * PUT /api/consultations/{id}/answer: the caller's answer, or one a group leader or the office
 * enters at the door for a resident without a phone; it replaces the earlier one until it closes.
 *
 * Anonymous: who answered goes in consultation_respondents; the answer row gets a random id, no
 * time and no person, and a receipt (given to the answerer only, kept as its hash) is the one way
 * back to it for a change.
 */
export async function answerConsultation({ ctx, input }: { ctx: AuthedCtx; input: AnswerInput }) {
  const c = await requireConsultation(ctx, input.id);
  const state = stateOf(c, ctx.now);
  if (state === 'upcoming' && !isOffice(ctx)) throw notFound('征求意见');
  if (state === 'upcoming') throw new AppError('CONSULTATION_CLOSED', '这次征求意见还没有开始，开始后才能回答。');
  if (state === 'closed') throw closed();
  let resident: Pick<typeof residents.$inferSelect, 'id' | 'householdId' | 'groupId' | 'status'> | null;
  const onBehalf = !!input.onBehalfOfResidentId;
  if (input.onBehalfOfResidentId) {
    const [r] = await ctx.db
      .select()
      .from(residents)
      .where(and(eq(residents.communityId, ctx.communityId), eq(residents.id, input.onBehalfOfResidentId)));
    if (!r || (!isOffice(ctx) && !ledGroups(ctx).includes(r.groupId))) throw notFound('居民');
    resident = r;
  } else {
    resident = await ownResident(ctx);
  }
  if (!resident || !(await inAudience(ctx, c, resident.id))) throw notInAudience();
  const answers = normaliseAnswers(c.questions, input.answers);
  for (const a of answers) if (a.text) await checkContent(ctx, a.text);
  const key = c.per === 'household' ? resident.householdId! : resident.id;
  const enteredBy = onBehalf ? ctx.actor.accountId : null;
  const r = resident;
  const result = await withTransaction(ctx, async (tx) => {
    const [first] = await tx.db
      .insert(consultationRespondents)
      .values({
        communityId: tx.communityId,
        consultationId: c.id,
        respondentKey: key,
        residentId: r.id,
        groupId: r.groupId,
        enteredByAccountId: enteredBy,
        answeredAt: tx.now,
      })
      .onConflictDoNothing()
      .returning({ id: consultationRespondents.id });
    if (!first) {
      await tx.db
        .update(consultationRespondents)
        .set({ residentId: r.id, groupId: r.groupId, enteredByAccountId: enteredBy, answeredAt: tx.now })
        .where(
          and(
            eq(consultationRespondents.communityId, tx.communityId),
            eq(consultationRespondents.consultationId, c.id),
            eq(consultationRespondents.respondentKey, key),
          ),
        );
    }
    if (!c.anonymous) {
      await tx.db
        .insert(consultationAnswers)
        .values({
          communityId: tx.communityId,
          consultationId: c.id,
          groupId: r.groupId,
          answers,
          respondentKey: key,
          residentId: r.id,
          householdId: r.householdId,
          enteredByAccountId: enteredBy,
          answeredAt: tx.now,
        })
        .onConflictDoUpdate({
          target: [consultationAnswers.communityId, consultationAnswers.consultationId, consultationAnswers.respondentKey],
          set: { answers, residentId: r.id, householdId: r.householdId, groupId: r.groupId, enteredByAccountId: enteredBy, answeredAt: tx.now },
        });
      return { changed: !first, receipt: null };
    }
    if (first) {
      const receipt = randomBytes(18).toString('base64url');
      await tx.db.insert(consultationAnswers).values({
        id: randomUUID(),
        communityId: tx.communityId,
        consultationId: c.id,
        groupId: r.groupId,
        answers,
        receiptHash: receiptHash(receipt),
      });
      return { changed: false, receipt };
    }
    const changedRows = input.receipt
      ? await tx.db
          .update(consultationAnswers)
          .set({ answers })
          .where(
            and(
              eq(consultationAnswers.communityId, tx.communityId),
              eq(consultationAnswers.consultationId, c.id),
              eq(consultationAnswers.receiptHash, receiptHash(input.receipt)),
            ),
          )
          .returning({ id: consultationAnswers.groupId })
      : [];
    if (changedRows.length === 0) {
      throw new AppError(
        'CONFLICT',
        c.per === 'household'
          ? '您家已经有人回答过了。这是不记名征求意见，只有提交时那台手机上的回执才能修改。'
          : '您已经回答过了。这是不记名征求意见，只有提交时那台手机上的回执才能修改。',
      );
    }
    return { changed: true, receipt: input.receipt! };
  });
  return {
    consultationId: c.id,
    answered: true as const,
    changed: result.changed,
    onBehalf,
    ...(result.receipt ? { receipt: result.receipt } : {}),
    closesAt: c.closesAt.toISOString(),
  };
}
