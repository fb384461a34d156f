import { defineRoute } from '../_platform/route.js';
import { checkHealth, getCommunity } from './community.js';
import { Community, Health } from './replies.js';

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and which database and WeChat API the server uses',
    tag: 'platform',
    access: 'anyone',
    response: Health,
    handle: ({ ctx }) => checkHealth({ ctx }),
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
