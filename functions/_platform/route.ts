import type { Context } from 'hono';
import type * as z from 'zod';
import type { RoleName } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from './context.js';

/**
 * Who may call a route: everyone, any signed-in account, or accounts holding one of the roles
 * in the caller's community. Ownership (a resident's own request) is checked in the verb.
 */
export type Access = 'anyone' | 'account' | 'cron' | readonly RoleName[];

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

export interface RouteDef<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  A extends Access = Access,
  R extends Schema = Schema,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono-style path, `/api/service-requests/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /**
   * The route's records are not to be known to callers it refuses (the party branch): such a
   * caller gets NOT_FOUND 404, as for an unknown path, before the input is read, instead of
   * FORBIDDEN 403. With `admits`, an `account` route asks it first (the meeting's officials).
   */
  hidden?: true;
  admits?: (ctx: AuthedCtx, params: Record<string, string>) => Promise<boolean>;
  /**
   * Health and readiness: answered for a caller not signed in without looking up the default
   * community, so a database that is migrated but not yet seeded still answers. `ctx.communityId`
   * is then '' and the handler must not read it.
   */
  withoutCommunity?: true;
  body?: B;
  query?: Q;
  params?: P;
  /** Creates: honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** Success status, 200 unless said. */
  status?: number;
  /**
   * The success body's schema: the OpenAPI document and the mini-program's types come from it,
   * `handle` must return what it accepts, and outside production every reply is checked against
   * it (a schema that lies fails the API tests). Every JSON route has one.
   */
  response?: R;
  /** Binary replies (spreadsheets, images). */
  produces?: string;
  handle(args: { ctx: A extends 'anyone' | 'cron' ? Ctx : AuthedCtx; input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>; c: Context }): Promise<Returns<R>>;
}

/** With a response schema, what the handler returns must be what the schema accepts. */
type Returns<R extends Schema> = z.input<R> | Reply<z.input<R>>;

// biome-ignore lint/suspicious/noExplicitAny: a registry holds routes of every input type
export type AnyRoute = RouteDef<any, any, any, any, any>;

export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  A extends Access = Access,
  R extends Schema = Schema,
>(def: RouteDef<B, Q, P, A, R>): AnyRoute {
  return def as AnyRoute;
}

/** A verb's reply with a status other than the route's default (e.g. 201 vs 200 on a replay). */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body: T,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * Under test every JSON reply is parsed by its route's schema as the client will read it (after
 * JSON), so a schema that no longer says what the handler returns fails loudly in the tests
 * instead of misleading the mini-program's types. The check is strict both ways: a field the
 * handler sends and the schema does not declare fails too (parsing drops it, so the parsed reply
 * is no longer the one sent), or the mini-program would read fields its types do not know. Not in
 * development or production: the check costs more than many a request (`npm run bench` measures
 * the server as it runs there).
 */
export function checkReply(route: AnyRoute, reply: Reply, nodeEnv: string): void {
  if (!route.response || nodeEnv !== 'test') return;
  if (reply.status === 204 || reply.body instanceof Response || reply.status >= 300) return;
  const sent: unknown = JSON.parse(JSON.stringify(reply.body));
  const result = (route.response as Schema).safeParse(sent);
  const where = `${route.method.toUpperCase()} ${route.path}`;
  if (!result.success) throw new Error(`${where}: the reply does not match its response schema: ${JSON.stringify(result.error.issues)}`);
  const undeclared = undeclaredPaths(sent, result.data);
  if (undeclared.length) throw new Error(`${where}: the reply sends fields its response schema does not declare: ${undeclared.join(', ')}`);
}

/** Where `sent` holds a field (or element) that `parsed`, the schema's reading of it, lacks. */
function undeclaredPaths(sent: unknown, parsed: unknown, at = '$'): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(parsed)) return [at];
    return sent.flatMap((item, i) => undeclaredPaths(item, parsed[i], `${at}[${i}]`));
  }
  if (sent === null || typeof sent !== 'object') return [];
  if (parsed === null || typeof parsed !== 'object') return [at];
  const declared = parsed as Record<string, unknown>;
  return Object.entries(sent).flatMap(([key, value]) => (key in declared ? undeclaredPaths(value, declared[key], `${at}.${key}`) : [`${at}.${key}`]));
}
