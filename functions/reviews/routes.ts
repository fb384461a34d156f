import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles, officeRoles } from '../_shared/roles.js';
import { ReviewSections } from './bodies.js';
import { ReviewReport, SavedReviewSections } from './replies.js';
import { reviewReport, reviewSpreadsheet, saveReviewSections } from './report.js';

const tag = 'consultations';
const Period = z.object({
  electionId: z.uuid('请选择选举'),
  from: z.iso.date('开始日期格式如 2027-01-01').optional(),
  to: z.iso.date('结束日期格式如 2027-03-31').optional(),
});

/** The review report (回头检视报告) of an election and a period, from the record, with the committee's own sections. */
export const reviewRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/reviews',
    summary: "The review report's figures for an election and a period, each with its source (committee, staff)",
    tag,
    access: officeRoles,
    query: Period,
    response: ReviewReport,
    handle: ({ ctx, input }) => reviewReport({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/reviews/report.xlsx',
    summary: 'The review report as a spreadsheet: the figures with their sources, the tables and the sections (committee, staff)',
    tag,
    access: officeRoles,
    query: Period,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handle: ({ ctx, input }) => reviewSpreadsheet({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/reviews/:electionId/sections',
    summary: "The committee's own sections of the report: 经验, 短板 and what is done, 亮点 (committee)",
    tag,
    access: committeeRoles,
    params: z.object({ electionId: z.uuid('选举编号无效') }),
    body: ReviewSections,
    response: SavedReviewSections,
    handle: ({ ctx, input }) => saveReviewSections({ ctx, input: { electionId: input.params.electionId, ...input.body } }),
  }),
];
