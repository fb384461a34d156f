import { timingSafeEqual as bytesEqual, createHash } from 'node:crypto';
import type { Context } from 'hono';
import { authenticate } from './auth-context.js';
import { type Ctx, hasRole, type Services } from './context.js';
import { forbidden, notFound, unauthenticated } from './errors.js';
import { withIdempotency } from './idempotency.js';
import { answer, type Env } from './middleware.js';
import { parse, readJson } from './parsing.js';
import { type AnyRoute, checkReply, Reply } from './route.js';

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

/** One route's request: who calls (and may they), its parsed input, its ctx, its verb, its reply. */
export async function runRoute(c: Context<Env>, route: AnyRoute, services: Services): Promise<Response> {
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
  const communityId = actor?.communityId ?? (route.withoutCommunity ? '' : await services.defaultCommunityId());
  if (Array.isArray(route.access) && !hasRole(actor, communityId, ...route.access)) throw route.hidden ? notFound() : forbidden();
  if (
    route.hidden &&
    route.admits &&
    actor &&
    !(await route.admits({ db: services.db, actor, communityId, now: services.now(), requestId, ip: '', services }, c.req.param()))
  ) {
    throw notFound();
  }

  const params = route.params ? parse(route.params, c.req.param(), 'params') : undefined;
  const query = route.query ? parse(route.query, c.req.query(), 'query') : undefined;
  const body = route.body ? parse(route.body, await readJson(c), 'body') : undefined;

  const ctx: Ctx = { db: services.db, actor, communityId, now: services.now(), requestId, ip: clientIp(c, services.settings.TRUST_PROXY), services };
  const run = async (runCtx: Ctx) => toReply(await route.handle({ ctx: runCtx as never, input: { body, query, params }, c }), route.status ?? 200);

  const key = c.req.header('idempotency-key');
  // Scoped to the concrete path: one key on two requests' replies is two different operations.
  const reply = route.idempotent && key && actor ? await withIdempotency(ctx, `${route.method} ${c.req.path}`, key, body, run) : await run(ctx);
  checkReply(route, reply, services.settings.NODE_ENV);
  if (reply.body instanceof Response) return reply.body;
  const { settings } = services;
  if (reply.status === 204) return answer(c, settings, 204, null, reply.headers);
  return answer(c, settings, reply.status, JSON.stringify(reply.body), { ...reply.headers, 'content-type': 'application/json' });
}

function toReply(result: unknown, status: number): Reply {
  if (result instanceof Reply) return result;
  return new Reply(status, result);
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
const timingSafeEqual = (a: string, b: string) => bytesEqual(digest(a), digest(b));
