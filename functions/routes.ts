import type { AnyRoute } from './_platform/route';
import { communityRoutes } from './community/routes';

/** Every route of the API. The authorisation test walks this list: a route missing here is missing everywhere. */
export const routes: AnyRoute[] = [...communityRoutes];
