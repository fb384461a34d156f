import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities, outboxMessages, subscribeCredits } from '../../db/schema/index.js';
import { chinaMinute } from '../../functions/_shared/china-time.js';
import { createServiceRequest } from '../../functions/service-requests/create.js';
import { rateServiceRequest } from '../../functions/service-requests/rate.js';
import { reopenServiceRequest } from '../../functions/service-requests/reopen.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem, newIdNumber, verbCtx } from './helpers.js';
import { SERVICE_TEMPLATE } from './notices-support.js';

/*
 * Who handles a request and what its timeline says as staff move it along; who may speak for
 * the resident (rate, reopen); the words a refusal carries.
 */
let server: TestServer;
let resident: string;
let leader: string;
let staff: string;
let admin: string;
let colleague: { token: string; id: string; name: string };
let adminAccount: string;
let leaderAccount: string;
let communityId: string;
let group1: { id: string; residents: { id: string; name: string }[] };
let group2Id: string;

beforeAll(async () => {
  server = await startTestServer();
  [resident, leader, staff] = await Promise.all([
    server.login('resident1', 'Resident#2026'),
    server.login('leader1', 'Leader#2026'),
    server.login('staff', 'Staff#2026'),
  ]);
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
  const register = (phone: string, name: string) => server.request('POST', '/api/auth/register', { body: { phone, password: 'Handling2026', name } });
  const a = await register('13900005551', '钱主任');
  admin = a.body.token;
  adminAccount = a.body.account.id;
  const c = await register('13900005552', '窗口小孙');
  colleague = { token: c.body.token, id: c.body.account.id, name: '窗口小孙' };
  await server.db.insert(accountRoles).values([
    { accountId: adminAccount, communityId, role: 'admin' },
    { accountId: colleague.id, communityId, role: 'staff' },
  ]);
  const [l] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'leader1'));
  leaderAccount = l!.id;
  const groups = await server.request('GET', '/api/groups', { token: staff });
  const first = groups.body.items.find((g: { name: string }) => g.name === '第一居民小组');
  group2Id = groups.body.items.find((g: { id: string }) => g.id !== first.id).id;
  const list = await server.request('GET', `/api/residents?status=verified&groupId=${first.id}`, { token: staff });
  group1 = { id: first.id, residents: list.body.items };
});
afterAll(() => server?.close());

const file = async (token: string, body: Record<string, unknown>) => {
  const res = await server.request('POST', '/api/service-requests', { token, body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
const setStatus = (id: string, body: Record<string, unknown>, token = staff) => server.request('POST', `/api/service-requests/${id}/status`, { token, body });
const handTo = (id: string, accountId: string | null) => server.request('POST', `/api/service-requests/${id}/assignee`, { token: admin, body: { accountId } });
const get = (id: string, token = staff) => server.request('GET', `/api/service-requests/${id}`, { token });
const rate = (id: string, body: Record<string, unknown>, token = resident) => server.request('POST', `/api/service-requests/${id}/rating`, { token, body });
const reopen = (id: string, token = resident) => server.request('POST', `/api/service-requests/${id}/reopen`, { token, body: { reason: '路灯又不亮了' } });
const resolved = async (token: string, body: Record<string, unknown>) => {
  const id = await file(token, body);
  await setStatus(id, { status: 'accepted' });
  expect((await setStatus(id, { status: 'resolved' })).status).toBe(200);
  return id;
};
const lastEvent = async (id: string) => (await get(id)).body.events.at(-1);

describe('refusals in words', () => {
  it('asks for the reason of a refusal on the note field', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '想问问宅基地的事' });
    const res = await setStatus(id, { status: 'rejected' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'body.note', message: '请填写不予受理的理由' }]);
  });

  it('says why a move out of order is refused', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '顺序' });
    expectProblem(await setStatus(id, { status: 'in_progress' }), 409, 'INVALID_TRANSITION');
  });

  it('tells the resident a request must be resolved before rating or reopening it', async () => {
    const id = await file(resident, { categoryCode: 'sanitation', description: '垃圾桶坏了' });
    expectProblem(await rate(id, { score: 3 }), 409, 'INVALID_TRANSITION');
    expectProblem(await reopen(id), 409, 'INVALID_TRANSITION');
  });

  it('tells whoever may not speak for the resident that the request is not found', async () => {
    const id = await resolved(resident, { categoryCode: 'sanitation', description: '门口积水' });
    const res = await rate(id, { score: 1 }, staff);
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.body.detail).toContain('办事申请');
  });
});

describe('who handles a request', () => {
  it('gives a request to whoever accepts it, and a refused one to whoever refused it', async () => {
    const accepted = await file(resident, { categoryCode: 'other', description: '开证明' });
    expect((await setStatus(accepted, { status: 'accepted' })).body.assignedToMe).toBe(true);
    const refused = await file(resident, { categoryCode: 'other', description: '不归社区管的事' });
    expect((await setStatus(refused, { status: 'rejected', note: '请找乡政府' })).body.assignedToMe).toBe(true);
  });

  it('leaves a request with the staff member it was handed to when someone else accepts or refuses it', async () => {
    for (const [status, note] of [
      ['accepted', undefined],
      ['rejected', '不属于社区职责'],
    ] as const) {
      const id = await file(resident, { categoryCode: 'other', description: `交办后${status}` });
      expect((await handTo(id, colleague.id)).status).toBe(200);
      expect((await setStatus(id, { status, note })).body.assignedToMe).toBe(false);
      expect((await get(id, colleague.token)).body.assignedToMe).toBe(true);
    }
  });

  it('does not hand a taken-back request to whoever moves it along', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '收回后继续办' });
    await setStatus(id, { status: 'accepted' });
    expect((await handTo(id, null)).status).toBe(200);
    expect((await setStatus(id, { status: 'in_progress' })).body.assignedToMe).toBe(false);
    expect((await setStatus(id, { status: 'resolved' })).body.assignedToMe).toBe(false);
  });

  it('hands a request to staff or an administrator of the community, with the change on the timeline', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '交办' });
    expect((await handTo(id, colleague.id)).body.events.at(-1)).toMatchObject({ type: 'assigned', body: '交给窗口小孙办理' });
    expect((await handTo(id, adminAccount)).body).toMatchObject({ assignedToMe: true });
    expect((await handTo(id, null)).body.events.at(-1)).toMatchObject({ type: 'assigned', body: '收回，另行安排' });
  });

  it('refuses to hand a request to someone who is not staff, naming the field', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '交给居民？' });
    const res = await handTo(id, leaderAccount);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'body.accountId', message: '不是本社区的工作人员' }]);
  });
});

describe('the record of a status change', () => {
  it('counts a request as closed from its resolution or refusal, not before', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '办结时间' });
    expect((await setStatus(id, { status: 'accepted' })).body.resolvedAt).toBeNull();
    expect((await setStatus(id, { status: 'in_progress' })).body.resolvedAt).toBeNull();
    const done = await setStatus(id, { status: 'resolved' });
    expect(done.body.resolvedAt).toBe(done.body.updatedAt);
    const refused = await file(resident, { categoryCode: 'other', description: '不予受理的办结时间' });
    const res = await setStatus(refused, { status: 'rejected', note: '不归社区' });
    expect(res.body.resolvedAt).toBe(res.body.updatedAt);
  });

  it('writes the note and whom to contact on the timeline, one per line, and nothing without a note', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '户口迁移' });
    const accepted = (await setStatus(id, { status: 'accepted' })).body.events.at(-1);
    expect({ status: accepted.status, body: accepted.body ?? null }).toEqual({ status: 'accepted', body: null });
    expect((await setStatus(id, { status: 'in_progress', note: '材料已收齐' })).body.events.at(-1)).toMatchObject({ body: '材料已收齐' });
    const refused = await file(resident, { categoryCode: 'other', description: '土地确权' });
    const res = await setStatus(refused, { status: 'rejected', note: '不属于社区职责', referTo: '八珠乡农经站' });
    expect(res.body.events.at(-1)).toMatchObject({ status: 'rejected', body: '不属于社区职责\n请联系：八珠乡农经站' });
  });
});

describe('the 办事进度 message', () => {
  it('tells the resident in WeChat where the request stands and why', async () => {
    // The resident signed in through WeChat and allowed a few 办事进度 messages.
    const [me] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'resident1'));
    await server.db.update(accounts).set({ openid: 'o-handling-resident1' }).where(eq(accounts.id, me!.id));
    await server.db
      .insert(subscribeCredits)
      .values({ accountId: me!.id, templateKey: 'service', credits: 5, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [subscribeCredits.accountId, subscribeCredits.templateKey], set: { credits: 5 } });
    const id = await file(resident, { categoryCode: 'other', description: '老房翻修要审批吗' });
    await setStatus(id, { status: 'rejected', note: '请到乡建设办', referTo: '八珠乡建设办' });
    const [message] = await server.db
      .select({ data: outboxMessages.data })
      .from(outboxMessages)
      .where(eq(outboxMessages.page, `service/detail/index?id=${id}`));
    expect(message?.data).toMatchObject({ phrase2: { value: '不予受理' }, thing3: { value: '请到乡建设办 请联系：八珠乡建设办' } });
  });
});

describe('rating and reopening', () => {
  it('shows the stars, and the comment when there is one, and keeps only the latest rating', async () => {
    const id = await resolved(resident, { categoryCode: 'sanitation', description: '路灯不亮' });
    expect((await rate(id, { score: 3 })).body).toEqual({ score: 3 });
    expect(await lastEvent(id)).toMatchObject({ type: 'rating', body: '★★★' });
    expect((await get(id, resident)).body.rating).toEqual({ score: 3 });
    await rate(id, { score: 5, comment: '修好了' });
    const after = await get(id, resident);
    expect(after.body.rating).toEqual({ score: 5, comment: '修好了' });
    expect(after.body.events.filter((e: { type: string }) => e.type === 'rating').map((e: { body: string }) => e.body)).toEqual(['★★★★★ 修好了']);
  });

  it('keeps the comment of a first rating', async () => {
    const id = await resolved(resident, { categoryCode: 'sanitation', description: '井盖松了' });
    await rate(id, { score: 4, comment: '很及时' });
    expect((await get(id, resident)).body.rating).toEqual({ score: 4, comment: '很及时' });
  });

  it('puts a reopened request back in progress, measured against resolving, with the reason on the timeline', async () => {
    const id = await resolved(resident, { categoryCode: 'sanitation', description: '下水道堵了' });
    const res = await reopen(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_progress', dueAt: res.body.resolveDueAt, resolvedAt: null });
    expect(res.body.events.at(-1)).toMatchObject({ type: 'reopened', status: 'in_progress', body: '路灯又不亮了' });
  });

  it('lets the group leader who filed an ordinary request for a neighbour rate and reopen it', async () => {
    const target = group1.residents.find((r) => r.name === '张桂兰')!;
    const id = await resolved(leader, { categoryCode: 'employment', description: '代邻居问工作', onBehalfOfResidentId: target.id });
    expect((await rate(id, { score: 4 }, leader)).status).toBe(201);
    expect((await reopen(id, leader)).status).toBe(200);
  });

  it('does not let staff who filed at the window speak for the resident', async () => {
    const target = group1.residents[0]!;
    const id = await resolved(staff, { categoryCode: 'employment', description: '窗口代办', onBehalfOfResidentId: target.id });
    expectProblem(await rate(id, { score: 5 }, staff), 404, 'NOT_FOUND');
    expectProblem(await reopen(id, staff), 404, 'NOT_FOUND');
  });

  it('does not let a group leader who is also staff speak for requests of the group they did not file, nor sensitive ones they filed', async () => {
    const roles = ['staff', 'group_leader'] as const;
    const both = verbCtx(server, { accountId: leaderAccount, name: '李建国', communityId, roles: [...roles], groupId: group1.id });
    const target = group1.residents[0]!;
    const byColleague = await resolved(staff, { categoryCode: 'employment', description: '同事代办', onBehalfOfResidentId: target.id });
    await expect(rateServiceRequest({ ctx: both, input: { id: byColleague, score: 5 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const sensitive = await createServiceRequest({
      ctx: both,
      input: { categoryCode: 'minimum_living', description: '代办低保', onBehalfOfResidentId: target.id },
    });
    await setStatus(sensitive.id, { status: 'accepted' });
    await setStatus(sensitive.id, { status: 'resolved' });
    await expect(reopenServiceRequest({ ctx: both, input: { id: sensitive.id, reason: '还没批' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not let a leader who filed for a group they no longer lead speak for the resident', async () => {
    const target = group1.residents[0]!;
    const id = await resolved(leader, { categoryCode: 'employment', description: '换届前代办', onBehalfOfResidentId: target.id });
    const moved = verbCtx(server, { accountId: leaderAccount, name: '李建国', communityId, roles: ['group_leader'], groupId: group2Id });
    await expect(rateServiceRequest({ ctx: moved, input: { id, score: 2 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/**
 * A WeChat sign-in of an account that allowed `credits` 办事进度 messages: the account gets this
 * openid and the credits, and WeChat (the stand-in) holds as many authorisations, so a message the
 * delivery worker sends at once is taken rather than refused with 43101 (which clears the credits).
 */
async function inWeChat(username: string, openid: string, credits = 5) {
  const [account] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  await server.db.update(accounts).set({ openid }).where(eq(accounts.id, account!.id));
  for (let i = 0; i < credits; i++) {
    const accepted = await server.request('POST', '/__wechat/test/subscribe-accept', { body: { openid, templateId: SERVICE_TEMPLATE } });
    expect(accepted.status, accepted.text).toBe(200);
  }
  await server.db
    .insert(subscribeCredits)
    .values({ accountId: account!.id, templateKey: 'service', credits, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [subscribeCredits.accountId, subscribeCredits.templateKey], set: { credits } });
  return account!.id;
}
/** The 办事进度 messages queued about one request, oldest first: to whom and what they say. */
const progressMessages = async (id: string) =>
  (
    await server.db
      .select({ openid: outboxMessages.openid, data: outboxMessages.data, createdAt: outboxMessages.createdAt })
      .from(outboxMessages)
      .where(eq(outboxMessages.page, `service/detail/index?id=${id}`))
  )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(({ openid, data }) => ({ openid, data }));
const reply = (id: string, body: string, token: string) => server.request('POST', `/api/service-requests/${id}/replies`, { token, body: { body } });
/** A moment `minutes` from now, to the millisecond as stored. */
const inMinutes = (minutes: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + minutes * 60_000);

describe('replies', () => {
  it('answers a reply with who said what and when, and stops the response clock at staff’s first reply only', async () => {
    const id = await file(resident, { categoryCode: 'other', description: '楼道里的垃圾桶坏了' });
    const [t1, t2, t3] = [inMinutes(5), inMinutes(10), inMinutes(20)];
    try {
      server.setNow(t1);
      const own = await reply(id, '还没有人回复我', resident);
      expect(own.status, own.text).toBe(201);
      expect(own.body).toEqual({ type: 'reply', actorName: '张桂兰', body: '还没有人回复我', at: t1.toISOString() });
      expect((await get(id)).body.firstReplyAt).toBeNull();
      server.setNow(t2);
      expect((await reply(id, '明天上午派人来换。', staff)).body).toEqual({
        type: 'reply',
        actorName: '王晓梅',
        body: '明天上午派人来换。',
        at: t2.toISOString(),
      });
      server.setNow(t3);
      await reply(id, '已经换好了。', staff);
    } finally {
      server.setNow(null);
    }
    const after = (await get(id)).body;
    expect(after.firstReplyAt).toBe(t2.toISOString());
    expect(after.updatedAt).toBe(t3.toISOString());
    expect(after.events.filter((e: { type: string }) => e.type === 'reply').map((e: { actorName: string; body: string }) => [e.actorName, e.body])).toEqual([
      ['张桂兰', '还没有人回复我'],
      ['王晓梅', '明天上午派人来换。'],
      ['王晓梅', '已经换好了。'],
    ]);
  });

  it('tells the resident and whoever filed for them in WeChat of a staff reply, never of their own reply nor staff of theirs', async () => {
    await inWeChat('resident1', 'o-replies-resident1');
    await inWeChat('leader1', 'o-replies-leader1');
    const me = group1.residents.find((r) => r.name === '张桂兰')!;
    const id = await file(leader, { categoryCode: 'employment', description: '帮张桂兰问问保洁的活', onBehalfOfResidentId: me.id });
    expect(await progressMessages(id)).toEqual([]);
    await reply(id, '谢谢组长', resident);
    await reply(id, '我再补充一句', leader);
    expect(await progressMessages(id)).toEqual([]);
    const at = inMinutes(1);
    server.setNow(at);
    try {
      expect((await reply(id, '下周一带身份证来窗口登记。', staff)).status).toBe(201);
    } finally {
      server.setNow(null);
    }
    const title = (await get(id)).body.title as string;
    const words = {
      thing1: { value: title },
      phrase2: { value: '有新回复' },
      thing3: { value: '下周一带身份证来窗口登记。' },
      time4: { value: chinaMinute(at) },
    };
    expect((await progressMessages(id)).sort((a, b) => a.openid!.localeCompare(b.openid!))).toEqual([
      { openid: 'o-replies-leader1', data: words },
      { openid: 'o-replies-resident1', data: words },
    ]);
  });

  it('does not send staff a message about a request they filed at the window and then move along', async () => {
    await inWeChat('resident1', 'o-window-resident1');
    await inWeChat('staff', 'o-window-staff');
    const me = group1.residents.find((r) => r.name === '张桂兰')!;
    const id = await file(staff, { categoryCode: 'other', description: '窗口代填：咨询老年证', onBehalfOfResidentId: me.id });
    await setStatus(id, { status: 'accepted' });
    await reply(id, '老年证下周可以领。', staff);
    expect((await progressMessages(id)).map((m) => [m.openid, (m.data as { phrase2: { value: string } }).phrase2.value])).toEqual([
      ['o-window-resident1', '已受理'],
      ['o-window-resident1', '有新回复'],
    ]);
    // A move without a note tells the resident where to read more.
    expect((await progressMessages(id))[0]!.data).toMatchObject({ phrase2: { value: '已受理' }, thing3: { value: '请打开小程序查看详情' } });
  });

  it('checks a resident’s reply with WeChat and refuses risky text in words, posting nothing; staff replies are not checked', async () => {
    await server.request('POST', '/__wechat/test/content', { body: { text: '回复里的违禁词', suggest: 'risky' } });
    await server.request('POST', '/__wechat/test/content', { body: { text: '回复里的待审词', suggest: 'review' } });
    const code = (await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-replies-content' } })).body.code;
    const wx = (await server.request('POST', '/api/auth/wechat', { body: { code } })).body.token as string;
    const id = await file(wx, { categoryCode: 'other', description: '想问问公租房怎么申请' });
    expectProblem(await reply(id, '这是回复里的违禁词', wx), 422, 'CONTENT_REJECTED', '内容未通过安全检查，请修改后再提交。如有急事请直接到社区便民服务窗口。');
    expect((await get(id)).body.events.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    // Text WeChat would only have reviewed is posted.
    expect((await reply(id, '这是回复里的待审词', wx)).status).toBe(201);
    // Staff signed in with WeChat too: their words are not sent to the check.
    await inWeChat('staff', 'o-replies-staff');
    expect((await reply(id, '您说的回复里的违禁词我们记下了', staff)).status).toBe(201);
    expect((await get(id)).body.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'reply', 'reply']);
  });
});

describe('whose request it is', () => {
  it('marks a request as mine for its resident and for whoever filed it, not for staff handling it', async () => {
    const me = group1.residents.find((r) => r.name === '张桂兰')!;
    const own = await file(resident, { categoryCode: 'other', description: '自己提交的事' });
    const forMe = await file(leader, { categoryCode: 'employment', description: '组长代办的事', onBehalfOfResidentId: me.id });
    const mine = async (id: string, token: string) => (await get(id, token)).body.mine;
    expect([await mine(own, resident), await mine(own, staff)]).toEqual([true, false]);
    expect([await mine(forMe, resident), await mine(forMe, leader), await mine(forMe, staff)]).toEqual([true, true, false]);
    const listed = await server.request('GET', '/api/service-requests?limit=100', { token: resident });
    expect(listed.body.items.find((r: { id: string }) => r.id === forMe).mine).toBe(true);
  });

  it('names who filed a request only when it was filed on the resident’s behalf, with the words on the timeline', async () => {
    const me = group1.residents.find((r) => r.name === '张桂兰')!;
    const own = (await get(await file(resident, { categoryCode: 'other', description: '我自己来问' }), resident)).body;
    expect(own).not.toHaveProperty('filedByName');
    expect(own.events[0].type).toBe('submitted');
    expect(own.events[0]).not.toHaveProperty('body');
    const forMe = (await get(await file(leader, { categoryCode: 'employment', description: '帮忙问', onBehalfOfResidentId: me.id }), resident)).body;
    expect(forMe).toMatchObject({ onBehalf: true, filedByName: '李建国' });
    expect(forMe.events[0]).toMatchObject({ type: 'submitted', body: '李建国 代为提交' });
  });
});

describe('filing in words', () => {
  it('keeps the title as typed without its surrounding spaces, and counts both deadlines from the moment of filing', async () => {
    const at = inMinutes(3);
    server.setNow(at);
    let body: Record<string, string>;
    try {
      body = (
        await server.request('POST', '/api/service-requests', {
          token: resident,
          body: { categoryCode: 'other', title: '  路灯坏了  ', description: '三号楼门口' },
        })
      ).body;
    } finally {
      server.setNow(null);
    }
    const categories = (await server.request('GET', '/api/service-categories', { token: resident })).body.items as {
      code: string;
      slaAcceptHours: number;
      slaHours: number;
    }[];
    const other = categories.find((c) => c.code === 'other')!;
    expect(body).toMatchObject({
      title: '路灯坏了',
      createdAt: at.toISOString(),
      acceptDueAt: new Date(at.getTime() + other.slaAcceptHours * 3600_000).toISOString(),
      resolveDueAt: new Date(at.getTime() + other.slaHours * 3600_000).toISOString(),
    });
  });

  it('says why a leader may not file a sensitive matter for a neighbour, and that a resident it cannot find is not found', async () => {
    const me = group1.residents.find((r) => r.name === '张桂兰')!;
    const categories = (await server.request('GET', '/api/service-categories', { token: leader })).body.items as { code: string; sensitive: boolean }[];
    const sensitive = categories.find((c) => c.sensitive)!;
    expectProblem(
      await server.request('POST', '/api/service-requests', {
        token: leader,
        body: { categoryCode: sensitive.code, description: '帮邻居申请', onBehalfOfResidentId: me.id },
      }),
      403,
      'FORBIDDEN',
      '低保、优抚救济等事项涉及个人隐私，请陪同居民到社区便民服务窗口由工作人员办理。',
    );
    expectProblem(
      await server.request('POST', '/api/service-requests', {
        token: staff,
        body: { categoryCode: 'other', description: '窗口代填', onBehalfOfResidentId: '00000000-0000-4000-8000-000000000000' },
      }),
      404,
      'NOT_FOUND',
      '没有找到该居民，可能已被删除或您无权查看。',
    );
    expectProblem(
      await server.request('POST', '/api/service-requests', { token: resident, body: { categoryCode: 'no-such-matter', description: '随便问问' } }),
      400,
      'VALIDATION_FAILED',
      '请选择办事类别。',
    );
  });
});

describe('the spreadsheet of the queue', () => {
  it('writes every request past the first page, in China time, with 超时 on overdue ones and no deadline on finished ones', async () => {
    const person = await server.request('POST', '/api/residents', { token: staff, body: { name: '导出测试户', idNumber: newIdNumber(), groupId: group1.id } });
    expect(person.status, person.text).toBe(201);
    // 101 requests: one more than a page of the export's reading.
    const ids: string[] = [];
    for (let batch = 0; batch < 101; batch += 10) {
      const size = Math.min(10, 101 - batch);
      ids.push(
        ...(await Promise.all(
          Array.from({ length: size }, (_, i) =>
            file(staff, { categoryCode: 'other', description: `导出第${batch + i + 1}件`, onBehalfOfResidentId: person.body.id }),
          ),
        )),
      );
    }
    await setStatus(ids[0]!, { status: 'accepted' });
    await setStatus(ids[0]!, { status: 'resolved' });
    const other = ((await server.request('GET', '/api/service-categories', { token: staff })).body.items as { code: string; slaAcceptHours: number }[]).find(
      (c) => c.code === 'other',
    )!;
    // Later than every acceptance deadline: the open ones are all overdue then.
    server.setNow(new Date(Date.now() + (other.slaAcceptHours + 1) * 3600_000));
    let sheet: ExcelJS.Worksheet;
    try {
      const res = await fetch(`${server.url}/api/service-requests/export.xlsx?q=${encodeURIComponent('导出测试户')}`, {
        headers: { Authorization: `Bearer ${staff}` },
      });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      sheet = book.getWorksheet('办事申请')!;
    } finally {
      server.setNow(null);
    }
    const rows: { title: string; status: string; overdue: string; onBehalf: string; createdAt: string; dueAt: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = (i: number) => String(row.getCell(i).value ?? '');
      rows.push({ createdAt: cell(1), title: cell(3), status: cell(5), overdue: cell(6), onBehalf: cell(7), dueAt: cell(8) });
    });
    expect(rows).toHaveLength(101);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r.createdAt) && r.onBehalf === '是')).toBe(true);
    const finished = rows.filter((r) => r.status === '已办结');
    expect(finished).toEqual([expect.objectContaining({ overdue: '', dueAt: '' })]);
    const open = rows.filter((r) => r.status !== '已办结');
    expect(open).toHaveLength(100);
    expect(open.every((r) => r.overdue === '超时' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r.dueAt))).toBe(true);
  });
});
