import { defineRoute } from '../_platform/route.js';
import { cleanUp } from './clean-up.js';
import { CleanUp } from './replies.js';

export const housekeepingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/cron/cleanup',
    summary: 'Daily clean-up of expired sign-in records (Vercel Cron)',
    tag: 'platform',
    access: 'cron',
    response: CleanUp,
    handle: ({ ctx }) => cleanUp({ ctx }),
  }),
];
