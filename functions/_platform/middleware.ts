import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { Services } from './context.js';
import { AppError } from './errors.js';

export type Env = { Bindings: HttpBindings; Variables: { requestId: string } };

export const MAX_BODY_BYTES = 64 * 1024;

/** Every request: its id (the caller's X-Request-Id, or a new one) and one log line when answered. */
export function requestLog(app: Hono<Env>, { log }: Services) {
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    // On the answer's own headers: c.header() after the answer is made would rebuild it as a
    // fetch Response with a streamed body, which costs more than a small request itself.
    c.res.headers.set('X-Request-Id', requestId);
    log.info('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
}

/**
 * nosniff, frame and referrer policy, HSTS for every answer; the API is also read cross-origin
 * (the H5 console may be hosted elsewhere), so no same-origin resource policy there.
 */
export function securityHeaders(app: Hono<Env>, { settings }: Services) {
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  const origins = settings.CORS_ORIGINS === '*' ? '*' : settings.CORS_ORIGINS.split(',').map((s) => s.trim());
  const exposeHeaders = ['X-Request-Id', 'Retry-After', 'Content-Disposition'];
  const preflight = cors({ origin: origins, allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'], exposeHeaders, maxAge: 600 });
  const allowOrigin = (origin: string) => (origins === '*' ? '*' : origins.includes(origin) ? origin : null);
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    // The same headers Hono's cors sets on the other methods, set on the answer once it is made:
    // Hono's cors touches c.res before the route runs, which turns every answer into a fetch
    // Response with a streamed body (undici and web streams: a large part of a small request).
    await next();
    const allowed = allowOrigin(c.req.header('origin') || '');
    if (allowed) c.res.headers.set('Access-Control-Allow-Origin', allowed);
    c.res.headers.set('Access-Control-Expose-Headers', exposeHeaders.join(','));
    if (origins !== '*') c.res.headers.append('Vary', 'Origin');
  });
}

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
  app.use('/api/*', (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
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
