import * as z from 'zod';

export const Health = z.object({ ok: z.boolean(), db: z.enum(['pglite', 'pg', 'neon']), version: z.string(), wechat: z.enum(['stand-in', 'wechat']) });
export type Health = z.infer<typeof Health>;

export const Community = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  households: z.number().int().optional(),
  population: z.number().int().optional(),
});
export type Community = z.infer<typeof Community>;
