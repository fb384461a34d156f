import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { PublishedNotice } from '../notices/replies.js';
import { VoterListPublication } from './bodies.js';
import { electionSteps, previewNewElection } from './desk.js';
import { ElectionCalendarPreview, ElectionSteps } from './replies.js';
import { publishVoterList } from './voter-list.js';

const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const tag = 'elections';

/** The committee's desk (选举工作): the steps in the law's order, and the acts it starts from there. */
export const electionDeskRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/steps',
    summary: "The election's steps in the law's order, each with its state, deadline and what it waits for (committee)",
    tag,
    access: committeeRoles,
    params: ElectionId,
    response: ElectionSteps,
    handle: ({ ctx, input }) => electionSteps({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/election-calendar',
    summary: 'The deadlines an election on a given day would have, and those already past today (asked before creating it; committee)',
    tag,
    access: committeeRoles,
    query: z.object({ electionDay: z.iso.date('请填写选举日，格式如 2026-12-20') }),
    response: ElectionCalendarPreview,
    handle: ({ ctx, input }) => previewNewElection({ ctx, input: { electionDay: input.query.electionDay } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/voter-list/publish',
    summary: 'Publish the voter list notice written from the list itself, by group (committee)',
    tag,
    access: committeeRoles,
    status: 201,
    params: ElectionId,
    body: VoterListPublication,
    response: PublishedNotice,
    handle: ({ ctx, input }) =>
      publishVoterList({ ctx, input: { electionId: input.params.id, publishAt: input.body.publishAt ? new Date(input.body.publishAt) : undefined } }),
  }),
];
