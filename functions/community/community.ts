import { eq, sql } from 'drizzle-orm';
import { pendingMigrations } from '../../db/client.js';
import { communities } from '../../db/schema/index.js';
import type { Ctx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { Reply } from '../_platform/route.js';
import type { Readiness } from './replies.js';

const SELECT_ONE = sql`select 1`;

/**
 * Liveness: the process serves and the database answers; and which database and WeChat API this
 * server uses. It reads no table, so a database not yet migrated or seeded still answers 200
 * (readiness says what is missing).
 */
export async function checkHealth({ ctx }: { ctx: Ctx }) {
  await ctx.db.execute(SELECT_ONE);
  const { services } = ctx;
  return { ok: true, db: services.dbKind, version: services.version, wechat: services.wechat.standIn ? ('stand-in' as const) : ('wechat' as const) };
}

/** The caller's community (the default one for a caller not signed in). */
// What the app opens on: built once per database, prepared.
const communityById = perDatabase((db) =>
  db
    .select({
      id: communities.id,
      name: communities.name,
      region: communities.region,
      households: communities.households,
      population: communities.population,
    })
    .from(communities)
    .where(eq(communities.id, sql.placeholder('id')))
    .prepare('community_by_id'),
);

export async function getCommunity({ ctx }: { ctx: Ctx }) {
  const [row] = await communityById(ctx.db).execute({ id: ctx.communityId });
  if (!row) throw notFound('社区');
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    ...(row.households != null ? { households: row.households } : {}),
    ...(row.population != null ? { population: row.population } : {}),
  };
}

/**
 * Readiness: the database answers, every committed migration is applied, and a community exists
 * (the default one the app opens on). 503 while any is not, naming the first that fails.
 */
export async function checkReadiness({ ctx }: { ctx: Ctx }): Promise<Reply<Readiness>> {
  const skipped = { ok: false, detail: '未检查：数据库连不上。' };
  let checks: Readiness['checks'];
  try {
    await ctx.db.execute(SELECT_ONE);
    const pending = await pendingMigrations(ctx.db);
    const migrations = pending.length
      ? { ok: false, detail: `数据库还差 ${pending.length} 个迁移（${pending[0]}${pending.length > 1 ? ' 等' : ''}）：请运行 npm run db:migrate。` }
      : { ok: true, detail: '迁移已是最新。' };
    const community = pending.length
      ? { ok: false, detail: '未检查：数据库还没有迁移好。' }
      : (await ctx.db.select({ id: communities.id }).from(communities).limit(1)).length
        ? { ok: true, detail: '已有社区。' }
        : { ok: false, detail: '数据库里还没有社区（未初始化）：请运行 npm run db:seed 或 npm run community:create。' };
    checks = { database: { ok: true, detail: '数据库可以连接。' }, migrations, community };
  } catch (error) {
    ctx.services.log.warn('readiness: the database did not answer', { error: (error as Error).message });
    checks = { database: { ok: false, detail: '数据库连不上，请检查 DATABASE_URL 和数据库服务。' }, migrations: skipped, community: skipped };
  }
  const failing = Object.values(checks).find((check) => !check.ok);
  return new Reply(failing ? 503 : 200, { ready: !failing, ...(failing ? { detail: failing.detail } : {}), checks });
}
