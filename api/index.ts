import { getRequestListener } from '@hono/node-server';
import { createServerApp } from '../functions/_entry/server.js';
import { openConfiguredDatabase } from '../functions/_entry/services.js';
import { parseSettings } from '../functions/_platform/env.js';
import { createLogger } from '../functions/_platform/log.js';

/**
 * The one Vercel function: vercel.json rewrites /api/* and /__wechat/* here; the request keeps
 * its original URL, so the same router as `npm start` answers. The app is built once per warm
 * instance.
 */
let ready: Promise<ReturnType<typeof createServerApp>['app']> | undefined;

function app() {
  ready ??= (async () => {
    const settings = parseSettings();
    const log = createLogger(settings.LOG_LEVEL);
    const database = await openConfiguredDatabase(settings, log);
    const base = process.env.VERCEL_URL ? `https://${process.env.VERCEL_URL}` : `http://127.0.0.1:${settings.PORT}`;
    return createServerApp({ settings, database, baseUrl: () => base, log }).app;
  })();
  return ready;
}

export default getRequestListener(async (request, env) => (await app()).fetch(request, env));
