import { Hono } from 'hono';
import type { Services } from './context.js';
import { replyToError } from './error-mapping.js';
import { AppError } from './errors.js';
import { bodySizeLimit, type Env, edge } from './middleware.js';
import type { AnyRoute } from './route.js';
import { runRoute } from './run-route.js';

export interface AppOptions {
  services: Services;
  routes: AnyRoute[];
  /** Extra apps mounted after the API's routes, e.g. the WeChat stand-in and the H5 files. */
  mount?: (app: Hono<Env>) => void;
}

/**
 * The API assembled: the edge and the body limit (middleware.ts), the error replies
 * (error-mapping.ts), then each route, run by run-route.ts (input parsing in parsing.ts, retries
 * in idempotency.ts). An API request passes three handlers: the edge, the body limit, its route.
 */
export function createApp({ services, routes, mount }: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  edge(app, services);
  bodySizeLimit(app, services);
  app.onError(replyToError(services));

  app.get('/api/openapi.json', async (c) => {
    const { buildOpenApi } = await import('./openapi.js');
    return c.json(buildOpenApi(routes, services.version));
  });

  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, (c) => runRoute(c, route, services));
  }

  // After the routes: a route answers without passing on, so the H5 files' middleware (on `/*`)
  // and the stand-in never run for an API request. Their paths do not overlap the API's.
  mount?.(app);

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', '没有这个接口，请检查地址。');
  });
  return app;
}
