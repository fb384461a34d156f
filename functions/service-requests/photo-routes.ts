import type { Context } from 'hono';
import * as z from 'zod';
import { AppError, notFound } from '../_platform/errors.js';
import { defineRoute } from '../_platform/route.js';
import { FILES_PATH } from '../_platform/storage/object-store.js';
import { pushSignature, STAND_IN_PUSH_TOKEN } from '../_platform/wechat/push.js';
import { cleanUpPhotos, mediaVerdict, openPhoto, uploadPhoto } from './photos.js';
import { Photo } from './replies.js';

const Id = z.object({ id: z.uuid('编号无效') });
const PhotoCleanUp = z.object({ orphanPhotos: z.number().int(), checksAsked: z.number().int() });
/** WeChat's message push signs each message in the query (plain-text mode). */
const PushQuery = z.object({
  signature: z.string().max(64).optional(),
  timestamp: z.string().max(16).optional(),
  nonce: z.string().max(64).optional(),
  echostr: z.string().max(256).optional(),
});
/** The media-check verdict event as WeChat pushes it in JSON mode; other events pass through unread. */
const PushEvent = z.looseObject({
  MsgType: z.string().max(32).optional(),
  Event: z.string().max(64).optional(),
  trace_id: z.string().max(128).optional(),
  result: z.looseObject({ suggest: z.string().max(16) }).optional(),
});
/** A message older than this is a replay, not WeChat (it pushes at once and retries within seconds). */
const PUSH_MAX_AGE_S = 300;

const noStore = { 'Cache-Control': 'no-store' };

/** The multipart `file` of an upload, its size checked again after the stream's own cap (middleware.ts). */
async function readUpload(c: Context, maxBytes: number): Promise<Buffer> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('VALIDATION_FAILED', '请以表单方式（multipart/form-data）上传照片，字段名为 file。', {
      errors: [{ path: 'body.file', message: '请选择照片' }],
    });
  }
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', '上传的数据不完整，请重新上传照片。', { errors: [{ path: 'body.file', message: '数据不完整' }] });
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new AppError('VALIDATION_FAILED', '请选择要上传的照片。', { errors: [{ path: 'body.file', message: '请选择照片' }] });
  if (file.size > maxBytes) throw photoTooLarge(maxBytes);
  if (file.size === 0) throw new AppError('VALIDATION_FAILED', '这张照片是空的，请换一张。', { errors: [{ path: 'body.file', message: '文件为空' }] });
  return Buffer.from(await file.arrayBuffer());
}

export const photoTooLarge = (maxBytes: number) =>
  new AppError('ATTACHMENT_TOO_LARGE', `照片太大了（最多 ${Math.floor(maxBytes / 1024 / 1024)} MB），请换一张或在手机上压缩后再上传。`);

export const photoRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/attachments',
    summary: 'Upload a photo (multipart `file`: JPEG, PNG, WebP or HEIC) for a request or a reply; stored re-encoded without EXIF',
    tag: 'service-requests',
    access: 'account',
    status: 201,
    response: Photo,
    async handle({ ctx, c }) {
      const bytes = await readUpload(c, ctx.services.settings.ATTACHMENT_MAX_BYTES);
      return uploadPhoto({ ctx, input: { bytes } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/attachments/:id',
    summary: 'A photo, for whoever may see its request: 302 to a short-lived signed link (`?size=thumb` for the thumbnail)',
    tag: 'service-requests',
    access: 'account',
    params: Id,
    query: z.object({ size: z.enum(['full', 'thumb']).default('full') }),
    produces: 'image/jpeg',
    async handle({ ctx, input }) {
      const url = await openPhoto({ ctx, input: { id: input.params.id, size: input.query.size } });
      return new Response(null, { status: 302, headers: { Location: url, ...noStore } });
    },
  }),
  defineRoute({
    method: 'get',
    path: `${FILES_PATH}:key{.+}`,
    summary: "The folder store's signed links (the embedded default): the object while the link is valid, else 404",
    tag: 'service-requests',
    access: 'anyone',
    query: z.object({ expires: z.string().max(16), signature: z.string().max(64) }),
    produces: 'image/jpeg',
    async handle({ ctx, input, c }) {
      const store = ctx.services.store;
      if (!store.readSigned) throw notFound('文件');
      const found = await store.readSigned(c.req.param('key') ?? '', input.query.expires, input.query.signature, ctx.now);
      if (!found) throw new AppError('NOT_FOUND', '链接已过期或无效，请刷新页面后重新打开照片。');
      return new Response(new Uint8Array(found.body), { status: 200, headers: { 'Content-Type': found.contentType, 'Cache-Control': 'private, max-age=60' } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/wechat/events',
    summary: "WeChat's check of the message-push URL: answers `echostr` when the signature is the push Token's",
    tag: 'platform',
    access: 'anyone',
    query: PushQuery,
    produces: 'text/plain',
    async handle({ ctx, input }) {
      verifyPush(ctx.services.settings.WECHAT_PUSH_TOKEN, !ctx.services.settings.WECHAT_APPID, input.query, ctx.now);
      return new Response(input.query.echostr ?? '', { status: 200, headers: { 'Content-Type': 'text/plain' } });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/wechat/events',
    summary: "WeChat's message push (JSON mode): the media check's verdicts (wxa_media_check) on residents' photos",
    tag: 'platform',
    access: 'anyone',
    query: PushQuery,
    body: PushEvent,
    produces: 'text/plain',
    async handle({ ctx, input }) {
      verifyPush(ctx.services.settings.WECHAT_PUSH_TOKEN, !ctx.services.settings.WECHAT_APPID, input.query, ctx.now);
      const event = input.body;
      if (event.MsgType === 'event' && event.Event === 'wxa_media_check' && event.trace_id && event.result) {
        await mediaVerdict({ ctx, input: { traceId: event.trace_id, suggest: event.result.suggest } });
      }
      // WeChat wants "success" (or an empty body), or it retries three times.
      return new Response('success', { status: 200, headers: { 'Content-Type': 'text/plain' } });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/cron/photos',
    summary: 'Daily: delete photos never attached within a day; ask again for media checks WeChat could not take',
    tag: 'platform',
    access: 'cron',
    response: PhotoCleanUp,
    handle: ({ ctx }) => cleanUpPhotos({ ctx }),
  }),
];

/**
 * Only WeChat knows the push Token (WECHAT_PUSH_TOKEN, the stand-in's own without an AppID): a
 * message whose signature does not come from it, or that is too old, is refused unread. With no
 * Token configured nothing is accepted.
 */
function verifyPush(configured: string | undefined, standIn: boolean, q: z.infer<typeof PushQuery>, now: Date) {
  const token = configured ?? (standIn ? STAND_IN_PUSH_TOKEN : undefined);
  const refused = () => new AppError('PUSH_SIGNATURE_INVALID', '消息签名无效或已过期，未予处理。');
  if (!token || !q.signature || !q.timestamp || !q.nonce || !/^\d+$/.test(q.timestamp)) throw refused();
  if (Math.abs(now.getTime() / 1000 - Number(q.timestamp)) > PUSH_MAX_AGE_S) throw refused();
  if (pushSignature(token, q.timestamp, q.nonce) !== q.signature) throw refused();
}
