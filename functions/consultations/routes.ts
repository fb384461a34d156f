import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { officeRoles } from '../_shared/roles.js';
import { answerConsultation, createConsultation, getConsultation, listConsultations } from './consultations.js';
import {
  AnswerReceipt,
  Consultation,
  ConsultationDetail,
  ConsultationList,
  ConsultationResults,
  ConsultationTemplate,
  ConsultationTurnout,
} from './replies.js';
import { consultationResults, consultationSpreadsheet, consultationTurnout } from './results.js';
import { satisfactionTemplate } from './rules.js';

const tag = 'consultations';
const Id = z.object({ id: z.uuid('征求意见编号无效') });
const when = (what: string) => z.iso.datetime({ offset: true, error: `${what}格式不对` });

const QuestionIn = z.object({
  kind: z.enum(['single', 'multiple', 'scale', 'text'], { error: '题目类型只能是单选、多选、打分或填写' }),
  text: z.string({ error: '请填写题目' }).trim().min(1, '请填写题目').max(200, '题目最多 200 字'),
  options: z.array(z.string().trim().min(1, '选项不能为空').max(60, '选项最多 60 字'), { error: '选项格式不对' }).max(20, '最多 20 个选项').optional(),
});

const NewConsultation = z.object({
  title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(60, '标题最多 60 字'),
  purpose: z.string({ error: '请写明为什么征求意见' }).trim().min(1, '请写明为什么征求意见').max(500, '说明最多 500 字'),
  questions: z.array(QuestionIn, { error: '请添加题目' }).min(1, '至少要有一道题').max(30, '最多 30 道题'),
  audience: z
    .object({
      groups: z.array(z.uuid('居民小组编号无效')).max(100, '小组太多').optional(),
      votersOf: z.uuid('选举编号无效').optional(),
      households: z.array(z.uuid('户编号无效')).max(5000, '户太多').optional(),
    })
    .default({}),
  per: z.enum(['resident', 'household'], { error: '请选择每人一份还是每户一份' }).default('resident'),
  anonymous: z.boolean({ error: '请选择是否不记名' }).default(false),
  opensAt: when('开始时间'),
  closesAt: when('截止时间'),
});

const AnswerIn = z.object({
  answers: z
    .array(
      z.object({
        option: z.number({ error: '选项格式不对' }).int('选项格式不对').optional(),
        options: z.array(z.number().int('选项格式不对'), { error: '选项格式不对' }).max(20, '选项太多').optional(),
        value: z.number({ error: '分数格式不对' }).int('分数格式不对').optional(),
        text: z.string({ error: '意见格式不对' }).max(2000, '意见最多 500 字').optional(),
      }),
      { error: '请填写回答' },
    )
    .max(30, '回答太多'),
  onBehalfOfResidentId: z.uuid('居民编号无效').optional(),
  receipt: z.string().max(100, '回执格式不对').optional(),
});

/** Consultations (征求意见): built by the office, answered by residents or at the door for them, counted for all. */
export const consultationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/consultations',
    summary: 'Consultations open to the caller and closed ones with results; all of them for the office',
    tag,
    access: 'account',
    response: ConsultationList,
    handle: ({ ctx }) => listConsultations({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations',
    summary: 'A consultation: question set, audience, one answer per resident or household, anonymous or named; its notice goes out when it opens (office)',
    tag,
    access: officeRoles,
    status: 201,
    idempotent: true,
    body: NewConsultation,
    response: Consultation,
    handle: ({ ctx, input }) =>
      createConsultation({ ctx, input: { ...input.body, opensAt: new Date(input.body.opensAt), closesAt: new Date(input.body.closesAt) } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/templates/satisfaction',
    summary: 'The satisfaction consultation for 回头看, to edit and send (office)',
    tag,
    access: officeRoles,
    response: ConsultationTemplate,
    handle: async () => satisfactionTemplate,
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id',
    summary: "A consultation's questions, with the caller's own earlier answer where it is named",
    tag,
    access: 'account',
    params: Id,
    response: ConsultationDetail,
    handle: ({ ctx, input }) => getConsultation({ ctx, input: { id: input.params.id } }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/consultations/:id/answer',
    summary: "The caller's answer, or one entered for a resident at the door (their group's leader, the office); replaces the earlier one until it closes",
    tag,
    access: 'account',
    params: Id,
    body: AnswerIn,
    response: AnswerReceipt,
    handle: ({ ctx, input }) => answerConsultation({ ctx, input: { id: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/results',
    summary: 'Counts per option, the spread of each scale, what was written and the answers by group (office live; everyone once closed)',
    tag,
    access: 'account',
    params: Id,
    response: ConsultationResults,
    handle: ({ ctx, input }) => consultationResults({ ctx, input: { id: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/results.xlsx',
    summary: 'The results as a spreadsheet (office)',
    tag,
    access: officeRoles,
    params: Id,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handle: ({ ctx, input }) => consultationSpreadsheet({ ctx, input: { id: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/turnout',
    summary: "Turnout of the leader's own groups with who has not answered yet (group leaders; the office sees all groups)",
    tag,
    access: 'account',
    params: Id,
    response: ConsultationTurnout,
    handle: ({ ctx, input }) => consultationTurnout({ ctx, input: { id: input.params.id } }),
  }),
];
