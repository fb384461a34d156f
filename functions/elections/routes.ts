import * as z from 'zod';
import { nominationStatuses } from '../../db/schema/index.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { ElectionChange, NewElection, NominationIn, VoterRegistrationIn } from './bodies.js';
import { getCurrentElection } from './calendar.js';
import { createElection, electionView, requireElection, updateElection } from './elections.js';
import { exportNominations, exportVoters } from './export.js';
import { listGroupResidents, listHouseholds } from './households.js';
import { confirmNomination, listNominations, nominate, withdrawNomination } from './nominations.js';
import { CurrentElection, Election, GroupResidents, HouseholdPage, Nomination, NominationList, VoterPage, VoterRegistration } from './replies.js';
import { listVoters, registerAllVoters, registerVoter, removeVoter } from './voters.js';

const committee = committeeRoles;
const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const NominationId = z.object({ id: z.uuid('选举编号无效'), nid: z.uuid('推荐编号无效') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const electionRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/elections',
    summary: 'Set up an election: day, seats and rules (committee)',
    tag: 'elections',
    access: committee,
    status: 201,
    idempotent: true,
    body: NewElection,
    response: Election,
    handle: ({ ctx, input }) => createElection({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/current',
    summary: "The community's current election with its deadlines and the plan's phase",
    tag: 'elections',
    access: 'account',
    response: CurrentElection,
    handle: ({ ctx }) => getCurrentElection({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id',
    summary: 'One election with its rules and deadlines',
    tag: 'elections',
    access: 'account',
    params: ElectionId,
    response: Election,
    handle: async ({ ctx, input }) => electionView(await requireElection(ctx, input.params.id)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/elections/:id',
    summary: "Change an election's title, day, seats or rules (committee)",
    tag: 'elections',
    access: committee,
    params: ElectionId,
    body: ElectionChange,
    response: Election,
    handle: ({ ctx, input }) => updateElection({ ctx, input: { id: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/voters',
    summary: 'Register one resident as a voter, or every verified resident of voting age (committee)',
    tag: 'elections',
    access: committee,
    status: 201,
    params: ElectionId,
    body: VoterRegistrationIn,
    response: VoterRegistration,
    handle: ({ ctx, input }) =>
      'residentId' in input.body
        ? registerVoter({ ctx, input: { electionId: input.params.id, residentId: input.body.residentId, basis: input.body.basis } })
        : registerAllVoters({ ctx, input: { electionId: input.params.id, groupId: input.body.groupId } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/voters',
    summary: "The election's voter list (committee)",
    tag: 'elections',
    access: committee,
    params: ElectionId,
    query: PageQuery.extend({ groupId: z.uuid().optional(), status: z.enum(['registered', 'removed']).optional() }),
    response: VoterPage,
    handle: ({ ctx, input }) => listVoters({ ctx, input: { electionId: input.params.id, ...input.query } }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/elections/:id/voters/:residentId',
    summary: 'Take a voter off the list, with the reason (committee)',
    tag: 'elections',
    access: committee,
    status: 204,
    params: z.object({ id: z.uuid('选举编号无效'), residentId: z.uuid('居民编号无效') }),
    query: z.object({ reason: z.string().trim().min(1, '请填写移出选民名单的原因').max(200, '原因最多200个字') }),
    handle: ({ ctx, input }) => removeVoter({ ctx, input: { electionId: input.params.id, residentId: input.params.residentId, reason: input.query.reason } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/nominations',
    summary: "Recommend a registered voter of one's own group as resident representative (group leader, committee)",
    tag: 'elections',
    access: ['group_leader', 'committee', 'admin'],
    status: 201,
    params: ElectionId,
    body: NominationIn,
    response: Nomination,
    handle: ({ ctx, input: { params, body } }) =>
      nominate({
        ctx,
        input: {
          electionId: params.id,
          residentId: body.residentId,
          meeting:
            body.meetingOn !== undefined && body.present !== undefined && body.votesFor !== undefined
              ? { meetingOn: body.meetingOn, present: body.present, votesFor: body.votesFor }
              : undefined,
        },
      }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/nominations',
    summary: 'Resident representatives by group: confirmed ones for everyone, pending ones for the committee and the group leader',
    tag: 'elections',
    access: 'account',
    params: ElectionId,
    query: z.object({ groupId: z.uuid('小组编号无效').optional(), status: z.enum(nominationStatuses).optional() }),
    response: NominationList,
    handle: ({ ctx, input }) => listNominations({ ctx, input: { electionId: input.params.id, ...input.query } }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/elections/:id/nominations/:nid',
    summary: 'Withdraw a nomination before it is confirmed (the nominating leader, committee)',
    tag: 'elections',
    access: ['group_leader', 'committee', 'admin'],
    status: 204,
    params: NominationId,
    handle: ({ ctx, input }) => withdrawNomination({ ctx, input: { electionId: input.params.id, id: input.params.nid } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/nominations/:nid/confirm',
    summary: 'Confirm a nomination: it goes on the public list (committee)',
    tag: 'elections',
    access: committee,
    params: NominationId,
    response: Nomination,
    handle: ({ ctx, input }) => confirmNomination({ ctx, input: { electionId: input.params.id, id: input.params.nid } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/exports/voters.xlsx',
    summary: 'The voter list by group and household as a spreadsheet (committee)',
    tag: 'elections',
    access: committee,
    params: ElectionId,
    produces: XLSX,
    handle: ({ ctx, input }) => exportVoters({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/exports/nominations.xlsx',
    summary: 'The resident representatives by group as a spreadsheet (committee)',
    tag: 'elections',
    access: committee,
    params: ElectionId,
    produces: XLSX,
    handle: ({ ctx, input }) => exportNominations({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/households',
    summary: 'Households with who is registered and who is missing (staff, committee)',
    tag: 'elections',
    access: ['staff', 'committee', 'admin'],
    query: PageQuery.extend({ groupId: z.uuid('小组编号无效').optional(), electionId: z.uuid('选举编号无效').optional() }),
    response: HouseholdPage,
    handle: ({ ctx, input }) => listHouseholds({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/groups/:id/residents',
    summary: "A resident group's people: its leader, staff and the committee (another group's leader: 404)",
    tag: 'residents',
    access: ['group_leader', 'staff', 'committee', 'admin'],
    params: z.object({ id: z.uuid('小组编号无效') }),
    response: GroupResidents,
    handle: ({ ctx, input }) => listGroupResidents({ ctx, input: { groupId: input.params.id } }),
  }),
];
