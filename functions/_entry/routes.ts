import type { AnyRoute } from '../_platform/route.js';
import { auditRoutes } from '../audit/routes.js';
import { authRoutes } from '../auth/routes.js';
import { communityRoutes } from '../community/routes.js';
import { electionDayRoutes } from '../election-day/routes.js';
import { electionRoutes } from '../elections/routes.js';
import { housekeepingRoutes } from '../housekeeping/routes.js';
import { noticeRoutes } from '../notices/routes.js';
import { proxyVoteRoutes } from '../proxy-votes/routes.js';
import { residentRoutes } from '../residents/routes.js';
import { serviceRequestRoutes } from '../service-requests/routes.js';

/** Every route of the API. The authorisation test walks this list: a route missing here is missing everywhere. */
export const routes: AnyRoute[] = [
  ...communityRoutes,
  ...authRoutes,
  ...residentRoutes,
  ...serviceRequestRoutes,
  ...housekeepingRoutes,
  ...auditRoutes,
  ...electionRoutes,
  ...noticeRoutes,
  ...proxyVoteRoutes,
  ...electionDayRoutes,
];
