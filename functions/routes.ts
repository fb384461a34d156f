import type { AnyRoute } from './_platform/route';
import { authRoutes } from './auth/routes';
import { communityRoutes } from './community/routes';
import { housekeepingRoutes } from './housekeeping/routes';
import { residentRoutes } from './residents/routes';
import { serviceRequestRoutes } from './service-requests/routes';

/** Every route of the API. The authorisation test walks this list: a route missing here is missing everywhere. */
export const routes: AnyRoute[] = [...communityRoutes, ...authRoutes, ...residentRoutes, ...serviceRequestRoutes, ...housekeepingRoutes];
