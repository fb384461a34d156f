import * as z from 'zod';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { NewObjection, ObjectionDecision, VoterApplication } from './bodies.js';
import { decideObjection } from './decide.js';
import { applyToVote, fileObjection } from './file.js';
import { listObjections, searchObjectionPeople } from './objections.js';
import { Objection, ObjectionPage, ObjectionPeople } from './replies.js';

const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const ObjectionId = z.object({ id: z.uuid('选举编号无效'), oid: z.uuid('异议编号无效') });
// API.md "Election lifecycle and the law", a part of the elections' section.
const tag = 'elections';

export const voterObjectionRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/objections',
    summary: 'Object to the published voter list: someone left out, wrongly on it, or wrong details (any account, within the window)',
    tag,
    access: 'account',
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: NewObjection,
    response: Objection,
    handle: ({ ctx, input }) => fileObjection({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/voter-applications',
    summary: "Ask to be registered as a voter, with the basis (表示参加; the caller's own verified resident)",
    tag,
    access: 'account',
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: VoterApplication,
    response: Objection,
    handle: ({ ctx, input }) => applyToVote({ ctx, input: { electionId: input.params.id, basis: input.body.basis } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/objections',
    summary: 'Objections and voter applications with their due dates: all for the committee, otherwise my own',
    tag,
    access: 'account',
    params: ElectionId,
    query: PageQuery,
    response: ObjectionPage,
    handle: ({ ctx, input }) => listObjections({ ctx, input: { electionId: input.params.id, ...input.query } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/objection-people',
    summary: 'Residents of voting age by name, to name in an objection (name, group and whether on the list only)',
    tag,
    access: 'account',
    params: ElectionId,
    query: z.object({ name: z.string().trim().min(1, '请输入居民的姓名').max(20, '姓名最多20个字') }),
    response: ObjectionPeople,
    handle: ({ ctx, input }) => searchObjectionPeople({ ctx, input: { electionId: input.params.id, name: input.query.name } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/objections/:oid/decision',
    summary: 'Decide an objection or voter application with the reason; upheld, the voter list changes here (committee)',
    tag,
    access: committeeRoles,
    params: ObjectionId,
    body: ObjectionDecision,
    response: Objection,
    handle: ({ ctx, input }) =>
      decideObjection({ ctx, input: { electionId: input.params.id, objectionId: input.params.oid, uphold: input.body.uphold, reason: input.body.reason } }),
  }),
];
