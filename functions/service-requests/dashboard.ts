import { type AnyColumn, and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { serviceCategories, serviceRatings, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { chinaDate, chinaMidnight } from '../_shared/china-time.js';

const HOUR_MS = 3600_000;

/** Monday 00:00 China time of the week containing `now`. */
export function weekStart(now: Date): Date {
  const today = chinaDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return new Date(chinaMidnight(today).getTime() - weekday * 24 * HOUR_MS);
}

/** The staff dashboard: load by category, response times, ratings. Counts only, never names. */
export async function serviceDashboard({ ctx }: { ctx: AuthedCtx }) {
  const community = eq(serviceRequests.communityId, ctx.communityId);
  const open = inArray(serviceRequests.status, ['submitted', 'accepted', 'in_progress']);
  const since = weekStart(ctx.now);
  const byCategory = await ctx.db
    .select({
      code: serviceCategories.code,
      name: serviceCategories.name,
      open: sql<number>`count(${serviceRequests.id}) filter (where ${open})`.mapWith(Number),
      overdue: sql<number>`count(${serviceRequests.id}) filter (where ${open} and ${serviceRequests.dueAt} < ${ctx.now})`.mapWith(Number),
      resolvedThisWeek:
        sql<number>`count(${serviceRequests.id}) filter (where ${serviceRequests.status} = 'resolved' and ${serviceRequests.resolvedAt} >= ${since})`.mapWith(
          Number,
        ),
    })
    .from(serviceCategories)
    .leftJoin(serviceRequests, and(community, eq(serviceRequests.categoryCode, serviceCategories.code)))
    .where(eq(serviceCategories.communityId, ctx.communityId))
    .groupBy(serviceCategories.code, serviceCategories.name, serviceCategories.sortOrder)
    .orderBy(asc(serviceCategories.sortOrder));

  const hours = (a: AnyColumn) => sql`extract(epoch from (${a} - ${serviceRequests.createdAt})) / 3600`;
  const [times] = await ctx.db
    .select({
      firstReply: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${hours(serviceRequests.firstReplyAt)}) filter (where ${isNotNull(serviceRequests.firstReplyAt)})`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
      resolve: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${hours(serviceRequests.resolvedAt)}) filter (where ${serviceRequests.status} = 'resolved')`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
    })
    .from(serviceRequests)
    .where(community);

  const ratingRows = await ctx.db
    .select({ score: serviceRatings.score, n: sql<number>`count(*)`.mapWith(Number) })
    .from(serviceRatings)
    .where(eq(serviceRatings.communityId, ctx.communityId))
    .groupBy(serviceRatings.score);
  const distribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const r of ratingRows) {
    distribution[r.score] = r.n;
    count += r.n;
    sum += r.score * r.n;
  }
  const round1 = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    weekStart: since.toISOString(),
    byCategory,
    totals: {
      open: byCategory.reduce((a, c) => a + c.open, 0),
      overdue: byCategory.reduce((a, c) => a + c.overdue, 0),
      resolvedThisWeek: byCategory.reduce((a, c) => a + c.resolvedThisWeek, 0),
    },
    medianFirstReplyHours: round1(times?.firstReply),
    medianResolveHours: round1(times?.resolve),
    ratings: { average: count ? round1(sum / count) : null, count, distribution },
  };
}
