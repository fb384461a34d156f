import { eq } from 'drizzle-orm';
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
}

const REFRESH_EARLY_MS = 5 * 60_000;

export function createWechatClient(options: WechatClientOptions & { standIn: boolean }): WechatClient {
  const doFetch = options.fetch ?? fetch;

  async function call<T>(path: string, init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown }): Promise<T> {
    const url = new URL(options.baseUrl() + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: init.method,
        headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
        body: init.body ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(8000),
      });
    } catch {
      throw new AppError('WECHAT_UNAVAILABLE', '暂时连不上微信服务，请稍后再试。');
    }
    const json = (await response.json().catch(() => ({ errcode: -1, errmsg: 'invalid response' }))) as T & { errcode?: number; errmsg?: string };
    if (json.errcode) throw new WechatError(json.errcode, json.errmsg ?? '', path);
    return json;
  }

  /** getStableAccessToken, shared through the database by every function instance. */
  async function accessToken(forceRefresh = false): Promise<string> {
    const now = options.now();
    if (!forceRefresh) {
      const [row] = await options.db.select().from(wechatTokens).where(eq(wechatTokens.appid, options.appid));
      if (row && row.expiresAt.getTime() - REFRESH_EARLY_MS > now.getTime()) return row.token;
    }
    const result = await call<{ access_token: string; expires_in: number }>('/cgi-bin/stable_token', {
      method: 'POST',
      body: { grant_type: 'client_credential', appid: options.appid, secret: options.secret, force_refresh: forceRefresh },
    });
    const expiresAt = new Date(now.getTime() + result.expires_in * 1000);
    await options.db
      .insert(wechatTokens)
      .values({ appid: options.appid, token: result.access_token, expiresAt })
      .onConflictDoUpdate({ target: wechatTokens.appid, set: { token: result.access_token, expiresAt } });
    return result.access_token;
  }

  /** Calls with the access token, fetching a fresh one once when WeChat says it is invalid or expired. */
  async function withToken<T>(path: string, body: unknown): Promise<T> {
    try {
      return await call<T>(path, { method: 'POST', query: { access_token: await accessToken() }, body });
    } catch (error) {
      if (error instanceof WechatError && (error.errcode === 40001 || error.errcode === 42001)) {
        return call<T>(path, { method: 'POST', query: { access_token: await accessToken(true) }, body });
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
    async getUnlimitedQrCode(args) {
      const url = new URL(`${options.baseUrl()}/wxa/getwxacodeunlimit`);
      url.searchParams.set('access_token', await accessToken());
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scene: args.scene, page: args.page, check_path: false, env_version: options.standIn ? 'develop' : 'release', width: 280 }),
      });
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.includes('json')) {
        const json = (await response.json()) as { errcode: number; errmsg: string };
        throw new WechatError(json.errcode, json.errmsg, '/wxa/getwxacodeunlimit');
      }
      return { contentType, image: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
