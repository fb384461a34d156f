import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Services } from './context.js';
import type { Settings } from './env.js';
import { AppError } from './errors.js';

export type Env = { Bindings: HttpBindings; Variables: { requestId: string } };

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * What every answer carries: nosniff, frame and referrer policy, HSTS (the headers Hono's
 * secureHeaders sets, with no same-origin resource or opener policy: the API is also read
 * cross-origin, the H5 console may be hosted elsewhere). One object for the process, in the
 * lower case a fetch Headers would give them.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});
const EXPOSE_HEADERS = ['X-Request-Id', 'Retry-After', 'Content-Disposition'];

/** Which origins may read the API, from the settings: read once per settings object, not per request. */
interface CorsPolicy {
  any: boolean;
  allowOrigin(origin: string): string | null;
  preflight: ReturnType<typeof cors>;
}
const policies = new WeakMap<Settings, CorsPolicy>();
function corsPolicy(settings: Settings): CorsPolicy {
  let policy = policies.get(settings);
  if (!policy) {
    const origins = settings.CORS_ORIGINS === '*' ? '*' : settings.CORS_ORIGINS.split(',').map((s) => s.trim());
    policy = {
      any: origins === '*',
      allowOrigin: (origin) => (origins === '*' ? '*' : origins.includes(origin) ? origin : null),
      preflight: cors({
        origin: origins,
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
        exposeHeaders: EXPOSE_HEADERS,
        maxAge: 600,
      }),
    };
    policies.set(settings, policy);
  }
  return policy;
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Answers made whole by `answer` (every route's reply and every problem reply): the edge leaves
 * their headers alone.
 */
const headed = new WeakSet<Response>();

/**
 * An answer with every header the edge guarantees already in place — security headers, CORS on
 * the API, the request id — as one plain object. The node server writes such an answer straight
 * from it; setting headers one by one on a finished answer makes it build a fetch Headers (every
 * name and value validated, then sorted and copied out again), which costs more than a small
 * request's own work. `own` holds the reply's headers (content type, Retry-After…); the security
 * headers win over them, as Hono's secureHeaders overwrote them.
 */
export function answer(c: Context<Env>, settings: Settings, status: number, body: string | null, own: Record<string, string>): Response {
  const headers: Record<string, string> = {};
  for (const name in own) headers[name.toLowerCase()] = own[name]!;
  Object.assign(headers, SECURITY_HEADERS);
  if (isApi(c.req.path)) {
    const policy = corsPolicy(settings);
    const allowed = policy.allowOrigin(c.req.header('origin') || '');
    if (allowed) headers['access-control-allow-origin'] = allowed;
    headers['access-control-expose-headers'] = EXPOSE_HEADERS.join(',');
    if (!policy.any) headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
  }
  const requestId = c.get('requestId');
  if (requestId) headers['x-request-id'] = requestId;
  const res = new Response(body, { status, headers });
  headed.add(res);
  return res;
}

/**
 * Every request, at the edge: its id (the caller's X-Request-Id, or a new one), one log line when
 * answered, the CORS preflight, and the security and CORS headers and the request id on answers
 * not made by `answer` (static files, spreadsheets, the WeChat stand-in, the preflight itself).
 */
export function edge(app: Hono<Env>, { settings, log }: Services) {
  const policy = corsPolicy(settings);
  const exposed = EXPOSE_HEADERS.join(',');
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    const res = c.res;
    if (!headed.has(res)) {
      // On the answer's own headers: c.header() after the answer is made would rebuild it as a
      // fetch Response with a streamed body, which costs more than a small request itself.
      const headers = res.headers;
      for (const name in SECURITY_HEADERS) headers.set(name, SECURITY_HEADERS[name]!);
      headers.delete('X-Powered-By');
      // The preflight's CORS headers are its own (Hono's cors, below).
      if (isApi(c.req.path) && c.req.method !== 'OPTIONS') {
        const allowed = policy.allowOrigin(c.req.header('origin') || '');
        if (allowed) headers.set('Access-Control-Allow-Origin', allowed);
        headers.set('Access-Control-Expose-Headers', exposed);
        if (!policy.any) headers.append('Vary', 'Origin');
      }
      headers.set('X-Request-Id', requestId);
    }
    log.info('request', { requestId, method: c.req.method, path: c.req.path, status: res.status, ms: Math.round(performance.now() - started) });
  });
  // Registered for OPTIONS alone: other requests do not pass through it.
  app.options('/api/*', (c, next) => policy.preflight(c, next));
}

/** Every method Node's parser takes but GET, HEAD and OPTIONS. */
const BODY_METHODS = METHODS.filter((m) => m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS');

const tooLarge = (headers?: Record<string, string>) => new AppError('PAYLOAD_TOO_LARGE', '提交的内容太大了（最多 64 KB），请删减后再提交。', { headers });

/**
 * Bodies over MAX_BODY_BYTES are refused. The declared length is checked from the header; only a
 * chunked body is counted as it streams. (Hono's bodyLimit looks at the body stream first, which
 * builds a full fetch Request out of every request, a GET's too: a large part of the fixed cost
 * of a request.)
 */
export function bodySizeLimit(app: Hono<Env>, { settings }: Pick<Services, 'settings'>) {
  const streamedBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  });
  // Photo uploads (POST /api/attachments) alone may be larger: the photo's cap plus the
  // multipart envelope, refused in the photo's own words (ATTACHMENT_TOO_LARGE).
  const uploadMax = settings.ATTACHMENT_MAX_BYTES + 16 * 1024;
  const photoTooLarge = (headers?: Record<string, string>) =>
    new AppError('ATTACHMENT_TOO_LARGE', `照片太大了（最多 ${Math.floor(settings.ATTACHMENT_MAX_BYTES / 1024 / 1024)} MB），请换一张或在手机上压缩后再上传。`, {
      headers,
    });
  const streamedUploadLimit = bodyLimit({
    maxSize: uploadMax,
    onError: () => {
      throw photoTooLarge();
    },
  });
  // Registered for the methods that carry a body only: a GET does not pass through it at all.
  app.on(BODY_METHODS, '/api/*', (c, next) => {
    const method = c.req.method;
    const upload = method === 'POST' && c.req.path === '/api/attachments';
    const max = upload ? uploadMax : MAX_BODY_BYTES;
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      // Refused unread: the connection closes, or the unread body would spoil the next request on it.
      if (Number(length) > max) throw upload ? photoTooLarge({ Connection: 'close' }) : tooLarge({ Connection: 'close' });
      return next();
    }
    return upload ? streamedUploadLimit(c, next) : streamedBodyLimit(c, next);
  });
}
