import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, DbKind } from '../../db/client.js';
import type { RoleName } from '../../db/schema/index.js';
import { committeeRoles } from '../_shared/roles.js';
import type { DataCipher } from './crypto.js';
import type { Settings } from './env.js';
import type { Logger } from './log.js';
import type { ObjectStore } from './storage/object-store.js';
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
  /** Photos and other files, in the store the settings name (folder, S3-compatible, Vercel Blob). */
  store: ObjectStore;
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

/**
 * Who runs the community's elections: the election committee or an administrator. The server's
 * one committee check (the mini-program's twin is `isCommittee` in functions/_shared/roles.ts,
 * over the same `committeeRoles`).
 */
export const isCommittee = (ctx: Pick<Ctx, 'actor' | 'communityId'>): boolean => hasRole(ctx.actor, ctx.communityId, ...committeeRoles);

export const hasRole = (actor: Actor | null, communityId: string, ...roles: RoleName[]): boolean =>
  !!actor?.roles.some((r) => r.communityId === communityId && roles.includes(r.role));

/** The transaction open in the current async context (the request's), if any. */
const openTransaction = new AsyncLocalStorage<Db>();

/**
 * Runs `fn` in one transaction, with a ctx whose db is that transaction. The ctx keeps its type:
 * a signed-in caller's ctx stays an AuthedCtx inside.
 */
export async function withTransaction<C extends Ctx, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => openTransaction.run(tx as unknown as Db, () => fn({ ...ctx, db: tx as unknown as Db })));
}

/**
 * The database handle of a process-wide service (the WeChat client's shared token): inside a
 * request's open transaction it joins that transaction instead of taking a second connection.
 * Otherwise a request holding a transaction would wait for a free connection while every
 * connection is held by requests doing the same (a pool of 10, 10 creates at once), and on
 * PGlite — one connection, one transaction at a time — it would wait for itself forever.
 */
export function ambientDb(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const current = openTransaction.getStore() ?? target;
      const value = Reflect.get(current, prop, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
