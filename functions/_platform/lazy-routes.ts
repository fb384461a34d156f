import { getPath } from 'hono/utils/url';
import type { AnyRoute } from './route.js';

/**
 * A domain's routes, imported when a request first needs them. Building a domain's zod schemas
 * is most of what importing it costs, so a cold function loads only the domains its first
 * requests reach, not all of them.
 */
export interface RouteModule {
  /**
   * The first path segments after /api/ its routes live under (`elections` for
   * /api/elections/:id/ballots). Loading refuses a route outside them: it could never be reached.
   */
  serves: readonly string[];
  load(): Promise<AnyRoute[]>;
}

/** Described by the OpenAPI document that createApp serves: it needs every route. */
const EVERY_ROUTE = 'openapi.json';

export function lazyRoutes(modules: readonly RouteModule[]) {
  const loading = new Map<number, Promise<AnyRoute[]>>();

  function load(index: number): Promise<AnyRoute[]> {
    let routes = loading.get(index);
    if (!routes) {
      const module = modules[index]!;
      routes = module.load().then((list) => {
        for (const route of list) {
          if (!module.serves.includes(segmentOf(route.path) ?? '')) {
            throw new Error(`${route.method.toUpperCase()} ${route.path} lies outside the segments its registry entry serves (${module.serves.join(', ')})`);
          }
        }
        return list;
      });
      // A failed import is tried again by the next request, not remembered.
      routes.catch(() => loading.delete(index));
      loading.set(index, routes);
    }
    return routes;
  }

  /** The modules that may hold a route for this path, in registry order (first match wins). */
  function modulesFor(path: string): number[] {
    const segment = segmentOf(path);
    if (segment === EVERY_ROUTE) return modules.map((_, i) => i);
    return modules.flatMap((m, i) => (segment !== null && m.serves.includes(segment) ? [i] : []));
  }

  return {
    /** Every route, in registry order. */
    async all(): Promise<AnyRoute[]> {
      return (await Promise.all(modules.map((_, i) => load(i)))).flat();
    },

    /**
     * A fetch handler over apps built by `build` from the routes a path may reach. One app per
     * set of modules (a handful), each built once; paths outside /api reach none. Each app holds
     * every route a matching path could hit, in registry order, so it routes as one app holding
     * all of them would.
     */
    serve<E>(build: (routes: AnyRoute[]) => { fetch(request: Request, env?: E): Response | Promise<Response> }) {
      const apps = new Map<string, ReturnType<typeof build>>();
      // The app for a first segment, once its modules are loaded: a request's look-up is one Map get.
      const bySegment = new Map<string | null, ReturnType<typeof build>>();
      return async (request: Request, env?: E): Promise<Response> => {
        const path = getPath(request);
        const segment = segmentOf(path);
        let app = bySegment.get(segment);
        if (!app) {
          const indexes = modulesFor(path);
          const key = indexes.join(',');
          app = apps.get(key);
          if (!app) {
            const routes = (await Promise.all(indexes.map(load))).flat();
            app = apps.get(key) ?? build(routes);
            apps.set(key, app);
          }
          // Only segments some module serves (and paths outside /api): any other is a 404, and
          // remembering every segment a caller makes up would grow without end.
          if (indexes.length > 0 || segment === null) bySegment.set(segment, app);
        }
        return app.fetch(request, env);
      };
    },
  };
}

/** `elections` for /api/elections/:id, null outside /api. */
function segmentOf(path: string): string | null {
  if (!path.startsWith('/api/')) return null;
  const end = path.indexOf('/', 5);
  return path.slice(5, end === -1 ? undefined : end);
}
