import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { communities } from '../../db/schema/index.js';
import { notFound } from '../_platform/errors.js';
import { defineRoute } from '../_platform/route.js';

const Health = z.object({ ok: z.boolean(), db: z.enum(['pglite', 'pg', 'neon']), version: z.string(), wechat: z.enum(['stand-in', 'wechat']) });
const Community = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  households: z.number().int().optional(),
  population: z.number().int().optional(),
});

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and which database and WeChat API the server uses',
    tag: 'platform',
    access: 'anyone',
    response: Health,
    async handle({ ctx }) {
      await ctx.db.select({ id: communities.id }).from(communities).limit(1);
      const { services } = ctx;
      return { ok: true, db: services.dbKind, version: services.version, wechat: services.wechat.standIn ? 'stand-in' : 'wechat' };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/community',
    summary: "The caller's community, or the default one",
    tag: 'platform',
    access: 'anyone',
    response: Community,
    async handle({ ctx }) {
      const [row] = await ctx.db
        .select({
          id: communities.id,
          name: communities.name,
          region: communities.region,
          households: communities.households,
          population: communities.population,
        })
        .from(communities)
        .where(eq(communities.id, ctx.communityId));
      if (!row) throw notFound('社区');
      return {
        id: row.id,
        name: row.name,
        region: row.region,
        ...(row.households != null ? { households: row.households } : {}),
        ...(row.population != null ? { population: row.population } : {}),
      };
    },
  }),
];
