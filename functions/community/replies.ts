import * as z from 'zod';

export const Health = z.object({ ok: z.boolean(), db: z.enum(['pglite', 'pg', 'neon']), version: z.string(), wechat: z.enum(['stand-in', 'wechat']) });
export type Health = z.infer<typeof Health>;

/** One readiness check: passed, or what is missing in a sentence the operator can act on. */
const Check = z.object({ ok: z.boolean(), detail: z.string() });
export const Readiness = z.object({
  ready: z.boolean(),
  /** The first failing check's words; absent when ready. */
  detail: z.string().optional(),
  checks: z.object({ database: Check, migrations: Check, community: Check }),
});
export type Readiness = z.infer<typeof Readiness>;

export const Community = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  households: z.number().int().optional(),
  population: z.number().int().optional(),
});
export type Community = z.infer<typeof Community>;
