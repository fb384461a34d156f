import { and, count, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { newId } from '../../db/ids.js';
import { accounts, attachments } from '../../db/schema/index.js';
import type { AuthedCtx, Ctx } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { isStaff } from './permissions.js';
import { type PhotoKind, reencodePhoto, sniffPhoto, typeRefused } from './photo-image.js';
import { photoShownTo } from './photo-visibility.js';
import { loadVisible } from './read-model.js';

/** Uploads one account may hold unattached: a resident files one request at a time, not a gallery. */
const MAX_UNATTACHED = 40;
/** Uploads never attached within a day are removed by the clean-up, objects and row. */
const ORPHAN_AFTER_MS = 24 * 3600_000;
/** WeChat fetches the photo for its check some time after the call: its link lives longer than a viewer's. */
const CHECK_LINK_SECONDS = 3600;

const keysOf = (communityId: string, id: string) => ({
  storageKey: `photos/${communityId}/${id}.jpg`,
  thumbnailKey: `photos/${communityId}/${id}-thumb.jpg`,
});

type PhotoRow = Pick<typeof attachments.$inferSelect, 'id' | 'uploaderAccountId' | 'checkStatus' | 'storageKey' | 'thumbnailKey' | 'width' | 'height'>;

/** A photo as the API shows it: short-lived signed links when the caller may see it, else why not. */
export async function photoView(ctx: AuthedCtx, row: PhotoRow) {
  const shown = photoShownTo({ accountId: ctx.actor.accountId, staff: isStaff(ctx) }, row);
  const base = { id: row.id, check: row.checkStatus, hidden: shown === 'hidden' };
  if (shown !== 'show') return base;
  const ttlSeconds = ctx.services.settings.ATTACHMENT_LINK_SECONDS;
  const [url, thumbnailUrl] = await Promise.all([
    ctx.services.store.signedUrl(row.storageKey, { ttlSeconds, now: ctx.now }),
    ctx.services.store.signedUrl(row.thumbnailKey, { ttlSeconds, now: ctx.now }),
  ]);
  return { ...base, url, thumbnailUrl, width: row.width, height: row.height };
}
export type PhotoView = Awaited<ReturnType<typeof photoView>>;

/**
 * A photo for a request or a reply, uploaded before the request or reply is sent: its type read
 * from its bytes, re-encoded (photo-image.ts: ≤ 1,600 px, no EXIF, no GPS) with a thumbnail, both
 * put in the store, then recorded as the uploader's, unattached. Residents' photos go to WeChat's
 * asynchronous media check; until its verdict (mediaVerdict) only they and staff see them. Staff
 * uploads are the office's own and need no check; so are uploads from an account with no
 * WeChat identity (the H5 console), as its text is (content-check.ts).
 */
export async function uploadPhoto({ ctx, input }: { ctx: AuthedCtx; input: { bytes: Buffer } }) {
  const kind: PhotoKind | null = sniffPhoto(input.bytes);
  if (!kind) throw typeRefused();
  const [held] = await ctx.db
    .select({ n: count() })
    .from(attachments)
    .where(and(eq(attachments.communityId, ctx.communityId), eq(attachments.uploaderAccountId, ctx.actor.accountId), isNull(attachments.requestId)));
  if ((held?.n ?? 0) >= MAX_UNATTACHED) {
    throw new AppError('RATE_LIMITED', `您已上传了 ${MAX_UNATTACHED} 张还没有提交的照片，请先提交办事申请或回复，再上传新的照片。`);
  }
  const photo = await reencodePhoto(input.bytes, kind);
  const id = newId();
  const keys = keysOf(ctx.communityId, id);
  await Promise.all([
    ctx.services.store.put(keys.storageKey, photo.image, 'image/jpeg'),
    ctx.services.store.put(keys.thumbnailKey, photo.thumbnail, 'image/jpeg'),
  ]);
  const checked = isStaff(ctx) || !ctx.actor.openid;
  const insert = ctx.db
    .insert(attachments)
    .values({
      id,
      communityId: ctx.communityId,
      uploaderAccountId: ctx.actor.accountId,
      ...keys,
      contentType: 'image/jpeg',
      width: photo.width,
      height: photo.height,
      bytes: photo.image.byteLength,
      checkStatus: checked ? 'pass' : 'pending',
      createdAt: ctx.now,
    })
    .returning();
  // No row, no objects: a photo whose record could not be written leaves nothing in the store.
  const [row] = await insert.catch(async (error: unknown) => {
    await ctx.services.store.delete([keys.storageKey, keys.thumbnailKey]).catch(() => undefined);
    throw error;
  });
  if (!checked) await askMediaCheck(ctx, row!);
  return photoView(ctx, row!);
}

/**
 * Hands the stored photo to WeChat's check. WeChat unreachable, or its quota spent: the photo
 * stays pending (seen by its uploader and staff only) and the clean-up asks again later.
 */
async function askMediaCheck(ctx: Ctx, row: { id: string; storageKey: string; uploaderAccountId: string }, openid = ctx.actor?.openid) {
  if (!openid) return;
  try {
    const mediaUrl = await ctx.services.store.signedUrl(row.storageKey, { ttlSeconds: CHECK_LINK_SECONDS, now: ctx.now });
    const { traceId } = await ctx.services.wechat.mediaCheckAsync({ mediaUrl, openid, scene: 2 });
    await ctx.db.update(attachments).set({ checkTraceId: traceId }).where(eq(attachments.id, row.id));
  } catch (error) {
    ctx.services.log.warn('media check not submitted; the photo stays pending', { requestId: ctx.requestId, error: String(error) });
  }
}

/**
 * Attaches the caller's own unattached uploads to a request (and to its reply event), inside the
 * caller's transaction: all of them or none. An id that is someone else's, already attached,
 * unknown or of another community fails the whole write, so no request or reply is ever saved
 * with half its photos. The guarded UPDATE also settles two sends racing with the same photo:
 * the second finds it attached and rolls back.
 */
export async function attachPhotos(tx: AuthedCtx, target: { requestId: string; eventId: string | null }, ids: readonly string[]) {
  if (ids.length === 0) return;
  const attached = await tx.db
    .update(attachments)
    .set({ requestId: target.requestId, eventId: target.eventId, attachedAt: tx.now })
    .where(
      and(
        eq(attachments.communityId, tx.communityId),
        eq(attachments.uploaderAccountId, tx.actor.accountId),
        isNull(attachments.requestId),
        inArray(attachments.id, [...ids]),
      ),
    )
    .returning({ id: attachments.id });
  if (attached.length !== ids.length) {
    const missing = ids.filter((id) => !attached.some((a) => a.id === id));
    throw new AppError('VALIDATION_FAILED', '有照片已经提交过或已失效，请重新选择照片后再提交。', {
      errors: missing.map((id) => ({ path: `body.attachmentIds.${ids.indexOf(id)}`, message: '这张照片不存在、不是您上传的，或已用在别处' })),
    });
  }
}

/** A photo row as the request page's statement reads it (get.ts). */
export type PagePhotoRow = PhotoRow & { eventId: string | null };

/** The photos of one request for its page, as the caller may see them: the request's own, and each reply's by event id. */
export async function groupPhotos(ctx: AuthedCtx, rows: PagePhotoRow[]) {
  const own: PhotoView[] = [];
  const byEvent = new Map<string, PhotoView[]>();
  const staff = isStaff(ctx);
  for (const row of rows) {
    if (photoShownTo({ accountId: ctx.actor.accountId, staff }, row) === 'omit') continue;
    const view = await photoView(ctx, row);
    if (row.eventId) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), view]);
    else own.push(view);
  }
  return { own, byEvent };
}

/** The caller's own photos just attached, in the order given (a reply's answer). */
export async function photosByIds(ctx: AuthedCtx, ids: string[]) {
  const rows = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.communityId, ctx.communityId), inArray(attachments.id, ids)));
  const ordered = ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined);
  return Promise.all(ordered.map((row) => photoView(ctx, row)));
}

/**
 * One photo, for whoever may see it: its request's visibility first (404 as for the request),
 * then the media check's (photo-visibility.ts). Not yet attached: its uploader's alone. The
 * answer is a short-lived signed link into the store, never the store's lasting address.
 */
export async function openPhoto({ ctx, input }: { ctx: AuthedCtx; input: { id: string; size: 'full' | 'thumb' } }) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, input.id), eq(attachments.communityId, ctx.communityId)));
  if (!row) throw notFound('照片');
  if (row.requestId) await loadVisible(ctx, row.requestId);
  else if (row.uploaderAccountId !== ctx.actor.accountId) throw notFound('照片');
  if (photoShownTo({ accountId: ctx.actor.accountId, staff: isStaff(ctx) }, row) !== 'show') throw notFound('照片');
  const key = input.size === 'thumb' ? row.thumbnailKey : row.storageKey;
  return ctx.services.store.signedUrl(key, { ttlSeconds: ctx.services.settings.ATTACHMENT_LINK_SECONDS, now: ctx.now });
}

/**
 * WeChat's verdict on a photo, pushed as a `wxa_media_check` event. `risky` hides it for good;
 * `pass` shows it to all who see its request; `review` (or a failed fetch) keeps it pending for
 * staff to look at. A verdict for an unknown trace is ignored (WeChat retries; nothing to do).
 */
export async function mediaVerdict({ ctx, input }: { ctx: Ctx; input: { traceId: string; suggest: string } }) {
  const status = input.suggest === 'risky' ? 'risky' : input.suggest === 'pass' ? 'pass' : null;
  if (!status) return { updated: 0 };
  const rows = await ctx.db
    .update(attachments)
    .set({ checkStatus: status, checkedAt: ctx.now })
    .where(and(eq(attachments.checkTraceId, input.traceId), eq(attachments.checkStatus, 'pending')))
    .returning({ id: attachments.id });
  return { updated: rows.length };
}

/**
 * Deletes photos, objects first, then rows: a row never outlives knowledge of its objects, and
 * an object whose row is gone is what the store's own listing would show up. Used when a
 * request's data is deleted and for uploads never attached.
 */
export async function deletePhotos(ctx: Ctx, where: { requestIds?: string[]; ids?: string[] }) {
  const conditions = [eq(attachments.communityId, ctx.communityId)];
  if (where.requestIds) conditions.push(inArray(attachments.requestId, where.requestIds));
  if (where.ids) conditions.push(inArray(attachments.id, where.ids));
  if (!where.requestIds?.length && !where.ids?.length) return 0;
  const rows = await ctx.db
    .select({ id: attachments.id, storageKey: attachments.storageKey, thumbnailKey: attachments.thumbnailKey })
    .from(attachments)
    .where(and(...conditions));
  if (rows.length === 0) return 0;
  await ctx.services.store.delete(rows.flatMap((r) => [r.storageKey, r.thumbnailKey]));
  await ctx.db.delete(attachments).where(
    inArray(
      attachments.id,
      rows.map((r) => r.id),
    ),
  );
  return rows.length;
}

/** A request's photos go with its data (erasure of a request's record deletes them too). */
export const deleteRequestPhotos = (ctx: Ctx, requestIds: string[]) => deletePhotos(ctx, { requestIds });

/**
 * Daily: uploads never attached within a day are deleted, objects and rows; residents' photos
 * whose check could not be asked for (WeChat was down) are asked for again.
 */
export async function cleanUpPhotos({ ctx }: { ctx: Ctx }) {
  const stale = await ctx.db
    .select({ id: attachments.id, communityId: attachments.communityId })
    .from(attachments)
    .where(and(isNull(attachments.requestId), lt(attachments.createdAt, new Date(ctx.now.getTime() - ORPHAN_AFTER_MS))))
    .limit(1000);
  let orphans = 0;
  for (const communityId of new Set(stale.map((s) => s.communityId))) {
    orphans += await deletePhotos({ ...ctx, communityId }, { ids: stale.filter((s) => s.communityId === communityId).map((s) => s.id) });
  }
  const unasked = await ctx.db
    .select({ id: attachments.id, storageKey: attachments.storageKey, uploaderAccountId: attachments.uploaderAccountId, openid: accounts.openid })
    .from(attachments)
    .innerJoin(accounts, eq(accounts.id, attachments.uploaderAccountId))
    .where(
      and(
        eq(attachments.checkStatus, 'pending'),
        isNull(attachments.checkTraceId),
        gt(attachments.createdAt, new Date(ctx.now.getTime() - 7 * ORPHAN_AFTER_MS)),
      ),
    )
    .limit(200);
  for (const row of unasked) await askMediaCheck(ctx, row, row.openid);
  return { orphanPhotos: orphans, checksAsked: unasked.length };
}
