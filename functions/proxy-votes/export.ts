import { and, eq } from 'drizzle-orm';
import { proxyApplications } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { guardFormulas, newWorkbook } from '../_platform/spreadsheet.js';
import { chinaMinute } from '../_shared/china-time.js';
import { strokeOrder } from '../_shared/stroke-order.js';
import { anchorPrintedSheet } from '../audit/anchors.js';
import { requireCommittee, requireElection } from '../elections/elections.js';
import { selectApplications } from './queries.js';

const chinaTime = (d: Date | null) => (d ? chinaMinute(d) : '');

/** The approved entrustments for the polling station and the public list, voters in stroke order of their names. */
export async function approvedProxies(ctx: AuthedCtx, electionId: string) {
  const rows = await selectApplications(ctx).where(
    and(eq(proxyApplications.communityId, ctx.communityId), eq(proxyApplications.electionId, electionId), eq(proxyApplications.status, 'approved')),
  );
  return rows.sort((a, b) => strokeOrder.compare(a.applicantName, b.applicantName) || a.app.id.localeCompare(b.app.id));
}

export async function exportProxies({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string } }) {
  requireCommittee(ctx);
  const election = await requireElection(ctx, input.electionId);
  const rows = await approvedProxies(ctx, election.id);
  // The printed list carries the chain's head (API.md "Anchors"), checkable on the 公告核验 page.
  const anchor = await anchorPrintedSheet(ctx, {
    action: 'proxy_list.printed',
    what: 'proxy_list',
    subject: `election:${election.id}`,
    label: `${election.title}委托投票名单`,
    electionId: election.id,
    payload: { entries: rows.length },
  });
  const workbook = await newWorkbook(ctx.now);
  const sheet = workbook.addWorksheet('委托投票名单');
  sheet.addRow([`${election.title}　委托投票名单（选举日 ${election.electionDay}）`]).font = { bold: true, size: 14 };
  sheet.addRow(['序号', '委托人', '委托人所在小组', '受托人', '受托人所在小组', '批准时间']).font = { bold: true };
  rows.forEach((r, i) => {
    sheet.addRow([i + 1, r.applicantName, r.applicantGroupName, r.proxyName, r.proxyGroupName, chinaTime(r.app.decidedAt)]);
  });
  sheet.addRow([]);
  sheet.addRow([`核验码 ${anchor.code}（第${anchor.seq}条记录）　可在“公告核验”页输入核验码查验`]);
  sheet.columns.forEach((col, i) => {
    col.width = [6, 12, 16, 12, 16, 18][i];
  });
  guardFormulas(sheet);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return new Response(buffer, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="proxies.xlsx"; filename*=UTF-8''${encodeURIComponent('委托投票名单.xlsx')}`,
      'X-Anchor-Seq': String(anchor.seq),
      'X-Anchor-Code': anchor.code,
    },
  });
}
