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
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono-style path, `/api/service-requests/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Creates: honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** Success status, 200 unless said. */
  status?: number;
  /** For the OpenAPI document: the success body's schema, when it is worth describing. */
  response?: Schema;
  /** Binary replies (spreadsheets, images). */
  produces?: string;
  handle(args: { ctx: A extends 'anyone' | 'cron' ? Ctx : AuthedCtx; input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>; c: Context }): Promise<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds routes of every input type
export type AnyRoute = RouteDef<any, any, any, any>;

export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  A extends Access = Access,
>(def: RouteDef<B, Q, P, A>): AnyRoute {
  return def as AnyRoute;
}

/** A verb's reply with a status other than the route's default (e.g. 201 vs 200 on a replay). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
