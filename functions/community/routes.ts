import { eq } from 'drizzle-orm';
import { communities } from '../../db/schema/index.js';
import { notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { defineRoute } from '../_platform/route.js';
import { Community, Health } from './replies.js';

// Health is polled: its one statement is built once per database.
const databaseAnswers = perDatabase((db) => db.select({ id: communities.id }).from(communities).limit(1).prepare('health_check'));

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and which database and WeChat API the server uses',
    tag: 'platform',
    access: 'anyone',
    response: Health,
    async handle({ ctx }) {
      await databaseAnswers(ctx.db).execute();
      const { services } = ctx;
      return { ok: true, db: services.dbKind, version: services.version, wechat: services.wechat.standIn ? ('stand-in' as const) : ('wechat' as const) };
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
