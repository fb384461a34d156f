import { and, asc, eq, inArray } from 'drizzle-orm';
import { communities, electionNominations, electionVoters, households, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { guardFormulas, newWorkbook } from '../_platform/spreadsheet.js';
import { requireCommittee, requireElection } from './elections.js';
import { ageOn } from './rules.js';

interface SheetRow {
  group: string;
  household: string;
  name: string;
  idNumberMasked: string;
  age: number;
  status?: string;
}

async function workbookOf(ctx: AuthedCtx, sheetName: string, title: string, rows: SheetRow[], withStatus: boolean) {
  const workbook = await newWorkbook(ctx.now);
  // The author is the community whose committee exported it.
  const [community] = await ctx.db.select({ name: communities.name }).from(communities).where(eq(communities.id, ctx.communityId));
  workbook.creator = community!.name;
  workbook.modified = ctx.now;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToWidth: 1 },
  });
  const columns = [
    { header: '居民小组', key: 'group', width: 16 },
    { header: '户', key: 'household', width: 16 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '身份证号', key: 'idNumberMasked', width: 22 },
    { header: '年龄', key: 'age', width: 8 },
    ...(withStatus ? [{ header: '状态', key: 'status', width: 10 }] : []),
  ];
  // Row 1: the title, as the notice board shows it; row 2: the headers.
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  for (const r of rows) {
    sheet.addRow([r.group, r.household, r.name, r.idNumberMasked, r.age, ...(withStatus ? [r.status ?? ''] : [])]);
  }
  guardFormulas(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const xlsx = (buffer: Uint8Array, ascii: string, chinese: string) =>
  new Response(buffer as BodyInit, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`,
    },
  });

const columns = {
  group: residentGroups.name,
  household: households.label,
  name: residents.name,
  idNumberMasked: residents.idNumberMasked,
  birthDate: residents.birthDate,
};

/** The voter list for the polling station and the notice, by group and household. */
export async function exportVoters({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const rows = await ctx.db
    .select({ ...columns, age: electionVoters.ageOnElectionDay })
    .from(electionVoters)
    .innerJoin(residents, and(eq(residents.id, electionVoters.residentId), eq(residents.communityId, electionVoters.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)))
    .where(and(eq(electionVoters.communityId, ctx.communityId), eq(electionVoters.electionId, election.id), eq(electionVoters.status, 'registered')))
    .orderBy(asc(residentGroups.sortOrder), asc(households.label), asc(residents.birthDate), asc(residents.id));
  const buffer = await workbookOf(
    ctx,
    '选民名单',
    `${election.title} 选民名单（选举日 ${election.electionDay}，共${rows.length}人）`,
    rows.map((r) => ({ ...r, household: r.household ?? '' })),
    false,
  );
  return xlsx(buffer, 'voters.xlsx', `选民名单-${election.electionDay}.xlsx`);
}

const nominationStatusNames = { nominated: '待确认', confirmed: '已确认', withdrawn: '已撤回' } as const;

/** The resident representatives recommended by each group (confirmed and awaiting confirmation). */
export async function exportNominations({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const rows = await ctx.db
    .select({ ...columns, status: electionNominations.status })
    .from(electionNominations)
    .innerJoin(residents, and(eq(residents.id, electionNominations.residentId), eq(residents.communityId, electionNominations.communityId)))
    .innerJoin(residentGroups, eq(residentGroups.id, electionNominations.groupId))
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)))
    .where(
      and(
        eq(electionNominations.communityId, ctx.communityId),
        eq(electionNominations.electionId, election.id),
        inArray(electionNominations.status, ['nominated', 'confirmed']),
      ),
    )
    .orderBy(asc(residentGroups.sortOrder), asc(electionNominations.createdAt), asc(electionNominations.id));
  const buffer = await workbookOf(
    ctx,
    '居民代表',
    `${election.title} 各居民小组推荐的居民代表`,
    rows.map((r) => ({ ...r, household: r.household ?? '', age: ageOn(r.birthDate, election.electionDay), status: nominationStatusNames[r.status] })),
    true,
  );
  return xlsx(buffer, 'nominations.xlsx', `居民代表-${election.electionDay}.xlsx`);
}
