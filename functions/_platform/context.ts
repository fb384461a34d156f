import type { Db, DbKind } from '../../db/client.js';
import type { RoleName } from '../../db/schema/index.js';
import type { DataCipher } from './crypto.js';
import type { Settings } from './env.js';
import type { Logger } from './log.js';
import type { WechatClient } from './wechat/client.js';

export interface ActorRole {
  role: RoleName;
  communityId: string;
  groupId: string | null;
}

/** The signed-in account making the request. */
export interface Actor {
  accountId: string;
  name: string;
  sessionId: string;
  communityId: string;
  openid: string | null;
  roles: ActorRole[];
}

/** What lives as long as the process: one per server or per warm serverless instance. */
export interface Services {
  db: Db;
  dbKind: DbKind;
  settings: Settings;
  cipher: DataCipher;
  authSecret: Uint8Array;
  wechat: WechatClient;
  log: Logger;
  /** The clock; tests pin it around deadlines. */
  now(): Date;
  version: string;
  defaultCommunityId(): Promise<string>;
}

/** Per request: the verb's whole world. `db` may be a transaction. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  communityId: string;
  now: Date;
  requestId: string;
  ip: string;
  services: Services;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

export const hasRole = (actor: Actor | null, communityId: string, ...roles: RoleName[]): boolean =>
  !!actor?.roles.some((r) => r.communityId === communityId && roles.includes(r.role));

/** Runs `fn` in one transaction, with a ctx whose db is that transaction. */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db }));
}
