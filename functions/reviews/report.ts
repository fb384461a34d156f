import { and, eq, sql } from 'drizzle-orm';
import {
  auditAnchors,
  consultations,
  electionBallots,
  electionRounds,
  electionTallies,
  electionVoters,
  proxyApplications,
  residentGroups,
  residents,
  reviewSections,
  serviceCategories,
  serviceRatings,
  serviceRequestEvents,
  serviceRequests,
  voterObjections,
} from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole } from '../_platform/context.js';
import { AppError, forbidden } from '../_platform/errors.js';
import { addDays, chinaDate, chinaMidnight } from '../_shared/china-time.js';
import { officeRoles } from '../_shared/roles.js';
import { turnoutByGroup } from '../consultations/results.js';
import { deskFacts } from '../election-desk/desk.js';
import { deskSteps } from '../election-desk/steps.js';
import { requireCommittee, requireElection } from '../elections/elections.js';

/** One figure of the report, with what it counts (`source`) so anyone can recount it from the record. */
export interface Figure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  source: string;
}

export interface Table {
  key: string;
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
  source: string;
}

export interface ReportSection {
  key: 'calendar' | 'election' | 'service' | 'consultations';
  title: string;
  figures: Figure[];
  tables: Table[];
}

// biome-ignore lint/suspicious/noExplicitAny: node-postgres and PGlite answer execute() in two shapes
const rowsOf = <T>(result: any): T[] => (Array.isArray(result) ? result : result.rows) as T[];
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

async function one<T>(ctx: Ctx, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await ctx.db.execute(query))[0]!;
}

async function electionSection(ctx: Ctx, electionId: string): Promise<ReportSection> {
  const c = ctx.communityId;
  const byGroup = rowsOf<{ name: string; voters: string; voted: string }>(
    await ctx.db.execute(sql`select g.name,
        (select count(*) from ${electionVoters} v join ${residents} r on r.community_id = v.community_id and r.id = v.resident_id
          where v.community_id = ${c}::uuid and v.election_id = ${electionId}::uuid and v.status = 'registered' and r.group_id = g.id) as voters,
        (select count(*) from ${electionBallots} b join ${residents} r on r.community_id = b.community_id and r.id = b.voter_resident_id
          where b.community_id = ${c}::uuid and b.election_id = ${electionId}::uuid and b.round = 1 and r.group_id = g.id) as voted
      from ${residentGroups} g where g.community_id = ${c}::uuid order by g.sort_order, g.name`),
  );
  const f = await one<Record<string, unknown>>(
    ctx,
    sql`select
      (select count(*) from ${electionVoters} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and status = 'registered') as voters,
      (select count(*) from ${electionBallots} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and round = 1) as ballots,
      (select count(*) from ${electionBallots} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and round = 1 and proxy_application_id is not null) as by_proxy,
      (select count(*) from ${proxyApplications} where community_id = ${c}::uuid and election_id = ${electionId}::uuid) as proxies,
      (select count(*) from ${proxyApplications} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and status = 'approved') as proxies_approved,
      (select count(*) from ${voterObjections} where community_id = ${c}::uuid and election_id = ${electionId}::uuid) as objections,
      (select count(*) from ${voterObjections} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and status = 'upheld') as upheld,
      (select count(*) from ${voterObjections} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and status = 'dismissed') as dismissed,
      (select count(*) from ${voterObjections} where community_id = ${c}::uuid and election_id = ${electionId}::uuid and status = 'open') as objections_open,
      (select count(*) from ${electionRounds} where community_id = ${c}::uuid and election_id = ${electionId}::uuid) as later_rounds,
      (select coalesce(sum(t.invalid_ballots), 0) from (select distinct on (round) round, invalid_ballots from ${electionTallies}
        where community_id = ${c}::uuid and election_id = ${electionId}::uuid order by round, created_at desc, id desc) t) as invalid,
      (select coalesce(sum(t.ballots_cast), 0) from (select distinct on (round) round, ballots_cast from ${electionTallies}
        where community_id = ${c}::uuid and election_id = ${electionId}::uuid order by round, created_at desc, id desc) t) as cast_all,
      (select count(*) from ${auditAnchors} where community_id = ${c}::uuid and election_id = ${electionId}::uuid) as anchors`,
  );
  const voters = Number(f.voters);
  const ballots = Number(f.ballots);
  const anchors = await ctx.db
    .select({ code: auditAnchors.code, label: auditAnchors.label, seq: auditAnchors.seq, at: auditAnchors.at })
    .from(auditAnchors)
    .where(and(eq(auditAnchors.communityId, c), eq(auditAnchors.electionId, electionId)))
    .orderBy(auditAnchors.seq);
  return {
    key: 'election',
    title: '选举',
    figures: [
      { key: 'voters', label: '登记选民', value: voters, unit: '人', source: 'election_voters：本次选举状态为 registered 的选民数' },
      { key: 'ballots', label: '领取选票（第一轮）', value: ballots, unit: '张', source: 'election_ballots：第一轮发出的选票数（每位选民一张，含委托代领）' },
      { key: 'turnout', label: '参选率', value: pct(ballots, voters), unit: '%', source: '第一轮发出的选票数 ÷ 登记选民数' },
      { key: 'byProxy', label: '委托投票', value: Number(f.by_proxy), unit: '张', source: 'election_ballots：第一轮由受托人代领的选票数' },
      { key: 'proxies', label: '委托申请', value: Number(f.proxies), unit: '件', source: 'proxy_applications：本次选举的全部委托申请' },
      { key: 'proxiesApproved', label: '委托获批', value: Number(f.proxies_approved), unit: '件', source: 'proxy_applications：状态为 approved 的委托' },
      { key: 'objections', label: '选民名单异议', value: Number(f.objections), unit: '件', source: 'voter_objections：本次选举的全部异议和参选申请' },
      { key: 'objectionsUpheld', label: '异议成立', value: Number(f.upheld), unit: '件', source: 'voter_objections：状态为 upheld' },
      { key: 'objectionsDismissed', label: '异议不成立', value: Number(f.dismissed), unit: '件', source: 'voter_objections：状态为 dismissed' },
      { key: 'objectionsOpen', label: '异议未处理', value: Number(f.objections_open), unit: '件', source: 'voter_objections：状态为 open' },
      { key: 'rounds', label: '投票轮次', value: 1 + Number(f.later_rounds), unit: '轮', source: '第一轮加 election_rounds 中的另行选举、重新投票轮次' },
      { key: 'invalidBallots', label: '无效票', value: Number(f.invalid), unit: '张', source: 'election_tallies：每一轮最后一次计票录入的无效票之和' },
      { key: 'ballotsCast', label: '收回选票', value: Number(f.cast_all), unit: '张', source: 'election_tallies：每一轮最后一次计票录入的收回票数之和' },
      { key: 'anchors', label: '审计锚点', value: Number(f.anchors), unit: '个', source: 'audit_anchors：本次选举公告、结果张贴等印在纸上的核验码' },
    ],
    tables: [
      {
        key: 'turnoutByGroup',
        title: '各小组登记和参选',
        columns: ['居民小组', '登记选民', '领取选票', '参选率%'],
        rows: byGroup.map((g) => [g.name, Number(g.voters), Number(g.voted), pct(Number(g.voted), Number(g.voters))]),
        source: '按选民所在小组：election_voters（registered）与第一轮 election_ballots',
      },
      {
        key: 'anchors',
        title: '审计锚点',
        columns: ['核验码', '内容', '链上序号', '时间'],
        rows: anchors.map((a) => [a.code, a.label, a.seq, chinaDate(a.at)]),
        source: 'audit_anchors：本次选举',
      },
    ],
  };
}

async function serviceSection(ctx: Ctx, from: Date, to: Date): Promise<ReportSection> {
  const c = ctx.communityId;
  const inPeriod = sql`r.community_id = ${c}::uuid and r.created_at >= ${from.toISOString()}::timestamptz and r.created_at < ${to.toISOString()}::timestamptz`;
  const rows = rowsOf<Record<string, unknown>>(
    await ctx.db.execute(sql`select r.category_code as code, coalesce(max(sc.name), r.category_code) as name,
        count(*) as total,
        count(r.first_reply_at) as replied,
        count(*) filter (where r.first_reply_at is not null and r.first_reply_at <= r.accept_due_at) as replied_in_time,
        avg(extract(epoch from (r.first_reply_at - r.created_at)) / 3600) as reply_hours,
        count(r.resolved_at) as resolved,
        count(*) filter (where r.resolved_at is not null and r.resolved_at <= r.resolve_due_at) as resolved_in_time,
        avg(extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolve_hours,
        count(*) filter (where exists (select 1 from ${serviceRequestEvents} e where e.community_id = r.community_id and e.request_id = r.id and e.type = 'reopened')) as reopened,
        count(sr.id) as rated,
        avg(sr.score) as rating
      from ${serviceRequests} r
      left join ${serviceCategories} sc on sc.community_id = r.community_id and sc.code = r.category_code
      left join ${serviceRatings} sr on sr.community_id = r.community_id and sr.request_id = r.id
      where ${inPeriod}
      group by r.category_code order by count(*) desc, r.category_code`),
  );
  const sum = (k: string) => rows.reduce((s, r) => s + Number(r[k]), 0);
  const t = await one<Record<string, unknown>>(
    ctx,
    sql`select avg(extract(epoch from (r.first_reply_at - r.created_at)) / 3600) as reply_hours,
      avg(extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolve_hours,
      (select avg(sr.score) from ${serviceRatings} sr join ${serviceRequests} r on r.community_id = sr.community_id and r.id = sr.request_id where ${inPeriod}) as rating
      from ${serviceRequests} r where ${inPeriod}`,
  );
  const total = sum('total');
  return {
    key: 'service',
    title: '便民服务',
    figures: [
      { key: 'requests', label: '办事申请', value: total, unit: '件', source: 'service_requests：期间内提交的申请' },
      { key: 'repliedInTime', label: '按时首次答复', value: sum('replied_in_time'), unit: '件', source: '首次答复时间不晚于受理期限（accept_due_at）的申请' },
      { key: 'repliedInTimeRate', label: '按时答复率', value: pct(sum('replied_in_time'), total), unit: '%', source: '按时首次答复数 ÷ 办事申请数' },
      { key: 'replyHours', label: '平均首次答复用时', value: hours(t.reply_hours), unit: '小时', source: '已答复申请从提交到首次答复的平均小时数' },
      { key: 'resolved', label: '办结', value: sum('resolved'), unit: '件', source: 'service_requests：有办结时间（resolved_at）的申请' },
      { key: 'resolvedInTime', label: '按期办结', value: sum('resolved_in_time'), unit: '件', source: '办结时间不晚于办结期限（resolve_due_at）的申请' },
      { key: 'resolveHours', label: '平均办结用时', value: hours(t.resolve_hours), unit: '小时', source: '已办结申请从提交到办结的平均小时数' },
      { key: 'reopened', label: '重新打开', value: sum('reopened'), unit: '件', source: 'service_request_events：有 reopened 记录的申请数' },
      { key: 'rated', label: '居民评价', value: sum('rated'), unit: '件', source: 'service_ratings：期间内申请的评价数' },
      {
        key: 'rating',
        label: '平均评分',
        value: t.rating === null ? null : Math.round(Number(t.rating) * 10) / 10,
        unit: '分',
        source: 'service_ratings：评分（1–5）的平均',
      },
    ],
    tables: [
      {
        key: 'byCategory',
        title: '按类别',
        columns: ['类别', '申请', '按时答复', '平均答复小时', '办结', '按期办结', '平均办结小时', '重新打开', '评价', '平均评分'],
        rows: rows.map((r) => [
          String(r.name),
          Number(r.total),
          Number(r.replied_in_time),
          hours(r.reply_hours),
          Number(r.resolved),
          Number(r.resolved_in_time),
          hours(r.resolve_hours),
          Number(r.reopened),
          Number(r.rated),
          r.rating === null ? null : Math.round(Number(r.rating) * 10) / 10,
        ]),
        source: 'service_requests 按类别（category_code），期间内提交的',
      },
    ],
  };
}

async function consultationSection(ctx: Ctx, from: Date, to: Date): Promise<ReportSection> {
  const held = await ctx.db
    .select()
    .from(consultations)
    .where(
      and(
        eq(consultations.communityId, ctx.communityId),
        sql`${consultations.opensAt} < ${to.toISOString()}::timestamptz`,
        sql`${consultations.closesAt} > ${from.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(consultations.opensAt);
  const rows: (string | number | null)[][] = [];
  let audience = 0;
  let answered = 0;
  for (const c of held) {
    const groups = await turnoutByGroup(ctx, c);
    const a = groups.reduce((s, g) => s + g.audience, 0);
    const n = groups.reduce((s, g) => s + g.answered, 0);
    audience += a;
    answered += n;
    rows.push([c.title, chinaDate(c.opensAt), chinaDate(c.closesAt), c.per === 'household' ? '每户' : '每人', a, n, pct(n, a)]);
  }
  return {
    key: 'consultations',
    title: '征求意见',
    figures: [
      { key: 'consultations', label: '征求意见次数', value: held.length, unit: '次', source: 'consultations：期间内开放过的征求意见' },
      { key: 'consultationAnswered', label: '参与（人或户）', value: answered, unit: '', source: 'consultation_respondents：各次征求意见的回答人（户）数之和' },
      { key: 'consultationTurnout', label: '平均参与率', value: pct(answered, audience), unit: '%', source: '回答人（户）数之和 ÷ 应答人（户）数之和' },
    ],
    tables: [
      {
        key: 'held',
        title: '各次征求意见',
        columns: ['标题', '开始', '截止', '单位', '应答', '已答', '参与率%'],
        rows,
        source: 'consultations 与 consultation_respondents',
      },
    ],
  };
}

const badPeriod = (message: string) => new AppError('VALIDATION_FAILED', message, { errors: [{ path: 'query.from', message }] });

/** GET /api/reviews: the review report (回头检视报告) of an election and a period, assembled from the record. */
export async function reviewReport({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; from?: string; to?: string } }) {
  if (!hasRole(ctx.actor, ctx.communityId, ...officeRoles)) throw forbidden();
  const election = await requireElection(ctx, input.electionId);
  const to = input.to ?? chinaDate(ctx.now);
  const from = input.from ?? addDays(to, -90);
  if (from > to) throw badPeriod('开始日期不能晚于结束日期。');
  const fromAt = chinaMidnight(from);
  const toAt = chinaMidnight(addDays(to, 1));
  const facts = await deskFacts(ctx, election);
  const steps = deskSteps(facts);
  const calendar: ReportSection = {
    key: 'calendar',
    title: '选举日程',
    figures: [
      {
        key: 'stepsKept',
        label: '按期完成的步骤',
        value: steps.filter((s) => s.state === 'done' && (!s.dueBy || !s.doneAt || chinaDate(s.doneAt) <= s.dueBy)).length,
        unit: '步',
        source: '选举工作台的步骤中已完成、且完成日期不晚于法定期限的',
      },
      {
        key: 'stepsLate',
        label: '误期的步骤',
        value: steps.filter((s) => s.state === 'late' || (s.state === 'done' && !!s.dueBy && !!s.doneAt && chinaDate(s.doneAt) > s.dueBy)).length,
        unit: '步',
        source: '已过法定期限仍未完成，或完成日期晚于期限的步骤',
      },
    ],
    tables: [
      {
        key: 'steps',
        title: '各步骤',
        columns: ['步骤', '法定期限', '完成日期', '情况'],
        rows: steps.map((s) => [
          s.title,
          s.dueBy,
          s.doneAt ? chinaDate(s.doneAt) : null,
          s.state === 'done'
            ? s.dueBy && s.doneAt && chinaDate(s.doneAt) > s.dueBy
              ? '误期完成'
              : '已完成'
            : s.state === 'late'
              ? '已误期'
              : s.state === 'due'
                ? '未到期限'
                : '未完成',
        ]),
        source: 'GET /api/elections/{id}/steps 的步骤（选举工作台的同一组事实）',
      },
    ],
  };
  const [electionPart, service, consulted, sections] = await Promise.all([
    electionSection(ctx, election.id),
    serviceSection(ctx, fromAt, toAt),
    consultationSection(ctx, fromAt, toAt),
    ctx.db
      .select()
      .from(reviewSections)
      .where(and(eq(reviewSections.communityId, ctx.communityId), eq(reviewSections.electionId, election.id))),
  ]);
  const own = sections[0];
  return {
    electionId: election.id,
    electionTitle: election.title,
    electionDay: election.electionDay,
    from,
    to,
    generatedAt: ctx.now.toISOString(),
    sections: [calendar, electionPart, service, consulted],
    own: own
      ? { experience: own.experience, shortcomings: own.shortcomings, highlights: own.highlights, updatedAt: own.updatedAt.toISOString() }
      : { experience: '', shortcomings: '', highlights: '', updatedAt: null },
  };
}

/** PUT /api/reviews/{electionId}/sections: the committee's own words (经验, 短板 and what is done, 亮点). */
export async function saveReviewSections({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; experience: string; shortcomings: string; highlights: string };
}) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const values = {
    experience: input.experience,
    shortcomings: input.shortcomings,
    highlights: input.highlights,
    updatedByAccountId: ctx.actor.accountId,
    updatedAt: ctx.now,
  };
  await ctx.db
    .insert(reviewSections)
    .values({ communityId: ctx.communityId, electionId: election.id, ...values })
    .onConflictDoUpdate({ target: [reviewSections.communityId, reviewSections.electionId], set: values });
  return { ...input, electionId: election.id, updatedAt: ctx.now.toISOString() };
}

/** GET /api/reviews/report.xlsx: every figure with its source, and every table, as a spreadsheet. */
export async function reviewSpreadsheet({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; from?: string; to?: string } }) {
  const report = await reviewReport({ ctx, input });
  const { guardFormulas, headedSheet, newWorkbook } = await import('../_platform/spreadsheet.js');
  const workbook = await newWorkbook(ctx.now);
  const figures = headedSheet(workbook, '数据', [
    { header: '部分', key: 's', width: 12 },
    { header: '项目', key: 'l', width: 20 },
    { header: '数值', key: 'v', width: 10 },
    { header: '单位', key: 'u', width: 8 },
    { header: '来源', key: 'src', width: 60 },
  ]);
  for (const s of report.sections) for (const f of s.figures) figures.addRow({ s: s.title, l: f.label, v: f.value ?? '', u: f.unit, src: f.source });
  guardFormulas(figures);
  for (const s of report.sections) {
    for (const t of s.tables) {
      const sheet = workbook.addWorksheet(`${s.title}-${t.title}`.slice(0, 31));
      sheet.addRow(t.columns).font = { bold: true };
      for (const r of t.rows) sheet.addRow(r.map((v) => v ?? ''));
      sheet.addRow([]);
      sheet.addRow([`来源：${t.source}`]);
      guardFormulas(sheet);
    }
  }
  const own = headedSheet(workbook, '委员会总结', [
    { header: '部分', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 80 },
  ]);
  own.addRow({ k: '经验', v: report.own.experience });
  own.addRow({ k: '短板和整改', v: report.own.shortcomings });
  own.addRow({ k: '亮点', v: report.own.highlights });
  guardFormulas(own);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return new Response(buffer, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="review.xlsx"; filename*=UTF-8''${encodeURIComponent('回头检视报告.xlsx')}`,
    },
  });
}
