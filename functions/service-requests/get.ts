import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  accounts,
  attachments,
  households,
  residentGroups,
  residents,
  type ServiceRequestStatus,
  serviceCategories,
  serviceRatings,
  serviceRequestEvents,
  serviceRequests,
} from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { notFound } from '../_platform/errors.js';
import { perDatabase } from '../_platform/prepared.js';
import { isStaff } from './permissions.js';
import { groupPhotos, type PagePhotoRow } from './photos.js';
import { columns, view } from './read-model.js';
import { visibleTo } from './visibility.js';

const filer = alias(accounts, 'filer');
type EventRow = { id: string; type: string; actorName: string; body: string | null; status: ServiceRequestStatus | null; at: string };

const events = sql<EventRow[]>`coalesce((
  select json_agg(json_build_object('id', e.id, 'type', e.type, 'actorName', e.actor_name, 'body', e.body, 'status', e.status, 'at', e.at) order by e.id)
  from ${serviceRequestEvents} e
  where e.community_id = ${serviceRequests.communityId} and e.request_id = ${serviceRequests.id}
), '[]'::json)`;

/** The request's photos and its replies', in the same statement (who sees which is decided in photos.ts). */
const photos = sql<PagePhotoRow[]>`coalesce((
  select json_agg(json_build_object('id', a.id, 'eventId', a.event_id, 'uploaderAccountId', a.uploader_account_id, 'checkStatus', a.check_status,
    'storageKey', a.storage_key, 'thumbnailKey', a.thumbnail_key, 'width', a.width, 'height', a.height) order by a.attached_at, a.id)
  from ${attachments} a
  where a.community_id = ${serviceRequests.communityId} and a.request_id = ${serviceRequests.id}
), '[]'::json)`;

/** The request page's one statement, built once per database (the hottest read of the service window). */
const requestPage = perDatabase((db) =>
  db
    .select({
      ...columns,
      ratingScore: serviceRatings.score,
      ratingComment: serviceRatings.comment,
      filedByName: filer.name,
      events,
      photos,
      householdId: households.id,
      householdLabel: households.label,
      originVillage: households.originVillage,
      resettledYear: households.resettledYear,
    })
    .from(serviceRequests)
    .innerJoin(serviceCategories, and(eq(serviceCategories.communityId, serviceRequests.communityId), eq(serviceCategories.code, serviceRequests.categoryCode)))
    .leftJoin(residents, eq(residents.id, serviceRequests.residentId))
    .leftJoin(residentGroups, eq(residentGroups.id, serviceRequests.groupId))
    .leftJoin(households, and(eq(households.communityId, residents.communityId), eq(households.id, residents.householdId)))
    .leftJoin(serviceRatings, and(eq(serviceRatings.communityId, serviceRequests.communityId), eq(serviceRatings.requestId, serviceRequests.id)))
    .leftJoin(filer, eq(filer.id, serviceRequests.filedByAccountId))
    .where(and(eq(serviceRequests.id, sql.placeholder('id')), eq(serviceRequests.communityId, sql.placeholder('communityId'))))
    .prepare('service_request_page'),
);

/** A request with its rating, who filed it and its whole timeline: one round trip. */
export async function getServiceRequest({ ctx, input }: { ctx: AuthedCtx; input: { id: string } }) {
  const [row] = await requestPage(ctx.db).execute({ id: input.id, communityId: ctx.communityId });
  if (!row || !visibleTo(ctx, row)) throw notFound('办事申请');
  const photoViews = await groupPhotos(ctx, row.photos);
  return {
    ...view(ctx, row),
    photos: photoViews.own,
    // Staff only: where the resident's household came from, to refer a 原村权益 question there.
    ...(row.householdId && isStaff(ctx)
      ? { household: { id: row.householdId, label: row.householdLabel ?? '', originVillage: row.originVillage, resettledYear: row.resettledYear } }
      : {}),
    ...(row.onBehalf && row.filedByName ? { filedByName: row.filedByName } : {}),
    rating: row.ratingScore !== null ? { score: row.ratingScore, ...(row.ratingComment ? { comment: row.ratingComment } : {}) } : null,
    events: row.events.map((e) => ({
      type: e.type,
      actorName: e.actorName,
      ...(e.body ? { body: e.body } : {}),
      ...(e.status ? { status: e.status } : {}),
      at: new Date(e.at).toISOString(),
      ...(photoViews.byEvent.has(e.id) ? { photos: photoViews.byEvent.get(e.id) } : {}),
    })),
  };
}
