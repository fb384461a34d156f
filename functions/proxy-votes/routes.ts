import * as z from 'zod';
import { proxyApplicationStatuses } from '../../db/schema/index.js';
import { PageQuery } from '../_platform/paging.js';
import { defineRoute } from '../_platform/route.js';
import { committeeRoles } from '../_shared/roles.js';
import { PublishedNotice } from '../notices/replies.js';
import { applyForProxy } from './apply.js';
import { ProxyApplicationIn, ProxyConsent, ProxyDecision } from './bodies.js';
import { consentToProxy } from './consent.js';
import { decideProxy } from './decide.js';
import { exportProxies } from './export.js';
import { getProxyApplication, listProxyApplications } from './list.js';
import { myElectionStatus } from './my-status.js';
import { publishProxyList } from './publish.js';
import { MyElectionStatus, ProxyApplication, ProxyApplicationDetail, ProxyApplicationPage, ProxyCandidates } from './replies.js';
import { searchProxyCandidates } from './search.js';
import { withdrawProxy } from './withdraw.js';

const committee = committeeRoles;
const ElectionId = z.object({ id: z.uuid('选举编号无效') });
const ApplicationId = z.object({ id: z.uuid('选举编号无效'), pid: z.uuid('委托申请编号无效') });
const tag = 'proxy-votes';

export const proxyVoteRoutes = [
  // Under elections in API.md; here because its reply gathers the caller's entrustments too.
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/me',
    summary: "The caller's voter status in an election, and why",
    tag: 'elections',
    access: 'account',
    params: ElectionId,
    response: MyElectionStatus,
    handle: ({ ctx, input }) => myElectionStatus({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/proxy-search',
    summary: 'Registered voters by name, to pick a proxy from (name and group only)',
    tag,
    access: 'account',
    params: ElectionId,
    query: z.object({ name: z.string().trim().min(1, '请输入受托人的姓名').max(20, '姓名最多20个字') }),
    response: ProxyCandidates,
    handle: ({ ctx, input }) => searchProxyCandidates({ ctx, input: { electionId: input.params.id, name: input.query.name } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/proxy-applications',
    summary: 'Entrust another registered voter with my vote (a registered voter)',
    tag,
    access: 'account',
    status: 201,
    idempotent: true,
    params: ElectionId,
    body: ProxyApplicationIn,
    response: ProxyApplication,
    handle: ({ ctx, input }) => applyForProxy({ ctx, input: { electionId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/proxy-applications',
    summary: 'Proxy applications: all for the committee, otherwise those I am applicant or proxy of',
    tag,
    access: 'account',
    params: ElectionId,
    query: PageQuery.extend({ status: z.enum(proxyApplicationStatuses, '状态无效').optional() }),
    response: ProxyApplicationPage,
    handle: ({ ctx, input }) => listProxyApplications({ ctx, input: { electionId: input.params.id, ...input.query } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/proxy-applications/:pid',
    summary: 'One proxy application with its election (its applicant, its proxy, the committee)',
    tag,
    access: 'account',
    params: ApplicationId,
    response: ProxyApplicationDetail,
    handle: ({ ctx, input }) => getProxyApplication({ ctx, input: { electionId: input.params.id, applicationId: input.params.pid } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/proxy-applications/:pid/consent',
    summary: 'The proxy accepts or declines the entrustment',
    tag,
    access: 'account',
    params: ApplicationId,
    body: ProxyConsent,
    response: ProxyApplication,
    handle: ({ ctx, input }) => consentToProxy({ ctx, input: { electionId: input.params.id, applicationId: input.params.pid, accept: input.body.accept } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/proxy-applications/:pid/decision',
    summary: 'Approve or reject a consented entrustment, every rule re-checked (committee)',
    tag,
    access: committee,
    params: ApplicationId,
    body: ProxyDecision,
    response: ProxyApplication,
    handle: ({ ctx, input }) => decideProxy({ ctx, input: { electionId: input.params.id, applicationId: input.params.pid, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/proxy-applications/:pid/withdraw',
    summary: 'The applicant withdraws the entrustment (before election day)',
    tag,
    access: 'account',
    params: ApplicationId,
    response: ProxyApplication,
    handle: ({ ctx, input }) => withdrawProxy({ ctx, input: { electionId: input.params.id, applicationId: input.params.pid } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/elections/:id/proxy-applications/publish',
    summary: 'Publish the approved entrustments as a proxy_list election notice (committee)',
    tag,
    access: committee,
    status: 201,
    idempotent: true,
    params: ElectionId,
    response: PublishedNotice,
    handle: ({ ctx, input }) => publishProxyList({ ctx, input: { electionId: input.params.id } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/elections/:id/exports/proxies.xlsx',
    summary: 'The approved proxy list as a spreadsheet for the polling station (committee)',
    tag,
    access: committee,
    params: ElectionId,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handle: ({ ctx, input }) => exportProxies({ ctx, input: { electionId: input.params.id } }),
  }),
];
