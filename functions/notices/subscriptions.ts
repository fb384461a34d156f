import { and, eq, sql } from 'drizzle-orm';
import { type NoticeCategory, noticeCategories, noticeSubscriptions, subscribeCredits, type TemplateKey, templateKeys } from '../../db/schema/index.js';
import { type AuthedCtx, withTransaction } from '../_platform/context.js';
import { AppError } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { templateSetting } from './rules.js';

type Args<I = undefined> = { ctx: AuthedCtx; input: I };

/** The template ids the mini-program asks wx.requestSubscribeMessage for, by key. */
export const templateIds = (ctx: AuthedCtx): Record<TemplateKey, string> =>
  Object.fromEntries(templateKeys.map((k) => [k, ctx.services.settings[templateSetting[k]]])) as Record<TemplateKey, string>;

// The caller's categories and message credits: each built once per database, prepared.
const categoriesOf = perDatabase((db) =>
  db
    .select({ category: noticeSubscriptions.category })
    .from(noticeSubscriptions)
    .where(and(eq(noticeSubscriptions.communityId, sql.placeholder('communityId')), eq(noticeSubscriptions.accountId, sql.placeholder('accountId'))))
    .prepare('subscription_categories'),
);
const creditsOf = perDatabase((db) =>
  db
    .select({ key: subscribeCredits.templateKey, n: subscribeCredits.credits })
    .from(subscribeCredits)
    .where(eq(subscribeCredits.accountId, sql.placeholder('accountId')))
    .prepare('subscribe_credits'),
);

export async function getSubscriptions({ ctx }: Args) {
  // One after the other: on one pooled connection in turn, not two at once.
  const categories = await categoriesOf(ctx.db).execute({ communityId: ctx.communityId, accountId: ctx.actor.accountId });
  const credits = await creditsOf(ctx.db).execute({ accountId: ctx.actor.accountId });
  const chosen = new Set(categories.map((c) => c.category));
  return {
    categories: noticeCategories.filter((c) => chosen.has(c)),
    credits: Object.fromEntries(templateKeys.map((k) => [k, credits.find((c) => c.key === k)?.n ?? 0])) as Record<TemplateKey, number>,
    templates: templateIds(ctx),
    wechat: ctx.actor.openid !== null,
  };
}

export async function setSubscriptions({ ctx, input }: Args<{ categories: NoticeCategory[] }>) {
  const wanted = [...new Set(input.categories)];
  await withTransaction(ctx, async (tx) => {
    const where = and(eq(noticeSubscriptions.communityId, tx.communityId), eq(noticeSubscriptions.accountId, ctx.actor.accountId));
    await tx.db.delete(noticeSubscriptions).where(where);
    if (wanted.length > 0) {
      await tx.db
        .insert(noticeSubscriptions)
        .values(wanted.map((category) => ({ communityId: tx.communityId, accountId: ctx.actor.accountId, category, createdAt: tx.now })));
    }
  });
  return getSubscriptions({ ctx, input: undefined });
}

export type GrantResult = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * What wx.requestSubscribeMessage answered at a tap: each `accept` is one credit for that
 * template (one message later, WeChat's rule); reject, ban and filter give none. At most 3
 * templates per call, as WeChat allows.
 */
export async function recordGrants({ ctx, input }: Args<{ results: Record<string, string> }>) {
  const ids = templateIds(ctx);
  const byId = new Map(Object.entries(ids).map(([k, id]) => [id, k as TemplateKey]));
  // wx.requestSubscribeMessage also puts its own `errMsg` among the results.
  const entries = Object.entries(input.results).filter(([k]) => k !== 'errMsg');
  const problems = entries.flatMap(([id, result]) => [
    ...(byId.has(id) ? [] : [{ path: `body.results.${id}`, message: '不是本小程序的消息模板' }]),
    ...(['accept', 'reject', 'ban', 'filter'].includes(result) ? [] : [{ path: `body.results.${id}`, message: '结果只能是 accept、reject、ban 或 filter' }]),
  ]);
  if (entries.length === 0 || entries.length > 3) problems.push({ path: 'body.results', message: '一次最多3个消息模板' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', '消息订阅结果有误，请重新点一次。', { errors: problems });
  const accepted = entries.filter(([, r]) => r === 'accept').map(([id]) => byId.get(id)!);
  if (accepted.length > 0) {
    await ctx.db
      .insert(subscribeCredits)
      .values(accepted.map((templateKey) => ({ accountId: ctx.actor.accountId, templateKey, credits: 1, updatedAt: ctx.now })))
      .onConflictDoUpdate({
        target: [subscribeCredits.accountId, subscribeCredits.templateKey],
        set: { credits: sql`${subscribeCredits.credits} + 1`, updatedAt: ctx.now },
      });
  }
  const { credits } = await getSubscriptions({ ctx, input: undefined });
  return { credits };
}
