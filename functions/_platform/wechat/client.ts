import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { wechatTokens } from '../../../db/schema/index.js';
import { AppError } from '../errors.js';

/** WeChat's answer when errcode ≠ 0. */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat ${path} errcode ${errcode}: ${errmsg}`);
  }
}

export interface WechatClientOptions {
  appid: string;
  secret: string;
  /** https://api.weixin.qq.com in production; the stand-in's /__wechat locally. */
  baseUrl: () => string;
  db: Db;
  now: () => Date;
  fetch?: typeof fetch;
}

export type SubscribeData = Record<string, { value: string }>;

export interface WechatClient {
  readonly standIn: boolean;
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
  sendSubscribeMessage(msg: { touser: string; templateId: string; page?: string; data: SubscribeData }): Promise<void>;
  msgSecCheck(args: { openid: string; content: string; scene?: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }>;
  getUnlimitedQrCode(args: { scene: string; page: string }): Promise<{ contentType: string; image: Buffer }>;
  /**
   * Asks for WeChat's asynchronous check of an image (wxa/media_check_async v2): WeChat fetches
   * `mediaUrl` itself and pushes its verdict later as a `wxa_media_check` message event naming
   * the trace_id answered here. `openid`: the uploader, who used the mini-program in the last 2 hours.
   */
  mediaCheckAsync(args: { mediaUrl: string; openid: string; scene?: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>;
}

const REFRESH_EARLY_MS = 5 * 60_000;
/** WeChat answers in well under a second; a call still open after this is given up (502). */
export const DEFAULT_WECHAT_TIMEOUT_MS = 5000;
const TOKEN_LOCK = 'wechat_access_token';

type Binary = { contentType: string; image: Buffer };

export function createWechatClient(options: WechatClientOptions & { standIn: boolean; timeoutMs?: number }): WechatClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WECHAT_TIMEOUT_MS;
  const unavailable = () => new AppError('WECHAT_UNAVAILABLE', '暂时连不上微信服务，请稍后再试。');

  /**
   * The one path of every WeChat server call: a deadline over the whole exchange (connect,
   * answer and body), a refused or timed-out connection as WECHAT_UNAVAILABLE (502), and
   * WeChat's own errcode as a WechatError. `binary` calls (the QR code) answer an image, or JSON
   * when they fail.
   */
  async function call<T>(path: string, init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown; binary?: boolean }): Promise<T> {
    const url = new URL(options.baseUrl() + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const signal = AbortSignal.timeout(timeoutMs);
    let json: { errcode?: number; errmsg?: string } & Record<string, unknown>;
    try {
      const response = await doFetch(url, {
        method: init.method,
        headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
        body: init.body ? JSON.stringify(init.body) : undefined,
        signal,
      });
      const contentType = response.headers.get('content-type') ?? '';
      if (init.binary && !contentType.includes('json')) {
        if (!response.ok) throw unavailable();
        return { contentType, image: Buffer.from(await response.arrayBuffer()) } as T;
      }
      json = (await response.json().catch(() => ({ errcode: -1, errmsg: 'invalid response' }))) as typeof json;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unavailable();
    }
    if (json.errcode) throw new WechatError(json.errcode, json.errmsg ?? '', path);
    return json as T;
  }

  const readToken = async (db: Db) => {
    const [row] = await db.select().from(wechatTokens).where(eq(wechatTokens.appid, options.appid));
    return row && row.expiresAt.getTime() - REFRESH_EARLY_MS > options.now().getTime() ? row.token : null;
  };

  /**
   * getStableAccessToken, shared through the database by every function instance. `stale` is a
   * token WeChat just refused: it is replaced by one caller at a time (a transaction-scoped
   * advisory lock), and whoever waited behind that caller takes the new token instead of
   * forcing yet another refresh (WeChat allows 20 forced refreshes a day).
   */
  let memo: { token: string; until: number } | null = null;
  async function accessToken(stale?: string): Promise<string> {
    // This instance's copy saves a database round trip per call (thousands in a fan-out); it is
    // dropped as soon as WeChat refuses it, and re-read from the shared row within a minute.
    if (memo && memo.token !== stale && memo.until > options.now().getTime()) return memo.token;
    const token = await sharedToken(stale);
    memo = { token, until: options.now().getTime() + 60_000 };
    return token;
  }

  async function sharedToken(stale?: string): Promise<string> {
    const cached = await readToken(options.db);
    if (cached && cached !== stale) return cached;
    return options.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${TOKEN_LOCK}:${options.appid}`}))`);
      const current = await readToken(db);
      if (current && current !== stale) return current;
      const result = await call<{ access_token: string; expires_in: number }>('/cgi-bin/stable_token', {
        method: 'POST',
        body: { grant_type: 'client_credential', appid: options.appid, secret: options.secret, force_refresh: stale !== undefined },
      });
      const expiresAt = new Date(options.now().getTime() + result.expires_in * 1000);
      await db
        .insert(wechatTokens)
        .values({ appid: options.appid, token: result.access_token, expiresAt })
        .onConflictDoUpdate({ target: wechatTokens.appid, set: { token: result.access_token, expiresAt } });
      return result.access_token;
    });
  }

  /** Calls with the access token, replacing it once when WeChat says it is invalid (40001) or expired (42001). */
  async function withToken<T>(path: string, body: unknown, binary = false): Promise<T> {
    const token = await accessToken();
    try {
      return await call<T>(path, { method: 'POST', query: { access_token: token }, body, binary });
    } catch (error) {
      if (error instanceof WechatError && (error.errcode === 40001 || error.errcode === 42001)) {
        return call<T>(path, { method: 'POST', query: { access_token: await accessToken(token) }, body, binary });
      }
      throw error;
    }
  }

  return {
    standIn: options.standIn,
    async code2Session(code) {
      const result = await call<{ openid: string; session_key: string; unionid?: string }>('/sns/jscode2session', {
        method: 'GET',
        query: { appid: options.appid, secret: options.secret, js_code: code, grant_type: 'authorization_code' },
      });
      // session_key is deliberately dropped here: it never leaves this function.
      return { openid: result.openid, ...(result.unionid ? { unionid: result.unionid } : {}) };
    },
    async getPhoneNumber(code) {
      const result = await withToken<{ phone_info: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }>(
        '/wxa/business/getuserphonenumber',
        { code },
      );
      return result.phone_info;
    },
    async sendSubscribeMessage(msg) {
      await withToken('/cgi-bin/message/subscribe/send', {
        touser: msg.touser,
        template_id: msg.templateId,
        page: msg.page,
        data: msg.data,
        miniprogram_state: options.standIn ? 'developer' : 'formal',
        lang: 'zh_CN',
      });
    },
    async msgSecCheck(args) {
      const result = await withToken<{ result: { suggest: 'pass' | 'review' | 'risky'; label: number } }>('/wxa/msg_sec_check', {
        content: args.content,
        version: 2,
        scene: args.scene ?? 2,
        openid: args.openid,
      });
      return result.result;
    },
    async mediaCheckAsync(args) {
      const result = await withToken<{ trace_id: string }>('/wxa/media_check_async', {
        media_url: args.mediaUrl,
        media_type: 2,
        version: 2,
        scene: args.scene ?? 2,
        openid: args.openid,
      });
      return { traceId: result.trace_id };
    },
    getUnlimitedQrCode(args) {
      return withToken<Binary>(
        '/wxa/getwxacodeunlimit',
        { scene: args.scene, page: args.page, check_path: false, env_version: options.standIn ? 'develop' : 'release', width: 280 },
        true,
      );
    },
  };
}
