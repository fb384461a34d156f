import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities, outboxMessages, subscribeCredits } from '../../db/schema/index.js';
import { createServiceRequest } from '../../functions/service-requests/create.js';
import { rateServiceRequest } from '../../functions/service-requests/rate.js';
import { reopenServiceRequest } from '../../functions/service-requests/reopen.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectProblem, verbCtx } from './helpers.js';

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
