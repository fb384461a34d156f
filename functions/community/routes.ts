import { defineRoute } from '../_platform/route.js';
import { checkHealth, checkReadiness, getCommunity } from './community.js';
import { Community, Health, Readiness } from './replies.js';

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and which database and WeChat API the server uses',
    tag: 'platform',
    access: 'anyone',
    withoutCommunity: true,
    response: Health,
    handle: ({ ctx }) => checkHealth({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/health/ready',
    summary: 'Readiness: the database answers, its migrations are current and a community exists (503 naming what is missing)',
    tag: 'platform',
    access: 'anyone',
    withoutCommunity: true,
    response: Readiness,
    handle: ({ ctx }) => checkReadiness({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/community',
    summary: "The caller's community, or the default one",
    tag: 'platform',
    access: 'anyone',
    response: Community,
    handle: ({ ctx }) => getCommunity({ ctx }),
  }),
];
