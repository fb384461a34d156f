import { timingSafeEqual as bytesEqual, createHash, randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
// Only the Chinese messages: all of z.locales is most of zod's weight in the function bundle.
import zhCN from 'zod/v4/locales/zh-CN.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { authenticate } from './auth-context.js';
import type { Ctx, Services } from './context.js';
import { hasRole, withTransaction } from './context.js';
import { AppError, databaseUnavailable, type FieldProblem, forbidden, toProblem, unauthenticated } from './errors.js';
import { describeError } from './log.js';
import { isDatabaseUnavailable } from './pg-errors.js';
import { type AnyRoute, checkReply, Reply } from './route.js';

z.config(zhCN());

export const MAX_BODY_BYTES = 64 * 1024;

type Env = { Bindings: HttpBindings; Variables: { requestId: string } };

export interface AppOptions {
  services: Services;
  routes: AnyRoute[];
  /** Extra apps mounted before the API, e.g. the WeChat stand-in and the H5 files. */
  mount?: (app: Hono<Env>) => void;
}

export function createApp({ services, routes, mount }: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const { log, settings } = services;

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    log.info('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  // nosniff, frame and referrer policy, HSTS for every answer; the API is also read cross-origin
  // (the H5 console may be hosted elsewhere), so no same-origin resource policy there.
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.use(
    '/api/*',
    cors({
      origin: settings.CORS_ORIGINS === '*' ? '*' : settings.CORS_ORIGINS.split(',').map((s) => s.trim()),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    }),
  );
  const tooLarge = (headers?: Record<string, string>) => new AppError('PAYLOAD_TOO_LARGE', '提交的内容太大了（最多 64 KB），请删减后再提交。', { headers });
  const streamedBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  });
  // The declared length is checked from the header; only a chunked body is counted as it streams.
  // (Hono's bodyLimit looks at the body stream first, which builds a full fetch Request out of
  // every request, a GET's too: a large part of the fixed cost of a request.)
  app.use('/api/*', (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      // Refused unread: the connection closes, or the unread body would spoil the next request on it.
      if (Number(length) > MAX_BODY_BYTES) throw tooLarge({ Connection: 'close' });
      return next();
    }
    return streamedBodyLimit(c, next);
  });

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.extra.headers ?? {})) c.header(k, v);
      return problem(c, toProblem(error, requestId));
    }
    if (isDatabaseUnavailable(error)) {
      // Down, restarting or frozen: the caller may try again; the process carries on.
      log.warn('database unavailable', { requestId, path: c.req.path, ...describeError(error) });
      const unavailable = databaseUnavailable();
      for (const [k, v] of Object.entries(unavailable.extra.headers ?? {})) c.header(k, v);
      return problem(c, toProblem(unavailable, requestId));
    }
    log.error('unhandled error', { requestId, path: c.req.path, ...describeError(error) });
    return problem(c, {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: '系统出了点问题，请稍后再试。如果一直不行，请把编号告诉工作人员。',
      code: 'INTERNAL',
      requestId,
    });
  });

  mount?.(app);

  app.get('/api/openapi.json', async (c) => {
    const { buildOpenApi } = await import('./openapi.js');
    return c.json(buildOpenApi(routes, services.version));
  });

  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, (c) => runRoute(c, route, services));
  }

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', '没有这个接口，请检查地址。');
  });
  return app;
}

function problem(c: Context, body: ReturnType<typeof toProblem>) {
  return c.body(JSON.stringify(body), body.status as 400, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}

/**
 * The caller's address, for the per-address limits. X-Forwarded-For is believed only behind a
 * proxy (Vercel; TRUST_PROXY says so), and then only its last entry: the one the trusted proxy
 * added. Entries before it were written by the client, who could pick a new address each time.
 * Without a proxy the socket's address counts.
 */
function clientIp(c: Context<Env>, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? c.req
        .header('x-forwarded-for')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  return forwarded || c.env?.incoming?.socket?.remoteAddress || 'unknown';
}

export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

/**
 * The path of the first string holding a NUL character: Postgres text cannot store one. Walked
 * with a stack, not recursion: a 64 KB body can nest 30,000 levels deep.
 */
function nulPath(value: unknown, path: string): string | null {
  type Step = { node: unknown; key: string; parent: Step | null };
  const stack: Step[] = [{ node: value, key: path, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (typeof step.node === 'string') {
      if (!step.node.includes('\u0000')) continue;
      const keys: string[] = [];
      for (let s: Step | null = step; s; s = s.parent) keys.push(s.key);
      return keys.reverse().join('.');
    }
    if (step.node && typeof step.node === 'object') {
      const entries = Object.entries(step.node);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ node: entries[i]![1], key: entries[i]![0], parent: step });
    }
  }
  return null;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const nul = nulPath(value, where);
  if (nul) {
    throw new AppError('VALIDATION_FAILED', '提交的内容里有无法识别的字符，请删除后重新输入。', { errors: [{ path: nul, message: '含有无法识别的字符' }] });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', '填写的内容有误，请按提示修改后再提交。', { errors: zodProblems(result.error, where) });
  }
  return result.data;
}

/** Deeper than any body of this API: hostile nesting is refused before it is parsed or walked. */
const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), in one pass. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* backslash */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) deepest = Math.max(deepest, ++depth);
    else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new AppError('MALFORMED_JSON', `提交的数据嵌套太深（最多 ${MAX_JSON_DEPTH} 层），请检查后重新提交。`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_JSON', '提交的数据格式不对（不是有效的 JSON）。');
  }
}

async function runRoute(c: Context<Env>, route: AnyRoute, services: Services): Promise<Response> {
  const requestId = c.get('requestId');
  // On open routes a stale or revoked token is ignored: signing in again must never fail on it.
  const header = c.req.header('authorization');
  if (route.access === 'cron') {
    // Scheduled jobs: Vercel Cron sends `Authorization: Bearer $CRON_SECRET`; nobody else may call.
    const secret = services.settings.CRON_SECRET;
    if (!secret || !header || !timingSafeEqual(header, `Bearer ${secret}`)) throw unauthenticated();
  }
  const actor =
    route.access === 'anyone' || route.access === 'cron'
      ? await authenticate(route.access === 'cron' ? undefined : header, services).catch(() => null)
      : await authenticate(header, services);
  if (route.access !== 'anyone' && route.access !== 'cron' && !actor) throw unauthenticated();
  const communityId = actor?.communityId ?? (await services.defaultCommunityId());
  if (Array.isArray(route.access) && !hasRole(actor, communityId, ...route.access)) throw forbidden();

  const params = parse(route.params, c.req.param(), 'params');
  const query = parse(route.query, c.req.query(), 'query');
  const body = route.body ? parse(route.body, await readJson(c), 'body') : undefined;

  const ctx: Ctx = { db: services.db, actor, communityId, now: services.now(), requestId, ip: clientIp(c, services.settings.TRUST_PROXY), services };
  const run = async (runCtx: Ctx) => toReply(await route.handle({ ctx: runCtx as never, input: { body, query, params }, c }), route.status ?? 200);

  const key = c.req.header('idempotency-key');
  // Scoped to the concrete path: one key on two requests' replies is two different operations.
  const reply = route.idempotent && key && actor ? await withIdempotency(ctx, `${route.method} ${c.req.path}`, key, body, run) : await run(ctx);
  checkReply(route, reply, services.settings.NODE_ENV);
  if (reply.body instanceof Response) return reply.body;
  for (const [k, v] of Object.entries(reply.headers)) c.header(k, v);
  if (reply.status === 204) return c.body(null, 204);
  return c.json(reply.body, reply.status as 200);
}

function toReply(result: unknown, status: number): Reply {
  if (result instanceof Reply) return result;
  return new Reply(status, result);
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const timingSafeEqual = (a: string, b: string) => bytesEqual(digest(a), digest(b));

const PENDING = 0;

/**
 * Same key, same account, same method and concrete path → the first reply. The key is claimed
 * inside one transaction with the create itself: racing retries serialise on the key's primary
 * key (the loser waits, then replays the winner's reply), and if anything fails — the create, or
 * storing its reply — both roll back together, so a retry can never create a second row. The
 * same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
async function withIdempotency(ctx: Ctx, route: string, rawKey: string, requestBody: unknown, run: (ctx: Ctx) => Promise<Reply>): Promise<Reply> {
  const key = rawKey.slice(0, 200);
  const accountId = ctx.actor!.accountId;
  const requestHash = digest(JSON.stringify(requestBody ?? null)).toString('hex');
  const where = and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key));
  return withTransaction(ctx, async (tx) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await tx.db
        .insert(idempotencyKeys)
        .values({ accountId, route, key, status: PENDING, body: {}, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length > 0) {
        const reply = await run(tx);
        if (reply.body instanceof Response) return reply;
        await tx.db
          .update(idempotencyKeys)
          .set({ status: reply.status, body: reply.body as object })
          .where(where);
        return reply;
      }
      const [row] = await tx.db.select().from(idempotencyKeys).where(where);
      if (row && row.status !== PENDING) {
        if (row.requestHash && row.requestHash !== requestHash) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED', '这个操作编号已经用于另一次提交，请刷新页面后重新提交。');
        }
        return new Reply(row.status, row.body, { 'Idempotent-Replayed': 'true' });
      }
      // A claim left pending by the earlier design (claimed outside the create's transaction) by
      // an instance that crashed: take it over.
      await tx.db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.status, PENDING)));
    }
    throw new AppError('CONFLICT', '同一操作正在处理中，请稍候刷新查看结果。');
  });
}
