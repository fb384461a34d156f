import { and, asc, eq, sql } from 'drizzle-orm';
import { consultationAnswers, consultationRespondents, households, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { forbidden, notFound } from '../_platform/errors.js';
import { perDatabase, perDatabaseShape } from '../_platform/prepared.js';
import { guardFormulas, headedSheet, newWorkbook } from '../_platform/spreadsheet.js';
import {
  type AudienceShape,
  audienceCondition,
  audiencePlaceholders,
  audienceShape,
  audienceValues,
  audienceWhere,
  type ConsultationRow,
  isOffice,
  ledGroups,
  requireConsultation,
  rowsOf,
  stateOf,
} from './consultations.js';
import { scaleMax } from './rules.js';

interface QuestionResult {
  kind: 'single' | 'multiple' | 'scale' | 'text';
  text: string;
  options: string[];
  /** Answers given to this question (a question may be left blank). */
  answered: number;
  /** single, multiple: how many chose each option; scale: how many gave each value 1..max. */
  counts: number[];
  /** scale: the mean of the values given, one decimal. */
  mean: number | null;
  /** text: what was written. */
  texts: string[];
}

/**
 * Each group with its audience (residents, or households where it is one answer a household) and
 * who answered, from the record of who answered: one statement per shape of audience, built once
 * per database and prepared. The sub-selects name the group through `resident_groups` written
 * out: in a one-table select drizzle writes columns unqualified, and `id` would be read as the
 * inner table's own.
 */
const turnoutQuery = perDatabaseShape((db, shape: AudienceShape) => {
  const group = (column: string) => sql`${residentGroups}.${sql.identifier(column)}`;
  const unit = shape.household ? sql`count(distinct r.household_id)` : sql`count(*)`;
  return db
    .select({
      groupId: residentGroups.id,
      groupName: residentGroups.name,
      audience: sql<number>`(select ${unit} from ${residents} r where r.community_id = ${group('community_id')} and r.group_id = ${group('id')}
        and ${audienceCondition(shape, audiencePlaceholders)})`.mapWith(Number),
      answered: sql<number>`(select count(*) from ${consultationRespondents} cr where cr.community_id = ${group('community_id')}
        and cr.consultation_id = ${sql.placeholder('consultationId')} and cr.group_id = ${group('id')})`.mapWith(Number),
    })
    .from(residentGroups)
    .where(eq(residentGroups.communityId, sql.placeholder('communityId')))
    .orderBy(asc(residentGroups.sortOrder), asc(residentGroups.name))
    .prepare(`consultation_turnout_${shape.groups ? 'g' : ''}${shape.households ? 'h' : ''}${shape.voters ? 'v' : ''}${shape.household ? 'p' : ''}`);
});

/** Who answered and the audience, per group (the groups with either): exact counts from the record of who answered. */
export async function turnoutByGroup(ctx: Ctx, c: ConsultationRow) {
  const rows = await turnoutQuery(ctx.db, audienceShape(c)).execute({ communityId: ctx.communityId, consultationId: c.id, ...audienceValues(c) });
  return rows.filter((g) => g.audience > 0 || g.answered > 0);
}

function tally(c: ConsultationRow, rows: { answers: typeof consultationAnswers.$inferSelect.answers }[]): QuestionResult[] {
  const out = c.questions.map(
    (q): QuestionResult => ({
      kind: q.kind,
      text: q.text,
      options: q.options ?? (q.kind === 'scale' ? Array.from({ length: scaleMax(q) }, (_, i) => `${i + 1} 分`) : []),
      answered: 0,
      counts: q.kind === 'text' ? [] : new Array(q.kind === 'scale' ? scaleMax(q) : (q.options?.length ?? 0)).fill(0),
      mean: null,
      texts: [],
    }),
  );
  const sums = new Array(c.questions.length).fill(0);
  for (const row of rows) {
    row.answers.forEach((a, i) => {
      const r = out[i];
      if (!r) return;
      if (a.option !== undefined && r.counts[a.option] !== undefined) {
        r.counts[a.option]!++;
        r.answered++;
      } else if (a.options?.length) {
        for (const o of a.options) if (r.counts[o] !== undefined) r.counts[o]!++;
        r.answered++;
      } else if (a.value !== undefined && r.counts[a.value - 1] !== undefined) {
        r.counts[a.value - 1]!++;
        sums[i] += a.value;
        r.answered++;
      } else if (a.text) {
        r.texts.push(a.text);
        r.answered++;
      }
    });
  }
  out.forEach((r, i) => {
    if (r.kind === 'scale' && r.answered > 0) r.mean = Math.round((sums[i] / r.answered) * 10) / 10;
  });
  return out;
}

// Anonymous rows have random ids and no time: ordered by id they come out in no telling order.
const answersOf = perDatabase((db) =>
  db
    .select({
      answers: consultationAnswers.answers,
      groupId: consultationAnswers.groupId,
      residentId: consultationAnswers.residentId,
      enteredBy: consultationAnswers.enteredByAccountId,
    })
    .from(consultationAnswers)
    .where(and(eq(consultationAnswers.communityId, sql.placeholder('communityId')), eq(consultationAnswers.consultationId, sql.placeholder('consultationId'))))
    .orderBy(asc(consultationAnswers.id))
    .prepare('consultation_answers_of'),
);

const answerRows = (ctx: Ctx, c: ConsultationRow) => answersOf(ctx.db).execute({ communityId: ctx.communityId, consultationId: c.id });

function mayRead(ctx: AuthedCtx, c: ConsultationRow) {
  if (!isOffice(ctx) && stateOf(c, ctx.now) !== 'closed') throw forbidden();
}

/** GET /api/consultations/{id}/results: live for the office; everyone's once it has closed. */
export async function consultationResults({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const c = await requireConsultation(ctx, input.id);
  mayRead(ctx, c);
  // One after the other: on one pooled connection in turn, not two at once.
  const rows = await answerRows(ctx, c);
  const groups = await turnoutByGroup(ctx, c);
  const byGroup = groups.map((g) => ({
    ...g,
    questions: tally(
      c,
      rows.filter((r) => r.groupId === g.groupId),
    ).map((q) => ({ counts: q.counts, mean: q.mean })),
  }));
  return {
    id: c.id,
    title: c.title,
    purpose: c.purpose,
    per: c.per,
    anonymous: c.anonymous,
    state: stateOf(c, ctx.now),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    answered: groups.reduce((s, g) => s + g.answered, 0),
    audience: groups.reduce((s, g) => s + g.audience, 0),
    questions: tally(c, rows),
    byGroup,
  };
}

/** GET /api/consultations/{id}/results.xlsx: the results, turnout by group, what was written, and each answer (no names where anonymous). */
export async function consultationSpreadsheet({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const c = await requireConsultation(ctx, input.id);
  if (!isOffice(ctx)) throw forbidden();
  const results = await consultationResults({ ctx, input });
  const rows = await answerRows(ctx, c);
  const names = new Map<string, string>();
  if (!c.anonymous) {
    const people = await ctx.db.select({ id: residents.id, name: residents.name }).from(residents).where(eq(residents.communityId, ctx.communityId));
    for (const p of people) names.set(p.id, p.name);
  }
  const groupNames = new Map(results.byGroup.map((g) => [g.groupId, g.groupName]));
  const workbook = await newWorkbook(ctx.now);
  const summary = headedSheet(workbook, '结果', [
    { header: '题目', key: 'q', width: 36 },
    { header: '选项', key: 'o', width: 20 },
    { header: '人数', key: 'n', width: 10 },
  ]);
  summary.addRow({ q: `${c.title}（应答 ${results.audience}，已答 ${results.answered}）`, o: '', n: '' });
  results.questions.forEach((q, i) => {
    if (q.kind === 'text') summary.addRow({ q: `${i + 1}. ${q.text}`, o: '填写', n: q.texts.length });
    else
      q.options.forEach((o, j) => {
        summary.addRow({ q: `${i + 1}. ${q.text}`, o, n: q.counts[j] ?? 0 });
      });
    if (q.mean !== null) summary.addRow({ q: `${i + 1}. ${q.text}`, o: '平均分', n: q.mean });
  });
  const turnout = headedSheet(workbook, '分组参与', [
    { header: '居民小组', key: 'g', width: 16 },
    { header: c.per === 'household' ? '应答户数' : '应答人数', key: 'a', width: 12 },
    { header: '已答', key: 'n', width: 10 },
  ]);
  for (const g of results.byGroup) turnout.addRow({ g: g.groupName, a: g.audience, n: g.answered });
  const texts = headedSheet(workbook, '意见原文', [
    { header: '题目', key: 'q', width: 30 },
    { header: '内容', key: 't', width: 60 },
  ]);
  results.questions.forEach((q, i) => {
    for (const t of q.texts) texts.addRow({ q: `${i + 1}. ${q.text}`, t });
  });
  const sheet = headedSheet(workbook, '答卷', [
    ...(c.anonymous
      ? []
      : [
          { header: '居民', key: 'who', width: 12 },
          { header: '代填', key: 'by', width: 8 },
        ]),
    { header: '居民小组', key: 'g', width: 14 },
    ...c.questions.map((q, i) => ({ header: `${i + 1}. ${q.text}`, key: `q${i}`, width: 24 })),
  ]);
  for (const r of rows) {
    const cells: Record<string, string | number> = { g: groupNames.get(r.groupId) ?? '' };
    if (!c.anonymous) {
      cells.who = r.residentId ? (names.get(r.residentId) ?? '') : '';
      cells.by = r.enteredBy ? '是' : '';
    }
    r.answers.forEach((a, i) => {
      const q = c.questions[i]!;
      cells[`q${i}`] =
        a.option !== undefined
          ? (q.options?.[a.option] ?? '')
          : a.options?.length
            ? a.options.map((o) => q.options?.[o] ?? '').join('、')
            : a.value !== undefined
              ? a.value
              : (a.text ?? '');
    });
    sheet.addRow(cells);
  }
  for (const s of [summary, turnout, texts, sheet]) guardFormulas(s);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return new Response(buffer, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="consultation.xlsx"; filename*=UTF-8''${encodeURIComponent(`${c.title}.xlsx`)}`,
    },
  });
}

/**
 * GET /api/consultations/{id}/turnout: a group leader's own groups (the office's: all), each with
 * who in it has not answered yet and their household, so the leader knows whose door to knock on.
 * Whether someone answered is kept even when the answers are anonymous; what they answered is not.
 */
export async function consultationTurnout({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const c = await requireConsultation(ctx, input.id);
  const office = isOffice(ctx);
  const led = ledGroups(ctx);
  if (!office && led.length === 0) throw forbidden();
  const all = await turnoutByGroup(ctx, c);
  const groups = office ? all : all.filter((g) => led.includes(g.groupId));
  if (!office && groups.length === 0) throw notFound('征求意见');
  const keyCol = c.per === 'household' ? sql`r.household_id` : sql`r.id`;
  const ids = groups.map((g) => sql`${g.groupId}::uuid`);
  const waiting = ids.length
    ? rowsOf<{ id: string; name: string; group_id: string; household: string | null }>(
        await ctx.db.execute(sql`select r.id, r.name, r.group_id, h.label as household from ${residents} r
          left join ${households} h on h.community_id = r.community_id and h.id = r.household_id
          where r.community_id = ${ctx.communityId}::uuid and r.group_id in (${sql.join(ids, sql`, `)}) and ${audienceWhere(c)}
            and not exists (select 1 from ${consultationRespondents} cr where cr.community_id = r.community_id
              and cr.consultation_id = ${c.id}::uuid and cr.respondent_key = ${keyCol})
          order by h.label nulls last, r.name limit 2000`),
      )
    : [];
  return {
    id: c.id,
    title: c.title,
    per: c.per,
    state: stateOf(c, ctx.now),
    groups: groups.map((g) => ({
      ...g,
      waiting: waiting.filter((w) => w.group_id === g.groupId).map((w) => ({ residentId: w.id, name: w.name, household: w.household })),
    })),
  };
}
