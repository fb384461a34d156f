import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, communities, idempotencyKeys } from '../../db/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let resident: string;
let leader: string;
let staff: string;
let otherStaff: string;
let neighbour: string;

beforeAll(async () => {
  server = await startTestServer();
  [resident, leader, staff, otherStaff] = await Promise.all([
    server.login('resident1', 'Resident#2026'),
    server.login('leader1', 'Leader#2026'),
    server.login('staff', 'Staff#2026'),
    server.login('staff@other', 'Staff#2026'),
  ]);
  const reg = await server.request('POST', '/api/auth/register', { body: { phone: '13900001111', password: 'Neighbour2026', name: '赵大山' } });
  neighbour = reg.body.token;
});
afterAll(() => server.close());

const file = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  server.request('POST', '/api/service-requests', { token, body, headers });
const setStatus = (id: string, body: Record<string, unknown>, token = staff) => server.request('POST', `/api/service-requests/${id}/status`, { token, body });

async function residentsOfGroup(groupName: string) {
  const groups = await server.request('GET', '/api/groups', { token: staff });
  const group = groups.body.items.find((g: { name: string }) => g.name === groupName);
  const list = await server.request('GET', `/api/residents?status=verified&groupId=${group.id}`, { token: staff });
  return { group, residents: list.body.items as { id: string; name: string }[] };
}

describe('categories', () => {
  it('lists the window duties of the founding plan with SLA and the sensitive flag', async () => {
    const res = await server.request('GET', '/api/service-categories', { token: resident });
    expect(res.status).toBe(200);
    const codes = res.body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual([
      'social_security',
      'minimum_living',
      'employment',
      'relief',
      'certificate',
      'family_planning',
      'sanitation',
      'public_order',
      'household_registration',
      'medical_insurance',
      'village_rights',
      'other',
    ]);
    const sensitive = res.body.items.filter((c: { sensitive: boolean }) => c.sensitive).map((c: { name: string }) => c.name);
    expect(sensitive).toEqual(['低保申请', '优抚救济']);
    expect(res.body.items.every((c: { slaHours: number }) => c.slaHours > 0)).toBe(true);
  });
});

describe('filing a request', () => {
  it('files with category and description only, deriving the title', async () => {
    const res = await file(resident, { categoryCode: 'certificate', description: '我想开一个居住证明，给孙子上学用。' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      categoryName: '证明开具',
      title: '我想开一个居住证明，给孙子上学用。',
      onBehalf: false,
      overdue: false,
      flagged: false,
    });
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'submitted', actorName: '张桂兰', status: 'submitted' })]);
  });

  it('refuses a missing description and an unknown category with Chinese field messages', async () => {
    const missing = await file(resident, { categoryCode: 'certificate' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.errors[0].path).toBe('body.description');
    const unknown = await file(resident, { categoryCode: 'nope', description: '随便' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'body.categoryCode', message: '没有这个办事类别' });
    const wrongType = await file(resident, { categoryCode: 7, description: ['x'] });
    expect(wrongType.status).toBe(400);
  });

  it('returns the first request for a retried Idempotency-Key, status included', async () => {
    const headers = { 'Idempotency-Key': 'tap-once-1' };
    const first = await file(resident, { categoryCode: 'sanitation', description: '楼道灯坏了' }, headers);
    const again = await file(resident, { categoryCode: 'sanitation', description: '楼道灯坏了' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const mine = await server.request('GET', '/api/service-requests?categoryCode=sanitation', { token: resident });
    expect(mine.body.items.filter((r: { id: string }) => r.id === first.body.id)).toHaveLength(1);
  });

  it('turns away risky text with CONTENT_REJECTED and files nothing', async () => {
    await server.request('POST', '/__wechat/test/content', { body: { text: '违禁词', suggest: 'risky' } });
    await server.request('POST', '/__wechat/test/content', { body: { text: '待审词', suggest: 'review' } });
    const code = (await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-content' } })).body.code;
    const wx = (await server.request('POST', '/api/auth/wechat', { body: { code } })).body.token;
    const risky = await file(wx, { categoryCode: 'other', description: '这里有违禁词' });
    expect(risky.status).toBe(422);
    expect(risky.body.code).toBe('CONTENT_REJECTED');
    const list = await server.request('GET', '/api/service-requests', { token: wx });
    expect(list.body.items).toHaveLength(0);
    const review = await file(wx, { categoryCode: 'other', description: '这里有待审词' });
    expect(review.status).toBe(201);
    expect(review.body.flagged).toBe(true);
    const flagged = await server.request('GET', '/api/service-requests?flagged=true', { token: staff });
    expect(flagged.body.items.map((r: { id: string }) => r.id)).toContain(review.body.id);
    // flagged=false is the other half, not the same filter.
    const unflagged = await server.request('GET', '/api/service-requests?flagged=false&limit=100', { token: staff });
    expect(unflagged.status).toBe(200);
    expect(unflagged.body.items.map((r: { id: string }) => r.id)).not.toContain(review.body.id);
    expect(unflagged.body.items.every((r: { flagged: boolean }) => !r.flagged)).toBe(true);
  });

  it('lets a group leader file on behalf of a neighbour of the group, shown to both', async () => {
    const { residents } = await residentsOfGroup('第一居民小组');
    const target = residents.find((r) => r.name === '张桂兰')!;
    const res = await file(leader, { categoryCode: 'employment', description: '帮邻居问问有没有保洁的工作', onBehalfOfResidentId: target.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ onBehalf: true, residentName: '张桂兰', filedByName: '李建国' });
    const asResident = await server.request('GET', `/api/service-requests/${res.body.id}`, { token: resident });
    expect(asResident.status).toBe(200);
    expect(asResident.body.onBehalf).toBe(true);
  });

  it('refuses a group leader filing for someone outside the group, and any sensitive matter on behalf', async () => {
    const { residents: others } = await residentsOfGroup('第二居民小组');
    const groups = await server.request('GET', '/api/groups', { token: staff });
    let outsider = others[0];
    if (!outsider) {
      const id = await validId('19700202', '555');
      const made = await server.request('POST', '/api/residents', { token: staff, body: { name: '钱二', idNumber: id, groupId: groups.body.items[1].id } });
      expect(made.status).toBe(201);
      outsider = made.body;
    }
    const res = await file(leader, { categoryCode: 'employment', description: '代办', onBehalfOfResidentId: outsider!.id });
    expect(res.status).toBe(404);
    const { residents } = await residentsOfGroup('第一居民小组');
    const sensitive = await file(leader, { categoryCode: 'minimum_living', description: '代办低保', onBehalfOfResidentId: residents[0]!.id });
    expect(sensitive.status).toBe(403);
    expect(sensitive.body.code).toBe('FORBIDDEN');
    const plain = await file(resident, { categoryCode: 'employment', description: '代办', onBehalfOfResidentId: residents[0]!.id });
    expect(plain.status).toBe(403);
  });
});

/** A valid ID number for Gansu with the given birth date and sequence (check digit computed). */
async function validId(birth: string, seq: string) {
  const { makeIdNumber } = await import('../../functions/residents/id-number.js');
  return makeIdNumber('621021', birth, seq);
}

describe('who sees what', () => {
  it('answers 404 to a resident asking for another resident’s request, and to another community', async () => {
    const mine = await file(resident, { categoryCode: 'other', description: '我的私事' });
    const theirs = await server.request('GET', `/api/service-requests/${mine.body.id}`, { token: neighbour });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('NOT_FOUND');
    const elsewhere = await server.request('GET', `/api/service-requests/${mine.body.id}`, { token: otherStaff });
    expect(elsewhere.status).toBe(404);
    const reply = await server.request('POST', `/api/service-requests/${mine.body.id}/replies`, { token: neighbour, body: { body: '偷看' } });
    expect(reply.status).toBe(404);
    const status = await setStatus(mine.body.id, { status: 'accepted' }, otherStaff);
    expect(status.status).toBe(404);
  });

  it('never shows a sensitive request to a group leader, even one filed for their own group', async () => {
    const { residents } = await residentsOfGroup('第一居民小组');
    const target = residents.find((r) => r.name === '张桂兰')!;
    const low = await file(staff, { categoryCode: 'minimum_living', description: '低保申请材料已交', onBehalfOfResidentId: target.id });
    expect(low.status).toBe(201);
    const leaderList = await server.request('GET', '/api/service-requests?limit=100', { token: leader });
    expect(leaderList.body.items.map((r: { id: string }) => r.id)).not.toContain(low.body.id);
    expect(leaderList.body.items.some((r: { sensitive: boolean }) => r.sensitive)).toBe(false);
    expect((await server.request('GET', `/api/service-requests/${low.body.id}`, { token: leader })).status).toBe(404);
    // the resident it concerns sees it; staff see it
    expect((await server.request('GET', `/api/service-requests/${low.body.id}`, { token: resident })).status).toBe(200);
    expect((await server.request('GET', `/api/service-requests/${low.body.id}`, { token: staff })).status).toBe(200);
  });

  it('lists only own requests to a resident and the whole community to staff', async () => {
    const own = await server.request('GET', '/api/service-requests?limit=100', { token: neighbour });
    expect(own.body.items.every((r: { mine: boolean }) => r.mine)).toBe(true);
    const all = await server.request('GET', '/api/service-requests?limit=100', { token: staff });
    expect(all.body.items.length).toBeGreaterThan(own.body.items.length);
    const elsewhere = await server.request('GET', '/api/service-requests?limit=100', { token: otherStaff });
    expect(elsewhere.body.items).toHaveLength(0);
  });

  it('keeps the dashboard and export to staff', async () => {
    expect((await server.request('GET', '/api/service-requests/dashboard', { token: resident })).status).toBe(403);
    expect((await server.request('GET', '/api/service-requests/dashboard', { token: leader })).status).toBe(403);
    expect((await server.request('GET', '/api/service-requests/export.xlsx', { token: resident })).status).toBe(403);
    expect((await setStatus('00000000-0000-7000-8000-000000000000', { status: 'accepted' }, resident)).status).toBe(403);
  });
});

describe('lifecycle', () => {
  it('goes submitted → accepted → in_progress → resolved with every change on the timeline', async () => {
    const { body: req } = await file(resident, { categoryCode: 'social_security', description: '养老保险怎么续交？' });
    expect((await setStatus(req.id, { status: 'accepted' })).body.status).toBe('accepted');
    const reply = await server.request('POST', `/api/service-requests/${req.id}/replies`, { token: staff, body: { body: '请带身份证和户口本来窗口。' } });
    expect(reply.status).toBe(201);
    expect((await setStatus(req.id, { status: 'in_progress' })).body.status).toBe('in_progress');
    const answer = await server.request('POST', `/api/service-requests/${req.id}/replies`, { token: resident, body: { body: '好的，明天上午去。' } });
    expect(answer.status).toBe(201);
    const done = await setStatus(req.id, { status: 'resolved', note: '已办理续交' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('resolved');
    expect(done.body.firstReplyAt).not.toBeNull();
    expect(done.body.events.map((e: { type: string; status?: string }) => e.status ?? e.type)).toEqual([
      'submitted',
      'accepted',
      'reply',
      'in_progress',
      'reply',
      'resolved',
    ]);
    expect(done.body.events[2]).toMatchObject({ actorName: '王晓梅', body: '请带身份证和户口本来窗口。' });
  });

  it('refuses transitions out of order with INVALID_TRANSITION', async () => {
    const { body: req } = await file(resident, { categoryCode: 'other', description: '顺序测试' });
    const skip = await setStatus(req.id, { status: 'resolved' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('INVALID_TRANSITION');
    expect((await setStatus(req.id, { status: 'submitted' })).status).toBe(409);
    await setStatus(req.id, { status: 'accepted' });
    expect((await setStatus(req.id, { status: 'accepted' })).status).toBe(409);
    await setStatus(req.id, { status: 'resolved' });
    expect((await setStatus(req.id, { status: 'rejected', note: 'x' })).body.code).toBe('INVALID_TRANSITION');
    expect((await setStatus(req.id, { status: 'flying' })).status).toBe(400);
  });

  it('rejects only with a reason, and may say who is responsible instead', async () => {
    const { body: req } = await file(resident, { categoryCode: 'other', description: '我家的地要确权' });
    const noNote = await setStatus(req.id, { status: 'rejected' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.code).toBe('VALIDATION_FAILED');
    expect(noNote.body.errors[0].path).toBe('body.note');
    const rejected = await setStatus(req.id, { status: 'rejected', note: '土地确权不属于社区职责', referTo: '八珠乡政府农经站' });
    expect(rejected.body).toMatchObject({ status: 'rejected', referTo: '八珠乡政府农经站' });
    expect(rejected.body.events.at(-1)).toMatchObject({ type: 'status', status: 'rejected', body: expect.stringContaining('八珠乡政府农经站') });
  });

  it('lets the owner reopen only a resolved request, and rate it 1–5 only when resolved', async () => {
    const { body: req } = await file(resident, { categoryCode: 'sanitation', description: '垃圾没人收' });
    const early = await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: resident, body: { score: 5 } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    expect((await server.request('POST', `/api/service-requests/${req.id}/reopen`, { token: resident, body: { reason: '还没好' } })).body.code).toBe(
      'INVALID_TRANSITION',
    );
    await setStatus(req.id, { status: 'accepted' });
    await setStatus(req.id, { status: 'resolved' });
    expect((await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: resident, body: { score: 6 } })).status).toBe(400);
    expect((await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: resident, body: { score: 0 } })).status).toBe(400);
    expect((await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: neighbour, body: { score: 1 } })).status).toBe(404);
    const rated = await server.request('POST', `/api/service-requests/${req.id}/rating`, { token: resident, body: { score: 4, comment: '来得快' } });
    expect(rated.status).toBe(201);
    expect(rated.body).toEqual({ score: 4, comment: '来得快' });
    const reopened = await server.request('POST', `/api/service-requests/${req.id}/reopen`, { token: resident, body: { reason: '第二天又没收' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('in_progress');
    expect(reopened.body.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'status', 'status', 'rating', 'reopened']);
    expect((await server.request('POST', `/api/service-requests/${req.id}/reopen`, { token: staff, body: { reason: 'x' } })).status).toBe(404);
  });
});

describe('SLA and the staff queue', () => {
  it('flags requests past their deadline and sorts the queue by urgency', async () => {
    const start = new Date('2026-12-01T02:00:00Z');
    server.setNow(start);
    const order = await file(resident, { categoryCode: 'public_order', description: '夜里有人吵闹' }); // 4 h to accept
    const cert = await file(resident, { categoryCode: 'certificate', description: '开证明' }); // 8 h to accept
    server.setNow(new Date(start.getTime() + 5 * 3600_000));
    const overdue = await server.request('GET', '/api/service-requests?overdue=true&limit=100', { token: staff });
    const ids = overdue.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(order.body.id);
    expect(ids).not.toContain(cert.body.id);
    const inTime = (await server.request('GET', '/api/service-requests?overdue=false&limit=100', { token: staff })).body.items.map((r: { id: string }) => r.id);
    expect(inTime).toContain(cert.body.id);
    expect(inTime).not.toContain(order.body.id);
    const queue = await server.request('GET', '/api/service-requests?sort=urgency&status=submitted&limit=100', { token: staff });
    const queueIds = queue.body.items.map((r: { id: string }) => r.id);
    expect(queueIds.indexOf(order.body.id)).toBeLessThan(queueIds.indexOf(cert.body.id));
    expect(queue.body.items.find((r: { id: string }) => r.id === order.body.id).overdue).toBe(true);
    server.setNow(null);
  });

  it('pages the urgency queue by cursor without repeats', async () => {
    // Its own queue: five open requests and one finished.
    const mine: string[] = [];
    for (const description of ['楼道灯不亮', '下水道堵了', '想办居住证明', '门口垃圾没人收', '暖气不热']) {
      mine.push((await file(resident, { categoryCode: 'other', description })).body.id);
    }
    await setStatus(mine[0]!, { status: 'accepted' });
    expect((await setStatus(mine[0]!, { status: 'resolved', note: '已修好' })).body.status).toBe('resolved');
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await server.request(
        'GET',
        `/api/service-requests?sort=urgency&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: staff },
      );
      for (const r of res.body.items) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect([...seen]).toEqual(expect.arrayContaining(mine));
    // the urgency order runs on past the open requests into the finished ones
    const all = await server.request('GET', '/api/service-requests?limit=100', { token: staff });
    expect(seen.size).toBe(all.body.items.length);
    const finished = await server.request('GET', '/api/service-requests?sort=urgency&status=resolved', { token: staff });
    expect(finished.body.items.length).toBeGreaterThan(0);
    expect(finished.body.items.every((r: { status: string; dueAt: string | null }) => r.status === 'resolved' && r.dueAt === null)).toBe(true);
    expect((await server.request('GET', '/api/service-requests?cursor=garbage', { token: staff })).status).toBe(400);
  });

  it('shows the dashboard with counts by category, response medians and ratings', async () => {
    const res = await server.request('GET', '/api/service-requests/dashboard', { token: staff });
    expect(res.status).toBe(200);
    expect(res.body.byCategory).toHaveLength(12);
    const social = res.body.byCategory.find((c: { code: string }) => c.code === 'social_security');
    expect(social).toMatchObject({ name: '社会保障', resolvedThisWeek: 1 });
    expect(res.body.totals.open).toBeGreaterThan(0);
    expect(res.body.medianFirstReplyHours).toEqual(expect.any(Number));
    expect(res.body.medianResolveHours).toEqual(expect.any(Number));
    expect(res.body.ratings).toMatchObject({ count: 1, average: 4, distribution: { 4: 1, 5: 0 } });
  });

  it('exports the filtered queue as a spreadsheet', async () => {
    const res = await fetch(`${server.url}/api/service-requests/export.xlsx?status=submitted`, { headers: { Authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('办事申请')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('提交时间');
    const statuses = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && statuses.add(String(row.getCell(5).value)));
    expect([...statuses]).toEqual(['待受理']);
    expect(sheet.rowCount).toBeGreaterThan(2);
  });

  it('writes a formula-like title in the spreadsheet as the text typed, formatted as text, never a formula', async () => {
    const filed = await file(resident, { categoryCode: 'other', title: '=HYPERLINK("http://x","点我")', description: '标题像公式的申请' });
    expect(filed.status, filed.text).toBe(201);
    const res = await fetch(`${server.url}/api/service-requests/export.xlsx?status=submitted`, { headers: { Authorization: `Bearer ${staff}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('办事申请')!;
    let found = 0;
    sheet.eachRow((row) => {
      const cell = row.getCell(3);
      if (cell.value !== '=HYPERLINK("http://x","点我")') return;
      found += 1;
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
    expect(found).toBe(1);
  });
});

describe('retries under load', () => {
  it('50 parallel creates carrying 10 distinct Idempotency-Keys produce exactly 10 requests', async () => {
    const before = await server.request('GET', '/api/service-requests?categoryCode=family_planning&limit=100', { token: neighbour });
    expect(before.body.items).toHaveLength(0);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        file(neighbour, { categoryCode: 'family_planning', description: `重复点击 ${i % 10}` }, { 'Idempotency-Key': `burst-${i % 10}` }),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(10);
    const after = await server.request('GET', '/api/service-requests?categoryCode=family_planning&limit=100', { token: neighbour });
    expect(after.body.items).toHaveLength(10);
  });

  it('takes over a key left pending for over a minute by a crashed instance', async () => {
    const me = (await server.request('GET', '/api/me', { token: neighbour })).body.account.id;
    await server.db
      .insert(idempotencyKeys)
      .values({ accountId: me, route: 'post /api/service-requests', key: 'crashed-1', status: 0, body: {}, createdAt: new Date(Date.now() - 2 * 60_000) });
    const res = await file(neighbour, { categoryCode: 'other', description: '上次提交时断网了' }, { 'Idempotency-Key': 'crashed-1' });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    const again = await file(neighbour, { categoryCode: 'other', description: '上次提交时断网了' }, { 'Idempotency-Key': 'crashed-1' });
    expect(again.body.id).toBe(res.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('lets only one of ten staff taps at once accept the same request', async () => {
    const { body: req } = await file(resident, { categoryCode: 'other', description: '并发受理' });
    const replies = await Promise.all(Array.from({ length: 10 }, () => setStatus(req.id, { status: 'accepted' })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409 && r.body.code === 'INVALID_TRANSITION')).toHaveLength(9);
    const detail = await server.request('GET', `/api/service-requests/${req.id}`, { token: staff });
    expect(detail.body.events.filter((e: { status?: string }) => e.status === 'accepted')).toHaveLength(1);
  });
});

describe('sensitive requests and who handles them', () => {
  let staffB: string;
  let staffBId: string;
  let adminToken: string;

  beforeAll(async () => {
    const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
    const b = await server.request('POST', '/api/auth/register', { body: { phone: '13900002222', password: 'Colleague2026', name: '窗口小刘' } });
    staffBId = b.body.account.id;
    const a = await server.request('POST', '/api/auth/register', { body: { phone: '13900003333', password: 'Director2026', name: '周主任' } });
    await server.db.insert(accountRoles).values([
      { accountId: staffBId, communityId: community!.id, role: 'staff' },
      { accountId: a.body.account.id, communityId: community!.id, role: 'admin' },
    ]);
    staffB = b.body.token;
    adminToken = a.body.token;
  });

  const sees = async (token: string, id: string) => {
    const detail = await server.request('GET', `/api/service-requests/${id}`, { token });
    const list = await server.request('GET', '/api/service-requests?limit=100&categoryCode=relief', { token });
    const listed = list.body.items.some((r: { id: string }) => r.id === id);
    expect(listed).toBe(detail.status === 200);
    return detail.status === 200;
  };

  it('is seen by every staff member until one accepts it, then only by that one and the administrators', async () => {
    const { body: req } = await file(resident, { categoryCode: 'relief', description: '申请临时救助' });
    expect(await sees(staff, req.id)).toBe(true);
    expect(await sees(staffB, req.id)).toBe(true);
    const accepted = await setStatus(req.id, { status: 'accepted' });
    expect(accepted.body.assignedToMe).toBe(true);
    expect(await sees(staffB, req.id)).toBe(false);
    expect(await sees(staff, req.id)).toBe(true);
    expect(await sees(adminToken, req.id)).toBe(true);
    expect(await sees(resident, req.id)).toBe(true);
    expect((await setStatus(req.id, { status: 'in_progress' }, staffB)).status).toBe(404);
  });

  it('can be handed to another staff member by an administrator, and only to staff', async () => {
    const { body: req } = await file(resident, { categoryCode: 'relief', description: '优抚补助咨询' });
    await setStatus(req.id, { status: 'accepted' });
    const handed = await server.request('POST', `/api/service-requests/${req.id}/assignee`, { token: adminToken, body: { accountId: staffBId } });
    expect(handed.status).toBe(200);
    expect(await sees(staffB, req.id)).toBe(true);
    expect(await sees(staff, req.id)).toBe(false);
    const me = (await server.request('GET', '/api/me', { token: resident })).body.account.id;
    const notStaff = await server.request('POST', `/api/service-requests/${req.id}/assignee`, { token: adminToken, body: { accountId: me } });
    expect(notStaff.status).toBe(400);
    expect((await server.request('POST', `/api/service-requests/${req.id}/assignee`, { token: staff, body: { accountId: staffBId } })).status).toBe(403);
  });

  it('shows the resident and the staff who a request was handed to, once per change', async () => {
    const { body: req } = await file(resident, { categoryCode: 'relief', description: '低保年审材料' });
    await setStatus(req.id, { status: 'accepted' });
    const handTo = (accountId: string | null) => server.request('POST', `/api/service-requests/${req.id}/assignee`, { token: adminToken, body: { accountId } });
    expect((await handTo(staffBId)).status).toBe(200);
    expect((await handTo(staffBId)).status).toBe(200);
    const handOvers = async (token: string) =>
      (await server.request('GET', `/api/service-requests/${req.id}`, { token })).body.events.filter((e: { type: string }) => e.type === 'assigned');
    expect(await handOvers(resident)).toEqual([expect.objectContaining({ actorName: '周主任', body: '交给窗口小刘办理' })]);
    expect(await handOvers(staffB)).toHaveLength(1);
    expect((await handTo(null)).status).toBe(200);
    expect((await handOvers(adminToken)).map((e: { body: string }) => e.body)).toEqual(['交给窗口小刘办理', '收回，另行安排']);
  });

  it('leaves ordinary requests visible to all staff after one accepts them', async () => {
    const { body: req } = await file(resident, { categoryCode: 'sanitation', description: '下水道堵了' });
    await setStatus(req.id, { status: 'accepted' });
    expect((await server.request('GET', `/api/service-requests/${req.id}`, { token: staffB })).status).toBe(200);
  });
});
