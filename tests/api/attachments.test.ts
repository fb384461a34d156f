import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, attachments, serviceRequests } from '../../db/schema/index.js';
import { pushSignature } from '../../functions/_platform/wechat/push.js';
import { deleteRequestPhotos } from '../../functions/service-requests/photos.js';
import { startTestStore, type TestStore } from '../support/object-store.js';
import { CAMERA_MAKE, jpegWithGps, png, upload, webp } from '../support/photos.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, expectProblem, newIdNumber, register, verbCtx } from './helpers.js';

/*
 * Photos on service requests and replies (issue #24, API.md "Service window"): what is accepted,
 * what is stored (re-encoded, no EXIF, no GPS — read back from the store itself), who sees it
 * (as private as its request; WeChat's media check first), and how long a link works. Runs on
 * the folder store beside PGlite and on a real S3-speaking server (s3rver) beside Postgres.
 */

const CRON_SECRET = 'cron-secret-for-photo-tests-0123';
let store: TestStore;
let server: TestServer;
let staff: string;
let resident: string;
let leader: string;
let staffOther: string;
let stranger: string;

const wx = (path: string, body?: unknown) => server.request(body === undefined ? 'GET' : 'POST', `/__wechat${path}`, body === undefined ? {} : { body });
/** An account signed in through the mini-program (it has an openid, so its photos go to WeChat's check). */
async function wechatAccount(openid: string) {
  const { code } = (await wx('/test/login-code', { openid })).body;
  const res = await server.request('POST', '/api/auth/wechat', { body: { code } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}
const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
};
const file = (body: { category?: string; ids?: string[]; onBehalfOfResidentId?: string }, token: string) =>
  server.request('POST', '/api/service-requests', {
    token,
    body: {
      categoryCode: body.category ?? 'sanitation',
      description: '楼道里的水管爆了，水一直往外流',
      attachmentIds: body.ids ?? [],
      ...(body.onBehalfOfResidentId ? { onBehalfOfResidentId: body.onBehalfOfResidentId } : {}),
    },
  });
async function photoIds(token: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await upload(server.url, token, await jpegWithGps(640, 480, i % 2 ? '#884422' : '#228844'));
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}
const attachmentCount = async () => (await server.db.select({ n: count() }).from(attachments))[0]!.n;
const requestCount = async () => (await server.db.select({ n: count() }).from(serviceRequests))[0]!.n;

beforeAll(async () => {
  store = await startTestStore();
  server = await startTestServer({ settings: { ...store.settings, CRON_SECRET, ATTACHMENT_MAX_BYTES: String(3 * 1024 * 1024) } });
  [staff, resident, leader, staffOther] = await Promise.all([
    server.login(DEMO.staff.username, DEMO.staff.password),
    server.login(DEMO.resident1.username, DEMO.resident1.password),
    server.login(DEMO.leader1.username, DEMO.leader1.password),
    server.login(DEMO.staffOther.username, DEMO.staffOther.password),
  ]);
  stranger = (await register(server, '赵路人')).token;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await store?.close();
});

describe(`uploading a photo (${process.env.TEST_STORE ?? 'store by database'})`, () => {
  it('stores it re-encoded to at most 1,600 px with no EXIF and no GPS, read back from the store, with a thumbnail', async () => {
    const original = await jpegWithGps(4000, 3000);
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(Buffer.from(CAMERA_MAKE))).toBe(true);

    const res = await upload(server.url, resident, original);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), thumbnailUrl: expect.any(String), url: expect.any(String), check: 'pass', hidden: false });
    expect(res.body).toMatchObject({ width: 1600, height: 1200 });

    const stored = await fetchBytes(res.body.url);
    expect(stored.status).toBe(200);
    const meta = await sharp(stored.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    // Not a byte of the camera's record survives: no EXIF header, no make, no GPS IFD.
    expect(stored.bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(stored.bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    expect(stored.bytes.includes(Buffer.from('camera-firmware'))).toBe(false);

    const thumb = await fetchBytes(res.body.thumbnailUrl);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta).toMatchObject({ format: 'jpeg', width: 360, height: 360 });
    expect(thumbMeta.exif).toBeUndefined();

    // The store holds exactly those two objects under the photo's keys.
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, res.body.id));
    const kept = await server.services.store.get(row!.storageKey);
    expect(kept?.equals(stored.bytes)).toBe(true);
    expect(row).toMatchObject({ requestId: null, width: 1600, height: 1200, contentType: 'image/jpeg', bytes: stored.bytes.byteLength });
  });

  it('takes PNG (transparency on white) and WebP, keeping a small photo at its own size', async () => {
    for (const [bytes, name, type] of [
      [await png(), 'screen.png', 'image/png'],
      [await webp(), 'photo.webp', 'image/webp'],
    ] as const) {
      const res = await upload(server.url, resident, bytes, name, type);
      expect(res.status, res.text).toBe(201);
      const meta = await sharp((await fetchBytes(res.body.url)).bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(900);
    }
  });

  it('takes an iPhone’s HEIC, decoded and stored as JPEG at its own size', async () => {
    // Encoded once with libheif's heif-enc (x265) from a colour ramp: red grows to the right, green downwards.
    const heic = readFileSync(path.join(import.meta.dirname, '../support/fixtures/photo.heic'));
    const res = await upload(server.url, resident, heic, 'IMG_0001.HEIC', 'image/heic');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ width: 1200, height: 900 });
    const stored = await sharp((await fetchBytes(res.body.url)).bytes)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(stored.info).toMatchObject({ width: 1200, height: 900, channels: 3 });
    const at = (x: number, y: number) => [...stored.data.subarray((y * 1200 + x) * 3, (y * 1200 + x) * 3 + 3)];
    const [r0, g0] = at(10, 10);
    const [r1, g1] = at(1190, 890);
    expect(r1! - r0!).toBeGreaterThan(200);
    expect(g1! - g0!).toBeGreaterThan(200);
  });

  it('refuses anything but JPEG, PNG, WebP or HEIC with 415, read from the bytes whatever the name says', async () => {
    const before = await attachmentCount();
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    for (const [bytes, name, type] of [
      [pdf, 'photo.jpg', 'image/jpeg'],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'anim.gif', 'image/gif'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.svg', 'image/svg+xml'],
    ] as const) {
      const res = await upload(server.url, resident, bytes, name, type);
      expectProblem(res as never, 415, 'ATTACHMENT_TYPE');
      expect(res.body.detail).toContain('JPEG、PNG、WebP 或 HEIC');
    }
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses a photo over the size cap with 413 in words, before reading it, and stores nothing', async () => {
    const before = await attachmentCount();
    const big = Buffer.concat([await jpegWithGps(64, 64), Buffer.alloc(3 * 1024 * 1024 + 1)]);
    const res = await upload(server.url, resident, big);
    expectProblem(res as never, 413, 'ATTACHMENT_TOO_LARGE');
    expect(res.body.detail).toContain('最多 3 MB');
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses a 41st upload held unattached with 429 in words, until some are sent', async () => {
    const hoarder = await register(server, '钱多多');
    const [first] = await photoIds(hoarder.token, 1);
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, first!));
    await server.db
      .insert(attachments)
      .values(Array.from({ length: 39 }, () => ({ ...row!, id: crypto.randomUUID(), storageKey: row!.storageKey, thumbnailKey: row!.thumbnailKey })));
    const refused = await upload(server.url, hoarder.token, await jpegWithGps(64, 64));
    expectProblem(refused as never, 429, 'RATE_LIMITED');
    expect(refused.body.detail).toContain('40 张还没有提交的照片');
    expect((await file({ ids: [first!] }, hoarder.token)).status).toBe(201);
    expect((await upload(server.url, hoarder.token, await jpegWithGps(64, 64))).status).toBe(201);
  });

  it('answers a damaged photo with 422, and a missing or non-multipart file with 400, never 5xx', async () => {
    const cut = (await jpegWithGps(800, 600)).subarray(0, 600);
    expectProblem((await upload(server.url, resident, Buffer.concat([cut, Buffer.from('garbage')]))) as never, 422, 'ATTACHMENT_UNREADABLE');
    expectProblem((await upload(server.url, resident, Buffer.alloc(0))) as never, 400, 'VALIDATION_FAILED');
    const json = await server.request('POST', '/api/attachments', { token: resident, body: { file: 'aGVsbG8=' } });
    expectProblem(json, 400, 'VALIDATION_FAILED');
    const form = new FormData();
    form.append('picture', new Blob([new Uint8Array(await jpegWithGps(64, 64))]), 'x.jpg');
    const wrongField = await fetch(`${server.url}/api/attachments`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${resident}` } });
    expect(wrongField.status).toBe(400);
    const broken = await fetch(`${server.url}/api/attachments`, {
      method: 'POST',
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8',
      headers: { Authorization: `Bearer ${resident}`, 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect((await upload(server.url, undefined, await jpegWithGps(64, 64))).status).toBe(401);
  });
});

describe('photos on a request and its replies', () => {
  it('files a request with two photos; staff see them, reply with a photo, and the resident sees the reply', async () => {
    const ids = await photoIds(resident, 2);
    const created = await file({ ids }, resident);
    expect(created.status, created.text).toBe(201);
    expect(created.body.photos.map((p: { id: string }) => p.id)).toEqual(ids);

    const seen = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: staff });
    expect(seen.body.photos).toHaveLength(2);
    expect((await fetchBytes(seen.body.photos[0].thumbnailUrl)).status).toBe(200);

    const [staffPhoto] = await photoIds(staff, 1);
    const reply = await server.request('POST', `/api/service-requests/${created.body.id}/replies`, {
      token: staff,
      body: { body: '已派维修工，这是关阀后的照片', attachmentIds: [staffPhoto] },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.photos).toEqual([expect.objectContaining({ id: staffPhoto, check: 'pass', url: expect.any(String) })]);

    const mine = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: resident });
    const replyEvent = mine.body.events.find((e: { type: string }) => e.type === 'reply');
    expect(replyEvent.photos).toEqual([expect.objectContaining({ id: staffPhoto, url: expect.any(String), thumbnailUrl: expect.any(String) })]);
    expect((await fetchBytes(replyEvent.photos[0].url)).status).toBe(200);
  });

  it('takes a reply that is only photos, but not an empty one', async () => {
    const created = await file({}, resident);
    const [id] = await photoIds(resident, 1);
    const onlyPhoto = await server.request('POST', `/api/service-requests/${created.body.id}/replies`, { token: resident, body: { attachmentIds: [id] } });
    expect(onlyPhoto.status, onlyPhoto.text).toBe(201);
    expectProblem(await server.request('POST', `/api/service-requests/${created.body.id}/replies`, { token: resident, body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a tenth photo, a photo twice, and someone else’s or an attached upload — writing nothing at all', async () => {
    const before = await requestCount();
    const ten = Array.from({ length: 10 }, () => crypto.randomUUID());
    const tooMany = await file({ ids: ten }, resident);
    expectProblem(tooMany, 400, 'VALIDATION_FAILED');
    expect(tooMany.body.errors).toContainEqual({ path: 'body.attachmentIds', message: '最多附9张照片' });

    const [mine] = await photoIds(resident, 1);
    expectProblem(await file({ ids: [mine!, mine!] }, resident), 400, 'VALIDATION_FAILED');

    const [staffs] = await photoIds(staff, 1);
    const notMine = await file({ ids: [mine!, staffs!] }, resident);
    expectProblem(notMine, 400, 'VALIDATION_FAILED');
    expect(notMine.body.errors).toEqual([{ path: 'body.attachmentIds.1', message: expect.stringContaining('不是您上传的') }]);
    expect(await requestCount()).toBe(before);
    // The refused request took none of its photos: the good one is still free to use.
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, mine!));
    expect(row!.requestId).toBeNull();

    const used = await file({ ids: [mine!] }, resident);
    expect(used.status).toBe(201);
    expectProblem(await file({ ids: [mine!] }, resident), 400, 'VALIDATION_FAILED');
    const reused = await server.request('POST', `/api/service-requests/${used.body.id}/replies`, {
      token: resident,
      body: { body: '再补一张', attachmentIds: [mine!] },
    });
    expectProblem(reused, 400, 'VALIDATION_FAILED');
    const page = await server.request('GET', `/api/service-requests/${used.body.id}`, { token: resident });
    expect(page.body.events.filter((e: { type: string }) => e.type === 'reply')).toHaveLength(0);
    expect(await requestCount()).toBe(before + 1);
  });

  it('takes nine photos on a request', async () => {
    const ids = await photoIds(resident, 9);
    const res = await file({ ids }, resident);
    expect(res.status, res.text).toBe(201);
    expect(res.body.photos).toHaveLength(9);
  });
});

describe('who sees a photo: as its request, then the media check', () => {
  type Who = 'owner' | 'staff' | 'leader' | 'stranger' | 'staffOther';
  const tokens = (): Record<Who, string> => ({ owner: resident, staff, leader, stranger, staffOther });
  /** GET /api/attachments/{id} without following: a 302 to a working link, or the problem. */
  async function open(id: string, token: string, size = 'full') {
    const res = await fetch(`${server.url}/api/attachments/${id}?size=${size}`, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
    if (res.status !== 302) return { status: res.status, body: await res.json() };
    expect(res.headers.get('cache-control')).toBe('no-store');
    const image = await fetchBytes(res.headers.get('location')!);
    expect(image.status).toBe(200);
    return { status: 302, bytes: image.bytes };
  }

  it.each([
    ['an ordinary request', 'sanitation', { owner: 302, staff: 302, leader: 404, stranger: 404, staffOther: 404 }],
    ['a sensitive request (低保)', 'minimum_living', { owner: 302, staff: 302, leader: 404, stranger: 404, staffOther: 404 }],
  ] as const)('%s: its photos go to whoever sees the request, and 404 to everyone else, another community included', async (_label, category, expected) => {
    const [id] = await photoIds(resident, 1);
    const created = await file({ category, ids: [id!] }, resident);
    expect(created.status).toBe(201);
    const outcome: Record<string, number> = {};
    for (const [who, token] of Object.entries(tokens())) {
      const res = await open(id!, token);
      outcome[who] = res.status;
      if (res.status === 404) expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      const page = await server.request('GET', `/api/service-requests/${created.body.id}`, { token });
      expect(page.status).toBe(res.status === 302 ? 200 : 404);
    }
    expect(outcome).toEqual(expected);
    const thumb = await open(id!, staff, 'thumb');
    expect((await sharp(thumb.bytes!).metadata()).width).toBe(360);
  });

  it('a sensitive request taken on by one staff member: its photos are theirs, the resident’s and the administrators’, no other colleague’s', async () => {
    const colleague = await register(server, '周同事');
    const [community] = await server.db
      .select({ id: accountRoles.communityId })
      .from(accountRoles)
      .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
      .where(eq(accounts.username, DEMO.staff.username))
      .limit(1);
    await server.db.insert(accountRoles).values({ accountId: colleague.accountId, communityId: community!.id, role: 'staff' });
    const [id] = await photoIds(resident, 1);
    const created = await file({ category: 'minimum_living', ids: [id!] }, resident);
    expect((await open(id!, colleague.token)).status).toBe(302);
    expect((await server.request('POST', `/api/service-requests/${created.body.id}/status`, { token: staff, body: { status: 'accepted' } })).status).toBe(200);
    expect((await open(id!, colleague.token)).status).toBe(404);
    expect((await open(id!, staff)).status).toBe(302);
    expect((await open(id!, resident)).status).toBe(302);
  });

  it('a request the group leader filed for a resident: the leader and the resident both see its photos', async () => {
    const me = (await server.request('GET', '/api/me', { token: resident })).body.resident;
    const [id] = await photoIds(leader, 1);
    const created = await file({ ids: [id!], onBehalfOfResidentId: me.id }, leader);
    expect(created.status, created.text).toBe(201);
    expect((await open(id!, leader)).status).toBe(302);
    expect((await open(id!, resident)).status).toBe(302);
    expect((await open(id!, stranger)).status).toBe(404);
  });

  it('an upload not yet attached is its uploader’s alone', async () => {
    const [id] = await photoIds(resident, 1);
    expect((await open(id!, resident)).status).toBe(302);
    expect((await open(id!, staff)).status).toBe(404);
    expect((await open(id!, stranger)).status).toBe(404);
    expect((await open(crypto.randomUUID(), resident)).status).toBe(404);
    expectProblem(await server.request('GET', '/api/attachments/not-a-uuid', { token: resident }), 400, 'VALIDATION_FAILED');
  });

  it('signed links stop working after their short life, and a forged one never works', async () => {
    const [id] = await photoIds(resident, 1);
    const created = await file({ ids: [id!] }, resident);
    // Signed ten minutes ago (the server's clock pinned back): the five-minute link has expired.
    server.setNow(new Date(Date.now() - 10 * 60_000));
    const old = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: resident });
    server.setNow(null);
    const expired = await fetch(old.body.photos[0].url);
    expect([403, 404]).toContain(expired.status);
    const fresh = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: resident });
    expect((await fetch(fresh.body.photos[0].url)).status).toBe(200);
    // Another photo's key under this link's signature: refused. (The folder store's links are the
    // API's own HMAC; an S3 store checks its SigV4 itself, which s3rver does not implement.)
    if (store.kind === 'folder') {
      const other = (await photoIds(resident, 1))[0]!;
      const forged = fresh.body.photos[0].url.replace(id!, other);
      expect((await fetch(forged)).status).toBe(404);
      expect((await fetch(fresh.body.photos[0].url.replace(/signature=[^&]+/, 'signature=AAAA'))).status).toBe(404);
    }
  });
});

describe("WeChat's media check", () => {
  async function settle(requestId: string, token: string, photoId: string, onReply = false) {
    for (let i = 0; i < 100; i++) {
      const page = await server.request('GET', `/api/service-requests/${requestId}`, { token });
      const all = onReply ? page.body.events.flatMap((e: { photos?: unknown[] }) => e.photos ?? []) : page.body.photos;
      const photo = all.find((p: { id: string }) => p.id === photoId);
      if (photo?.check !== 'pending') return photo;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the verdict never came');
  }

  it('keeps a mini-program user’s photo pending (uploader and staff only) until the verdict; pass shows it', async () => {
    await wx('/test/media', { suggest: 'pass', hold: true });
    const wechat = await wechatAccount(`o-photo-pass-${Date.now()}`);
    const res = await upload(server.url, wechat, await jpegWithGps(800, 600));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ check: 'pending', hidden: false, url: expect.any(String) });
    const checks = (await wx('/test/media')).body.items;
    const check = checks.find((c: { mediaUrl: string }) => c.mediaUrl.includes(res.body.id));
    expect(check).toMatchObject({ openid: expect.stringMatching(/^o-photo-pass/), pushed: false });

    const created = await file({ ids: [res.body.id] }, wechat);
    expect(created.body.photos[0]).toMatchObject({ check: 'pending', url: expect.any(String) });
    const forStaff = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: staff });
    expect(forStaff.body.photos[0]).toMatchObject({ check: 'pending', url: expect.any(String) });

    await wx('/test/media/release', { traceId: check.traceId });
    expect(await settle(created.body.id, wechat, res.body.id)).toMatchObject({ check: 'pass', hidden: false, url: expect.any(String) });
    expect((await wx('/test/media')).body.items.find((c: { traceId: string }) => c.traceId === check.traceId)).toMatchObject({ pushed: true, fetched: true });
    await wx('/test/media', { suggest: 'pass', hold: false });
  });

  it('shows a pending photo to nobody else who sees the request: the group leader who filed it sees it only after the verdict', async () => {
    await wx('/test/media', { suggest: 'pass', hold: true });
    const wechat = await wechatAccount(`o-photo-leader-${Date.now()}`);
    const groups = (await server.request('GET', '/api/groups', { token: wechat })).body.items;
    const claim = await server.request('POST', '/api/me/resident-claim', {
      token: wechat,
      body: { name: '冯玉珍', idNumber: newIdNumber('19490101'), groupId: groups[0].id },
    });
    expect(claim.status, claim.text).toBe(201);
    const filed = await file({ onBehalfOfResidentId: claim.body.resident.id }, leader);
    expect(filed.status, filed.text).toBe(201);
    const res = await upload(server.url, wechat, await jpegWithGps(640, 480));
    expect(res.body.check).toBe('pending');
    const reply = await server.request('POST', `/api/service-requests/${filed.body.id}/replies`, {
      token: wechat,
      body: { body: '补一张照片', attachmentIds: [res.body.id] },
    });
    expect(reply.status, reply.text).toBe(201);
    const photosFor = async (token: string) =>
      ((await server.request('GET', `/api/service-requests/${filed.body.id}`, { token })).body.events as { type: string; photos?: { id: string }[] }[])
        .filter((e) => e.type === 'reply')
        .flatMap((e) => e.photos ?? [])
        .map((p) => p.id);
    expect(await photosFor(wechat)).toEqual([res.body.id]);
    expect(await photosFor(staff)).toEqual([res.body.id]);
    expect(await photosFor(leader)).toEqual([]);
    const direct = await fetch(`${server.url}/api/attachments/${res.body.id}`, { headers: { Authorization: `Bearer ${leader}` }, redirect: 'manual' });
    expect(direct.status).toBe(404);
    await wx('/test/media/release', {});
    await settle(filed.body.id, wechat, res.body.id, true);
    expect(await photosFor(leader)).toEqual([res.body.id]);
    await wx('/test/media', { suggest: 'pass', hold: false });
  });

  it('hides a photo WeChat finds risky from everyone, staff included, and says so', async () => {
    await wx('/test/media', { suggest: 'risky', hold: false });
    const wechat = await wechatAccount(`o-photo-risky-${Date.now()}`);
    const res = await upload(server.url, wechat, await jpegWithGps(800, 600));
    const created = await file({ ids: [res.body.id] }, wechat);
    const photo = await settle(created.body.id, wechat, res.body.id);
    expect(photo).toEqual({ id: res.body.id, check: 'risky', hidden: true });
    const forStaff = await server.request('GET', `/api/service-requests/${created.body.id}`, { token: staff });
    expect(forStaff.body.photos[0]).toEqual({ id: res.body.id, check: 'risky', hidden: true });
    for (const token of [wechat, staff]) {
      const direct = await fetch(`${server.url}/api/attachments/${res.body.id}`, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
      expect(direct.status).toBe(404);
    }
    await wx('/test/media', { suggest: 'pass', hold: false });
  });

  it('refuses a verdict not signed with the push Token, or replayed late, and leaves the photo pending', async () => {
    await wx('/test/media', { suggest: 'pass', hold: true });
    const wechat = await wechatAccount(`o-photo-forged-${Date.now()}`);
    const res = await upload(server.url, wechat, await jpegWithGps(320, 240));
    const check = (await wx('/test/media')).body.items.find((c: { mediaUrl: string }) => c.mediaUrl.includes(res.body.id));
    const event = { MsgType: 'event', Event: 'wxa_media_check', trace_id: check.traceId, version: 2, result: { suggest: 'pass', label: 100 } };
    const now = String(Math.floor(Date.now() / 1000));
    const forged = await server.request('POST', `/api/wechat/events?signature=${'0'.repeat(40)}&timestamp=${now}&nonce=abc`, { body: event });
    expectProblem(forged, 400, 'PUSH_SIGNATURE_INVALID');
    const late = String(Math.floor(Date.now() / 1000) - 3600);
    const replay = await server.request(
      'POST',
      `/api/wechat/events?signature=${pushSignature('stand-in-push-token', late, 'abc')}&timestamp=${late}&nonce=abc`,
      {
        body: event,
      },
    );
    expectProblem(replay, 400, 'PUSH_SIGNATURE_INVALID');
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, res.body.id));
    expect(row!.checkStatus).toBe('pending');
    // The genuine push is taken; WeChat's URL check answers its echostr.
    const good = await server.request('POST', `/api/wechat/events?signature=${pushSignature('stand-in-push-token', now, 'abc')}&timestamp=${now}&nonce=abc`, {
      body: event,
    });
    expect(good).toMatchObject({ status: 200, text: 'success' });
    const echo = await server.request(
      'GET',
      `/api/wechat/events?signature=${pushSignature('stand-in-push-token', now, 'n1')}&timestamp=${now}&nonce=n1&echostr=hello`,
    );
    expect(echo).toMatchObject({ status: 200, text: 'hello' });
    await wx('/test/media', { suggest: 'pass', hold: false });
  });

  it('answers like WeChat: bad arguments 47001, a bad token 40001, quota spent 45009', async () => {
    const token = (
      await server.request('POST', '/__wechat/cgi-bin/stable_token', {
        body: { grant_type: 'client_credential', appid: 'wx-stand-in-appid', secret: 'stand-in-secret' },
      })
    ).body.access_token;
    const call = (body: unknown, t = token) => server.request('POST', `/__wechat/wxa/media_check_async?access_token=${t}`, { body });
    const good = { media_url: `${server.url}/x.jpg`, media_type: 2, version: 2, scene: 2, openid: 'o-1' };
    expect((await call({ ...good, version: 1 })).body.errcode).toBe(47001);
    expect((await call({ ...good, openid: undefined })).body.errcode).toBe(47001);
    expect((await call(good, 'forged')).body.errcode).toBe(40001);
    expect((await call({ ...good, media_url: 'ftp://x' })).body.errcode).toBe(47003);
    await wx('/test/quota', { path: '/wxa/media_check_async', limit: 0 });
    expect((await call(good)).body.errcode).toBe(45009);
    await wx('/test/quota', { path: '/wxa/media_check_async', limit: 2000, windowMs: 60_000 });
    expect((await call(good)).body).toMatchObject({ errcode: 0, errmsg: 'ok', trace_id: expect.any(String) });
  });

  it('keeps a photo pending when WeChat cannot take the check, and the daily clean-up asks again', async () => {
    await wx('/test/media', { suggest: 'pass', hold: true });
    await wx('/test/faults', { path: '/wxa/media_check_async', errcode: -1, count: 1 });
    const wechat = await wechatAccount(`o-photo-retry-${Date.now()}`);
    const res = await upload(server.url, wechat, await jpegWithGps(320, 240));
    expect(res.status).toBe(201);
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, res.body.id));
    expect(row).toMatchObject({ checkStatus: 'pending', checkTraceId: null });
    const cron = await server.request('GET', '/api/cron/photos', { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
    expect(cron.status).toBe(200);
    expect(cron.body.checksAsked).toBeGreaterThanOrEqual(1);
    const [after] = await server.db.select().from(attachments).where(eq(attachments.id, res.body.id));
    expect(after!.checkTraceId).toEqual(expect.any(String));
    await wx('/test/media/release', {});
    await wx('/test/media', { suggest: 'pass', hold: false });
  });
});

describe('deleting photos', () => {
  it('deletes the photos of a request whose data is deleted: rows and stored objects', async () => {
    const ids = await photoIds(resident, 2);
    const created = await file({ ids }, resident);
    const rows = await server.db.select().from(attachments).where(eq(attachments.requestId, created.body.id));
    expect(rows).toHaveLength(2);
    const [me] = await server.db
      .select({ communityId: serviceRequests.communityId, owner: serviceRequests.ownerAccountId })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, created.body.id));
    const ctx = verbCtx(server, { accountId: me!.owner!, name: 'x', communityId: me!.communityId, roles: ['admin'] });
    expect(await deleteRequestPhotos(ctx, [created.body.id])).toBe(2);
    for (const row of rows) {
      expect(await server.services.store.get(row.storageKey)).toBeNull();
      expect(await server.services.store.get(row.thumbnailKey)).toBeNull();
    }
    expect(await server.db.select().from(attachments).where(eq(attachments.requestId, created.body.id))).toHaveLength(0);
  });

  it('removes uploads never attached within a day, objects first', async () => {
    const [id] = await photoIds(stranger, 1);
    const [row] = await server.db.select().from(attachments).where(eq(attachments.id, id!));
    server.setNow(new Date(Date.now() + 25 * 3600_000));
    const cron = await server.request('GET', '/api/cron/photos', { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
    server.setNow(null);
    expect(cron.status).toBe(200);
    expect(cron.body.orphanPhotos).toBeGreaterThanOrEqual(1);
    expect(await server.services.store.get(row!.storageKey)).toBeNull();
    expect(
      await server.db
        .select()
        .from(attachments)
        .where(and(eq(attachments.id, id!), isNull(attachments.requestId))),
    ).toHaveLength(0);
    expect((await server.request('GET', '/api/cron/photos', { token: staff })).status).toBe(401);
  });
});
