import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { answerClientErrors } from '../_platform/client-errors.js';
import { parseSettings, SettingsError } from '../_platform/env.js';
import { createLogger } from '../_platform/log.js';
import { precompress } from '../_platform/precompress.js';
import { openConfiguredDatabase } from './services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const h5Dir = path.join(root, 'dist/h5');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the H5 app when it is missing or older than its sources (a fresh clone, or after edits). */
function ensureH5Build(log: ReturnType<typeof createLogger>) {
  const index = path.join(h5Dir, 'index.html');
  const sources = path.join(root, 'miniapp');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(sources, 'src'))) return;
  log.info('building the H5 app (first start or sources changed)…');
  const result = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('H5 build failed');
}

async function main() {
  let settings: ReturnType<typeof parseSettings>;
  try {
    settings = parseSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(settings.LOG_LEVEL);
  if (process.env.SKIP_H5_BUILD !== '1') ensureH5Build(log);
  precompress(h5Dir);
  const started = performance.now();
  // Open the database while the router loads (a domain's routes load when a request first needs them).
  const [database, { createServerApp }] = await Promise.all([openConfiguredDatabase(settings, log), import('./server.js')]);
  const port = settings.PORT;
  const { app } = createServerApp({ settings, database, baseUrl: () => `http://127.0.0.1:${port}`, h5Dir });
  const server = serve({ fetch: app.fetch, port, hostname: settings.HOST }, () => {
    log.info('ready', { url: `http://localhost:${port}`, db: database.kind, ms: Math.round(performance.now() - started) });
    if (!settings.WECHAT_APPID) log.warn('WECHAT_APPID is not set: using the local WeChat stand-in at /__wechat (development only)');
  });
  answerClientErrors(server);
  const stop = () => server.close(() => database.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
