import { eq } from 'drizzle-orm';
import { communities } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';

// Health is polled: its one statement is built once per database.
const databaseAnswers = perDatabase((db) => db.select({ id: communities.id }).from(communities).limit(1).prepare('health_check'));

/** Liveness: the database answers; and which database and WeChat API this server uses. */
export async function checkHealth({ ctx }: { ctx: Ctx }) {
  await databaseAnswers(ctx.db).execute();
  const { services } = ctx;
  return { ok: true, db: services.dbKind, version: services.version, wechat: services.wechat.standIn ? ('stand-in' as const) : ('wechat' as const) };
}

/** The caller's community (the default one for a caller not signed in). */
export async function getCommunity({ ctx }: { ctx: Ctx }) {
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
}
