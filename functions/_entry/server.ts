import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Database } from '../../db/client.js';
import { createApp } from '../_platform/app.js';
import type { Services } from '../_platform/context.js';
import type { Settings } from '../_platform/env.js';
import type { Logger } from '../_platform/log.js';
import { createStandIn } from '../_platform/wechat/stand-in.js';
import { routeTable } from './routes.js';
import { buildServices } from './services.js';

export interface ServerOptions {
  settings: Settings;
  database: Database;
  /** Base URL the server is reachable at (the stand-in is called over real HTTP through it). */
  baseUrl: () => string;
  /** Folder of the H5 build to serve at `/`, if any. */
  h5Dir?: string;
  now?: () => Date;
  log?: Logger;
}

/** A built file named by its content's hash (`js/app.a65c34b7.js`, `css/index.deba269a.css`). */
const HASHED_ASSET = /\.[0-9a-f]{8,}\.(?:js|css)$/;

/**
 * The whole product on one origin: API under /api, the WeChat stand-in under /__wechat, H5 at /.
 * A domain's routes are imported when a request first reaches them (see routes.ts).
 */
export function createServerApp(options: ServerOptions) {
  const { settings } = options;
  const standIn = settings.WECHAT_APPID
    ? null
    : createStandIn({ now: options.now ? () => options.now!().getTime() : undefined, pushUrl: () => `${options.baseUrl()}/api/wechat/events` });
  const services: Services = buildServices({
    settings,
    database: options.database,
    standInBase: () => `${options.baseUrl()}/__wechat`,
    now: options.now,
    log: options.log,
  });
  const h5 = options.h5Dir;
  const index = h5 && existsSync(path.join(h5, 'index.html')) ? readFileSync(path.join(h5, 'index.html'), 'utf8') : null;
  const fetch = routeTable.serve((domainRoutes) =>
    createApp({
      services,
      routes: domainRoutes,
      mount(app) {
        // The stand-in never exists when a real AppID is configured: /__wechat is then a plain 404.
        // Its test door (mint login and phone codes, inject faults, read messages) exists only in
        // development and tests: a production demo that keeps the stand-in gets its WeChat face only.
        if (standIn && settings.NODE_ENV === 'production') {
          app.use('/__wechat/*', async (c, next) => {
            if (/^\/__wechat\/test(\/|$)/i.test(c.req.path)) return c.json({ errcode: 404, errmsg: 'not found' }, 404);
            return next();
          });
        }
        if (standIn) app.route('/__wechat', standIn.app);
        if (h5 && index !== null) {
          const files = serveStatic({
            root: path.relative(process.cwd(), h5) || '.',
            precompressed: true,
            // A file whose name carries its content's hash never changes: the browser keeps it
            // (a second visit loads only the page's data). Anything else is asked again each time.
            onFound: (_file, c) => {
              c.header('Cache-Control', HASHED_ASSET.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
            },
          });
          app.use('/*', async (c, next) => (c.req.path.startsWith('/api/') || c.req.path.startsWith('/__wechat') ? next() : files(c, next)));
          app.get('/', (c) => {
            c.header('Cache-Control', 'no-cache');
            return c.html(index);
          });
        }
      },
    }),
  );
  return { app: { fetch }, services, standIn };
}
