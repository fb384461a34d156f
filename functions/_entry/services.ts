import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '../../db/client.js';
import { communities } from '../../db/schema/index.js';
import pkg from '../../package.json' with { type: 'json' };
import { ambientDb, type Services } from '../_platform/context.js';
import { createDataCipher } from '../_platform/crypto.js';
import { publicOrigin, type Settings } from '../_platform/env.js';
import { createLogger, type Logger } from '../_platform/log.js';
import { lazyObjectStore } from '../_platform/storage/object-store.js';
import { createWechatClient } from '../_platform/wechat/client.js';
import { STAND_IN_APPID, STAND_IN_SECRET } from '../_platform/wechat/stand-in.js';

/** One source: package.json. Imported, not read from disk, so the function bundle carries it inline. */
export const VERSION: string = pkg.version;
export const WECHAT_API = 'https://api.weixin.qq.com';

/**
 * Secrets for the embedded default: generated once into the data directory (git-ignored), so a
 * newcomer needs no set-up and nothing secret is ever in the repository.
 */
function localSecrets(dataDir: string): { authSecret: string; dataKey: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = { authSecret: randomBytes(32).toString('base64url'), dataKey: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export interface BuildOptions {
  settings: Settings;
  database: Database;
  /** Where the stand-in answers, when WECHAT_APPID is unset (known once the server listens). */
  standInBase?: () => string;
  now?: () => Date;
  log?: Logger;
}

export function buildServices({ settings, database, standInBase, now = () => new Date(), log }: BuildOptions): Services {
  const secrets = settings.AUTH_SECRET && settings.DATA_KEY ? null : localSecrets(settings.DATA_DIR);
  const authSecret = new TextEncoder().encode(settings.AUTH_SECRET ?? secrets!.authSecret);
  const cipher = createDataCipher(Buffer.from(settings.DATA_KEY ?? secrets!.dataKey, 'base64'));
  const standIn = !settings.WECHAT_APPID;
  const wechat = createWechatClient({
    appid: settings.WECHAT_APPID ?? STAND_IN_APPID,
    secret: settings.WECHAT_SECRET ?? STAND_IN_SECRET,
    baseUrl: () => settings.WECHAT_API_BASE ?? (standIn ? (standInBase?.() ?? `http://127.0.0.1:${settings.PORT}/__wechat`) : WECHAT_API),
    db: ambientDb(database.db),
    now,
    standIn,
    timeoutMs: settings.WECHAT_TIMEOUT_MS,
  });
  // The folder store's links are signed with their own key, derived from the auth secret.
  const linkSecret = createHmac('sha256', authSecret).update('object-links').digest();
  const store = lazyObjectStore({ settings, secret: linkSecret, origin: () => publicOrigin(settings) });
  let defaultCommunity: string | undefined = settings.DEFAULT_COMMUNITY_ID;
  return {
    db: database.db,
    dbKind: database.kind,
    settings,
    cipher,
    authSecret,
    wechat,
    store,
    log: log ?? createLogger(settings.LOG_LEVEL),
    now,
    version: VERSION,
    async defaultCommunityId() {
      if (defaultCommunity) return defaultCommunity;
      const [first] = await database.db.select({ id: communities.id }).from(communities).orderBy(asc(communities.createdAt), asc(communities.id)).limit(1);
      if (!first) throw new Error('no community in the database: run npm run db:seed');
      defaultCommunity = first.id;
      return first.id;
    },
  };
}

/**
 * Opens the configured database. The embedded one is migrated on every start (a no-op when up
 * to date) and seeded with the demo community when empty.
 */
export async function openConfiguredDatabase(settings: Settings, log: Logger): Promise<Database> {
  const database = await openDatabase({
    url: settings.DATABASE_URL,
    driver: settings.DB_DRIVER ?? (process.env.VERCEL ? 'neon' : 'pg'),
    dataDir: path.join(settings.DATA_DIR, 'pglite'),
    neonWsProxy: settings.NEON_WS_PROXY,
    // A connection dropped while idle (a restart, an admin's pg_terminate_backend) is only news:
    // the pool opens a new one for the next request.
    onPoolError: (error) => log.warn('database connection lost', { error: error.message }),
  });
  if (database.kind === 'pglite') {
    await migrateDatabase(database);
    const [any] = await database.db.select({ id: communities.id }).from(communities).limit(1);
    if (!any) {
      // Imported only here: the demo seed has no place in a deployed function's cold start.
      const { seedDemo } = await import('./seed-demo.js');
      const services = buildServices({ settings, database, log });
      await seedDemo(services);
      log.info('seeded the demo community 八珠街社区');
    }
  }
  return database;
}
