import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { pushSignature, STAND_IN_PUSH_TOKEN } from './push.js';

/**
 * A local stand-in of the WeChat server API, for development and tests only (the real one cannot
 * be reached from here). Same paths, payloads and errcodes as WeChat documents them; plus
 * /test/* routes so tests can mint codes, inspect sent messages and inject faults.
 */
export interface StandInState {
  loginCodes: Map<string, { openid: string; expiresAt: number }>;
  phoneCodes: Map<string, { phoneNumber: string; expiresAt: number }>;
  tokens: Map<string, number>;
  /** One-time subscribe authorisations: `${openid} ${templateId}` → remaining credits. */
  credits: Map<string, number>;
  messages: { openid: string; templateId: string; data: unknown; page?: string; at: string }[];
  /**
   * Injected faults by path: the next `count` calls answer `errcode`, or hang `hangMs` first;
   * with `every`, every n-th call fails instead (1 % transient failures: `every: 100`).
   */
  faults: Map<string, { errcode?: number; count: number; hangMs?: number; every?: number; seen?: number }>;
  /** Calls so far, by path (tests check that the token is fetched once and shared). */
  calls: Map<string, number>;
  /** Call quotas by path: over the limit within the window, errcode 45009 as WeChat answers. */
  quotas: Map<string, { limit: number; windowMs: number }>;
  /**
   * What each caller used of a path's quota, by `caller path`. WeChat counts an account's calls
   * once its credential is accepted: a call with a wrong secret or token uses nobody's quota,
   * so nobody can spend another's.
   */
  quotaUse: Map<string, { used: number; since: number }>;
  /** The current stable access token and how many forced refreshes today. */
  stable: { token: string; expiresAt: number; forcedToday: number; day: string } | null;
  content: { text: string; suggest: 'risky' | 'review' }[];
  /**
   * Media checks (wxa/media_check_async) asked for, each answered later by a pushed event. The
   * verdict of the next ones is set through /test/media; `held` checks wait for /test/media/release.
   */
  media: { traceId: string; mediaUrl: string; openid: string; suggest: 'pass' | 'risky'; pushed: boolean; fetched: boolean }[];
  mediaMode: { suggest: 'pass' | 'risky'; hold: boolean };
}

export const STAND_IN_APPID = 'wx-stand-in-appid';
export const STAND_IN_SECRET = 'stand-in-secret';
export const STAND_IN_TEMPLATES = ['stand-in-notice-template', 'stand-in-service-template', 'stand-in-election-template'];

const CODE_TTL_MS = 5 * 60_000;
const FORCED_REFRESH_PER_DAY = 20;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/**
 * Default call quotas (path, calls, window). WeChat sets them per account and publishes them in
 * its console; these are of the same order, so a runaway loop shows up locally as 45009.
 * Tests lower them through /test/quota.
 */
const DEFAULT_QUOTAS: [string, number, number][] = [
  ['/sns/jscode2session', 5000, MINUTE],
  ['/wxa/business/getuserphonenumber', 5000, MINUTE],
  ['/wxa/getwxacodeunlimit', 5000, MINUTE],
  ['/wxa/msg_sec_check', 4000, MINUTE],
  ['/wxa/media_check_async', 2000, MINUTE],
  ['/cgi-bin/message/subscribe/send', 100_000, DAY],
];
const TOKEN_TTL_S = 7200;
const code = () => randomBytes(16).toString('hex');

const errmsgs: Record<number, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  47003: 'argument invalid!',
  [-1]: 'system error',
};
const fail = (errcode: number, detail?: string) => ({ errcode, errmsg: detail ? `${errmsgs[errcode] ?? 'error'} ${detail}` : (errmsgs[errcode] ?? 'error') });

/** Limits of the subscribe message's value types (WeChat's 订阅消息参数值内容限制). */
const valueLimits: Record<string, { max: number; pattern?: RegExp }> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^[\d.]+$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5 },
  character_string: { max: 32, pattern: /^[\w\-.:]+$/ },
  time: { max: 64 },
  date: { max: 64 },
  amount: { max: 32 },
  phone_number: { max: 17 },
  car_number: { max: 8 },
  name: { max: 10 },
  phrase: { max: 5 },
  short_thing: { max: 5 },
};

export function createStandIn(
  options: {
    appid?: string;
    secret?: string;
    now?: () => number;
    /** Where the mini-program's message push (消息推送) is configured to go: the media-check verdicts. */
    pushUrl?: () => string;
    /** Pause before a verdict is pushed (WeChat answers within seconds to minutes). */
    pushDelayMs?: number;
  } = {},
) {
  const appid = options.appid ?? STAND_IN_APPID;
  const secret = options.secret ?? STAND_IN_SECRET;
  const now = options.now ?? Date.now;
  const state: StandInState = {
    loginCodes: new Map(),
    phoneCodes: new Map(),
    tokens: new Map(),
    credits: new Map(),
    messages: [],
    faults: new Map(),
    calls: new Map(),
    quotas: new Map(),
    quotaUse: new Map(),
    stable: null,
    content: [],
    media: [],
    mediaMode: { suggest: 'pass', hold: false },
  };
  const app = new Hono();

  /**
   * Every call passes here: counted, then a fault injected by a test (answers instead of the
   * real behaviour, `count` times). The quota comes after the credential (`quota`).
   */
  const injected = (path: string) => {
    state.calls.set(path, (state.calls.get(path) ?? 0) + 1);
    const fault = state.faults.get(path);
    if (fault?.every) {
      fault.seen = (fault.seen ?? 0) + 1;
      if (fault.seen % fault.every === 0) return fail(fault.errcode ?? -1);
    } else if (fault && fault.count > 0 && fault.errcode !== undefined) {
      fault.count -= 1;
      return fail(fault.errcode);
    }
    return null;
  };
  /** The path's quota for a caller whose credential was accepted: 45009 past the limit in the window. */
  const quota = (path: string, caller: string) => {
    const limit = state.quotas.get(path);
    if (!limit) return null;
    const key = `${caller} ${path}`;
    const use = state.quotaUse.get(key) ?? { used: 0, since: now() };
    if (now() - use.since >= limit.windowMs) Object.assign(use, { used: 0, since: now() });
    if (use.used >= limit.limit) return fail(45009);
    use.used += 1;
    state.quotaUse.set(key, use);
    return null;
  };
  /** A hanging WeChat: the call waits `hangMs` (or until the caller gives up) before answering. */
  app.use('*', async (c, next) => {
    const fault = state.faults.get(c.req.path.replace(/^.*?(?=\/(sns|cgi-bin|wxa)\/)/, ''));
    if (fault?.hangMs && fault.count > 0) {
      fault.count -= 1;
      const signal = c.req.raw.signal;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.hangMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await next();
  });
  for (const [path, limit, windowMs] of DEFAULT_QUOTAS) state.quotas.set(path, { limit, windowMs });
  const tokenProblem = (token: string | undefined) => {
    if (!token) return fail(41001);
    const expires = state.tokens.get(token);
    if (expires === undefined) return fail(40001);
    if (expires < now()) return fail(42001);
    return null;
  };
  const body = async (c: { req: { json(): Promise<unknown> } }) => (await c.req.json().catch(() => null)) as Record<string, unknown> | null;

  app.get('/sns/jscode2session', (c) => {
    const q = c.req.query();
    const fault = injected('/sns/jscode2session');
    if (fault) return c.json(fault);
    if (q.appid !== appid) return c.json(fail(40013));
    if (q.secret !== secret) return c.json(fail(40125));
    const entry = q.js_code ? state.loginCodes.get(q.js_code) : undefined;
    const over = quota('/sns/jscode2session', appid);
    if (over) return c.json(over);
    if (!entry || entry.expiresAt < now()) return c.json(fail(40029));
    state.loginCodes.delete(q.js_code!);
    return c.json({ openid: entry.openid, session_key: randomBytes(16).toString('base64') });
  });

  app.post('/cgi-bin/stable_token', async (c) => {
    const b = await body(c);
    const fault = injected('/cgi-bin/stable_token');
    if (fault) return c.json(fault);
    if (b?.grant_type !== 'client_credential') return c.json(fail(47001));
    if (b.appid !== appid) return c.json(fail(40013));
    if (b.secret !== secret) return c.json(fail(40125));
    const over = quota('/cgi-bin/stable_token', appid);
    if (over) return c.json(over);
    // Stable token: the same token while it is valid; a forced refresh mints a new one (the old
    // one stays valid five more minutes), at most 20 times a day.
    const day = new Date(now()).toISOString().slice(0, 10);
    const current = state.stable?.day === day ? state.stable : state.stable && { ...state.stable, forcedToday: 0, day };
    if (current && current.expiresAt > now() && b.force_refresh !== true) {
      return c.json({ access_token: current.token, expires_in: Math.floor((current.expiresAt - now()) / 1000) });
    }
    if (b.force_refresh === true && (current?.forcedToday ?? 0) >= FORCED_REFRESH_PER_DAY) return c.json(fail(45009));
    if (current) state.tokens.set(current.token, Math.min(current.expiresAt, now() + 5 * 60_000));
    const token = `stand-in-token-${code()}`;
    state.tokens.set(token, now() + TOKEN_TTL_S * 1000);
    state.stable = { token, expiresAt: now() + TOKEN_TTL_S * 1000, forcedToday: (current?.forcedToday ?? 0) + (b.force_refresh === true ? 1 : 0), day };
    return c.json({ access_token: token, expires_in: TOKEN_TTL_S });
  });

  app.post('/wxa/business/getuserphonenumber', async (c) => {
    const fault = injected('/wxa/business/getuserphonenumber') ?? tokenProblem(c.req.query('access_token')) ?? quota('/wxa/business/getuserphonenumber', appid);
    if (fault) return c.json(fault);
    const b = await body(c);
    const entry = typeof b?.code === 'string' ? state.phoneCodes.get(b.code) : undefined;
    if (!entry || entry.expiresAt < now()) return c.json(fail(40029));
    state.phoneCodes.delete(b!.code as string);
    return c.json({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.phoneNumber,
        purePhoneNumber: entry.phoneNumber,
        countryCode: '86',
        watermark: { timestamp: Math.floor(now() / 1000), appid },
      },
    });
  });

  app.post('/cgi-bin/message/subscribe/send', async (c) => {
    const fault = injected('/cgi-bin/message/subscribe/send') ?? tokenProblem(c.req.query('access_token')) ?? quota('/cgi-bin/message/subscribe/send', appid);
    if (fault) return c.json(fault);
    const b = await body(c);
    if (!b) return c.json(fail(44002));
    const {
      touser,
      template_id: templateId,
      data,
      page,
    } = b as { touser?: string; template_id?: string; data?: Record<string, { value?: unknown }>; page?: string };
    if (!templateId || !STAND_IN_TEMPLATES.includes(templateId)) return c.json(fail(40037));
    if (!touser) return c.json(fail(47003, 'touser is empty'));
    for (const [field, entry] of Object.entries(data ?? {})) {
      const type = field.replace(/\d+$/, '');
      const value = entry?.value;
      const limit = valueLimits[type];
      if (typeof value !== 'string' || value.length === 0) return c.json(fail(47003, `data.${field}.value is empty`));
      if (limit && ([...value].length > limit.max || (limit.pattern && !limit.pattern.test(value)))) return c.json(fail(47003, `data.${field}.value invalid`));
    }
    const creditKey = `${touser} ${templateId}`;
    const credits = state.credits.get(creditKey) ?? 0;
    if (credits <= 0) return c.json(fail(43101));
    state.credits.set(creditKey, credits - 1);
    state.messages.push({ openid: touser, templateId, data, page, at: new Date(now()).toISOString() });
    return c.json({ errcode: 0, errmsg: 'ok' });
  });

  app.post('/wxa/msg_sec_check', async (c) => {
    const fault = injected('/wxa/msg_sec_check') ?? tokenProblem(c.req.query('access_token')) ?? quota('/wxa/msg_sec_check', appid);
    if (fault) return c.json(fault);
    const b = await body(c);
    if (b?.version !== 2 || typeof b.content !== 'string' || typeof b.openid !== 'string') return c.json(fail(47001));
    const hit = state.content.find((r) => (b.content as string).includes(r.text));
    const suggest = hit?.suggest ?? 'pass';
    const label = suggest === 'pass' ? 100 : 20001;
    return c.json({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label }],
      trace_id: code(),
    });
  });

  /**
   * The verdict of a media check, pushed as WeChat pushes it: a JSON message event
   * `wxa_media_check` to the configured URL, signed with the push Token in the query. WeChat
   * first fetches the media itself; a link it cannot read gets errcode 61010-like failure in the
   * event instead of a verdict.
   */
  async function pushVerdict(check: StandInState['media'][number]) {
    if (check.pushed || !options.pushUrl) return;
    check.pushed = true;
    const media = await fetch(check.mediaUrl).catch(() => null);
    check.fetched = !!media?.ok;
    await media?.arrayBuffer().catch(() => null);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = code().slice(0, 10);
    const url = new URL(options.pushUrl());
    url.searchParams.set('signature', pushSignature(STAND_IN_PUSH_TOKEN, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    const label = check.suggest === 'pass' ? 100 : 20002;
    const event = {
      ToUserName: 'gh_stand_in',
      FromUserName: check.openid,
      CreateTime: Number(timestamp),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid,
      trace_id: check.traceId,
      version: 2,
      ...(check.fetched
        ? {
            detail: [{ strategy: 'content_model', errcode: 0, suggest: check.suggest, label, prob: 90 }],
            errcode: 0,
            errmsg: 'ok',
            result: { suggest: check.suggest, label },
          }
        : { errcode: 61010, errmsg: 'media url download failed', result: { suggest: 'review', label: 100 } }),
    };
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) }).catch(() => null);
  }

  app.post('/wxa/media_check_async', async (c) => {
    const fault = injected('/wxa/media_check_async') ?? tokenProblem(c.req.query('access_token')) ?? quota('/wxa/media_check_async', appid);
    if (fault) return c.json(fault);
    const b = await body(c);
    if (!b) return c.json(fail(44002));
    const { media_url: mediaUrl, media_type: mediaType, version, scene, openid } = b as Record<string, unknown>;
    // version 2 needs the openid of a user who opened the mini-program in the last 2 hours, and a scene 1–4.
    if (version !== 2 || (mediaType !== 1 && mediaType !== 2) || typeof openid !== 'string' || !openid) return c.json(fail(47001));
    if (typeof scene !== 'number' || scene < 1 || scene > 4) return c.json(fail(47001));
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl)) return c.json(fail(47003, 'media_url invalid'));
    const traceId = `${code().slice(0, 8)}-${code().slice(0, 8)}-${code().slice(0, 8)}`;
    const check = { traceId, mediaUrl, openid, suggest: state.mediaMode.suggest, pushed: false, fetched: false };
    state.media.push(check);
    if (!state.mediaMode.hold) setTimeout(() => void pushVerdict(check), options.pushDelayMs ?? 20);
    return c.json({ errcode: 0, errmsg: 'ok', trace_id: traceId });
  });

  app.post('/wxa/getwxacodeunlimit', async (c) => {
    const fault = injected('/wxa/getwxacodeunlimit') ?? tokenProblem(c.req.query('access_token')) ?? quota('/wxa/getwxacodeunlimit', appid);
    if (fault) return c.json(fault);
    const b = await body(c);
    const scene = typeof b?.scene === 'string' ? b.scene : '';
    // WeChat: scene is at most 32 visible characters.
    if (!scene || scene.length > 32) return c.json(fail(47003, 'scene invalid'));
    const { default: QRCode } = await import('qrcode');
    const png = await QRCode.toBuffer(`stand-in://${b?.page ?? ''}?scene=${scene}`, { width: 280, margin: 1 });
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png' });
  });

  // ---- test controls (never present when WECHAT_APPID is set) ----
  app.post('/test/login-code', async (c) => {
    const b = await body(c);
    if (typeof b?.openid !== 'string' || !b.openid) return c.json({ error: 'openid required' }, 400);
    const value = code();
    state.loginCodes.set(value, { openid: b.openid, expiresAt: now() + CODE_TTL_MS });
    return c.json({ code: value });
  });
  app.post('/test/phone-code', async (c) => {
    const b = await body(c);
    if (typeof b?.phoneNumber !== 'string' || !/^1\d{10}$/.test(b.phoneNumber)) return c.json({ error: 'phoneNumber required' }, 400);
    const value = code();
    state.phoneCodes.set(value, { phoneNumber: b.phoneNumber, expiresAt: now() + CODE_TTL_MS });
    return c.json({ code: value });
  });
  /** What the user's tap on 允许 in wx.requestSubscribeMessage gives: one credit per accept. */
  app.post('/test/subscribe-accept', async (c) => {
    const b = await body(c);
    if (typeof b?.openid !== 'string' || typeof b.templateId !== 'string') return c.json({ error: 'openid and templateId required' }, 400);
    const creditKey = `${b.openid} ${b.templateId}`;
    state.credits.set(creditKey, (state.credits.get(creditKey) ?? 0) + (typeof b.count === 'number' ? b.count : 1));
    return c.json({ credits: state.credits.get(creditKey) });
  });
  app.get('/test/messages', (c) => {
    const openid = c.req.query('openid');
    return c.json({ items: state.messages.filter((m) => !openid || m.openid === openid) });
  });
  app.post('/test/faults', async (c) => {
    const b = await body(c);
    const errcode = typeof b?.errcode === 'number' ? b.errcode : undefined;
    const hangMs = typeof b?.hangMs === 'number' ? b.hangMs : undefined;
    const every = typeof b?.every === 'number' && b.every > 0 ? b.every : undefined;
    if (typeof b?.path !== 'string' || (errcode === undefined && hangMs === undefined)) return c.json({ error: 'path and errcode or hangMs required' }, 400);
    state.faults.set(b.path, { errcode, hangMs, every, count: typeof b.count === 'number' ? b.count : 1 });
    return c.json({ ok: true });
  });
  app.post('/test/quota', async (c) => {
    const b = await body(c);
    if (typeof b?.path !== 'string' || typeof b.limit !== 'number') return c.json({ error: 'path and limit required' }, 400);
    state.quotas.set(b.path, { limit: b.limit, windowMs: typeof b.windowMs === 'number' ? b.windowMs : DAY });
    for (const key of state.quotaUse.keys()) if (key.endsWith(` ${b.path}`)) state.quotaUse.delete(key);
    return c.json({ ok: true });
  });
  app.get('/test/calls', (c) => c.json(Object.fromEntries(state.calls)));
  /** The verdict of the media checks that follow (`risky` to try the hide path); `hold` keeps them unanswered until released. */
  app.post('/test/media', async (c) => {
    const b = await body(c);
    if ((b?.suggest !== 'pass' && b?.suggest !== 'risky') || (b.hold !== undefined && typeof b.hold !== 'boolean')) {
      return c.json({ error: 'suggest (pass or risky) required, hold optional' }, 400);
    }
    state.mediaMode = { suggest: b.suggest, hold: b.hold === true };
    return c.json({ ok: true });
  });
  /** Pushes the verdicts of the held checks (all, or the one `traceId`), as `suggest` if given. */
  app.post('/test/media/release', async (c) => {
    const b = await body(c);
    const held = state.media.filter((m) => !m.pushed && (typeof b?.traceId !== 'string' || m.traceId === b.traceId));
    for (const m of held) {
      if (b?.suggest === 'pass' || b?.suggest === 'risky') m.suggest = b.suggest;
      await pushVerdict(m);
    }
    return c.json({ released: held.length });
  });
  app.get('/test/media', (c) => c.json({ items: state.media }));
  app.post('/test/content', async (c) => {
    const b = await body(c);
    if (typeof b?.text !== 'string' || (b.suggest !== 'risky' && b.suggest !== 'review')) return c.json({ error: 'text and suggest required' }, 400);
    state.content.push({ text: b.text, suggest: b.suggest });
    return c.json({ ok: true });
  });

  return { app, state, appid, secret };
}
