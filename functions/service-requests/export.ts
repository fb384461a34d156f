import type { AuthedCtx } from '../_platform/context.js';
import { guardFormulas, headedSheet, newWorkbook } from '../_platform/spreadsheet.js';
import { chinaMinute } from '../_shared/china-time.js';
import { type ListInput, listServiceRequests } from './list.js';
import { statusNames } from './rules.js';

const MAX_ROWS = 10_000;

/** The staff queue, with the same filters, as a spreadsheet (China time, Chinese headers). */
export async function exportServiceRequests({ ctx, input }: { ctx: AuthedCtx; input: Omit<ListInput, 'limit' | 'cursor' | 'sort'> }) {
  const workbook = await newWorkbook(ctx.now);
  const sheet = headedSheet(workbook, '办事申请', [
    { header: '提交时间', key: 'createdAt', width: 20 },
    { header: '类别', key: 'category', width: 12 },
    { header: '标题', key: 'title', width: 30 },
    { header: '居民', key: 'resident', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '是否超时', key: 'overdue', width: 10 },
    { header: '代办', key: 'onBehalf', width: 8 },
    { header: '期限', key: 'dueAt', width: 20 },
  ]);
  const china = (iso: string | null) => (iso ? chinaMinute(iso) : '');
  let cursor: string | undefined;
  let written = 0;
  do {
    const page = await listServiceRequests({ ctx, input: { ...input, sort: 'newest', limit: 100, cursor } });
    for (const r of page.items) {
      sheet.addRow({
        createdAt: china(r.createdAt),
        category: r.categoryName,
        title: r.title,
        resident: r.residentName ?? '',
        status: statusNames[r.status],
        overdue: r.overdue ? '超时' : '',
        onBehalf: r.onBehalf ? '是' : '',
        dueAt: china(r.dueAt),
      });
    }
    written += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && written < MAX_ROWS);
  guardFormulas(sheet);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return new Response(buffer, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="service-requests.xlsx"; filename*=UTF-8''${encodeURIComponent('办事申请.xlsx')}`,
    },
  });
}
