import { and, eq, sql } from 'drizzle-orm';
import { residents, serviceCategories, serviceRequests } from '../../db/schema/index.js';
import { type AuthedCtx, hasRole, withTransaction } from '../_platform/context.js';
import { AppError, forbidden, notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { checkContent } from './content-check.js';
import { getServiceRequest } from './get.js';
import { isLeaderOf, isStaff } from './permissions.js';
import { attachPhotos } from './photos.js';
import { titleFrom } from './rules.js';
import { addEvent } from './timeline.js';

export interface CreateInput {
  categoryCode: string;
  title?: string;
  description: string;
  onBehalfOfResidentId?: string;
  /** The caller's own uploads (POST /api/attachments), at most MAX_PHOTOS. */
  attachmentIds?: string[];
}

// The two look-ups every create makes, built once per database.
const categoryByCode = perDatabase((db) =>
  db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.communityId, sql.placeholder('communityId')), eq(serviceCategories.code, sql.placeholder('code'))))
    .prepare('service_category_by_code'),
);
const ownResident = perDatabase((db) =>
  db
    .select({ id: residents.id, groupId: residents.groupId })
    .from(residents)
    .where(and(eq(residents.communityId, sql.placeholder('communityId')), eq(residents.accountId, sql.placeholder('accountId'))))
    .prepare('own_resident'),
);

/** A resident files a request at the service window; staff, or a group leader for their own group, file one on a resident's behalf (代办). */
export async function createServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: CreateInput }) {
  const [category] = await categoryByCode(ctx.db).execute({ communityId: ctx.communityId, code: input.categoryCode });
  if (!category) throw new AppError('VALIDATION_FAILED', '请选择办事类别。', { errors: [{ path: 'body.categoryCode', message: '没有这个办事类别' }] });

  let owner: { accountId: string | null; residentId: string | null; groupId: string | null };
  if (input.onBehalfOfResidentId) {
    // 代办: staff for anyone in the community, a group leader for the people of their own group.
    const [resident] = await ctx.db
      .select({ id: residents.id, accountId: residents.accountId, groupId: residents.groupId })
      .from(residents)
      .where(and(eq(residents.id, input.onBehalfOfResidentId), eq(residents.communityId, ctx.communityId)));
    if (!isStaff(ctx) && !(resident && isLeaderOf(ctx, resident.groupId))) {
      if (!hasRole(ctx.actor, ctx.communityId, 'group_leader')) throw forbidden();
      throw notFound('居民');
    }
    if (!resident) throw notFound('居民');
    if (category.sensitive && !isStaff(ctx)) {
      throw new AppError('FORBIDDEN', '低保、优抚救济等事项涉及个人隐私，请陪同居民到社区便民服务窗口由工作人员办理。');
    }
    owner = { accountId: resident.accountId, residentId: resident.id, groupId: resident.groupId };
  } else {
    const [resident] = await ownResident(ctx.db).execute({ communityId: ctx.communityId, accountId: ctx.actor.accountId });
    owner = { accountId: ctx.actor.accountId, residentId: resident?.id ?? null, groupId: resident?.groupId ?? null };
  }

  const title = input.title?.trim() || titleFrom(input.description);
  const verdict = await checkContent(ctx, `${title}\n${input.description}`);
  const acceptDueAt = new Date(ctx.now.getTime() + category.slaAcceptHours * 3600_000);
  const resolveDueAt = new Date(ctx.now.getTime() + category.slaResolveHours * 3600_000);

  const id = await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(serviceRequests)
      .values({
        communityId: tx.communityId,
        ownerAccountId: owner.accountId,
        residentId: owner.residentId,
        groupId: owner.groupId,
        filedByAccountId: tx.actor.accountId,
        onBehalf: !!input.onBehalfOfResidentId,
        categoryCode: category.code,
        title,
        description: input.description,
        status: 'submitted',
        flagged: verdict === 'review',
        acceptDueAt,
        resolveDueAt,
        dueAt: acceptDueAt,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .returning({ id: serviceRequests.id });
    await addEvent(tx, row!.id, {
      type: 'submitted',
      status: 'submitted',
      body: input.onBehalfOfResidentId ? `${tx.actor.name} 代为提交` : null,
    });
    await attachPhotos(tx, { requestId: row!.id, eventId: null }, input.attachmentIds ?? []);
    return row!.id;
  });
  return getServiceRequest({ ctx, input: { id } });
}
