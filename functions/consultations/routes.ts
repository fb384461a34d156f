import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { officeRoles } from '../_shared/roles.js';
import { AnswerIn, NewConsultation } from './bodies.js';
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
