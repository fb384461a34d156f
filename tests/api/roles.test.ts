import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities } from '../../db/schema/index.js';
import { sqlState } from '../../functions/_platform/pg-errors.js';
import { makeIdNumber } from '../../functions/residents/id-number.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
let groups: { id: string; name: string; leaderName?: string }[];
let newcomer: { id: string; token: string };
let other: { id: string; token: string };
let communityId: string;

async function register(phone: string, name: string) {
  const res = await server.request('POST', '/api/auth/register', { body: { phone, password: 'Neighbour2026', name } });
  return { id: res.body.account.id as string, token: res.body.token as string };
}

beforeAll(async () => {
  server = await startTestServer();
  // The demo staff member is made administrator of 八珠街社区 for these tests.
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  const [staff] = await server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
  communityId = community!.id;
  await server.db.insert(accountRoles).values({ accountId: staff!.id, communityId, role: 'admin' });
  admin = await server.login('staff', 'Staff#2026');
  groups = (await server.request('GET', '/api/groups', { token: admin })).body.items;
  newcomer = await register('13600001111', '陈新');
  other = await register('13600002222', '刘二');
});
afterAll(() => server.close());

const grant = (accountId: string, body: Record<string, unknown>, token = admin) => server.request('POST', `/api/accounts/${accountId}/roles`, { token, body });
const rolesOf = async (token: string) => (await server.request('GET', '/api/me', { token })).body.account.roles as { role: string; groupId?: string }[];

describe('finding accounts', () => {
  it('finds by part of the name, by exact username and by phone, with phones masked', async () => {
    const byName = await server.request('GET', `/api/accounts?q=${encodeURIComponent('建国')}`, { token: admin });
    expect(byName.body.items.map((a: { name: string }) => a.name)).toEqual(['李建国']);
    expect((await server.request('GET', '/api/accounts?q=leader1', { token: admin })).body.items).toHaveLength(1);
    const byPhone = await server.request('GET', '/api/accounts?q=13600001111', { token: admin });
    expect(byPhone.body.items).toEqual([expect.objectContaining({ name: '陈新', phone: '136****1111' })]);
    expect((await server.request('GET', '/api/accounts?q=', { token: admin })).status).toBe(400);
  });

  it('lists the community’s staff by role, for handing work over', async () => {
    const staffList = await server.request('GET', '/api/accounts?role=staff', { token: admin });
    expect(staffList.status).toBe(200);
    expect(staffList.body.items.map((a: { name: string }) => a.name)).toEqual(['王晓梅']);
    expect((await server.request('GET', '/api/accounts', { token: admin })).status).toBe(400);
  });

  it('is for administrators only', async () => {
    const resident = await server.login('resident1', 'Resident#2026');
    expect((await server.request('GET', '/api/accounts?q=x', { token: resident })).status).toBe(403);
    expect((await grant(newcomer.id, { role: 'staff' }, newcomer.token)).status).toBe(403);
  });
});

describe('granting and taking back roles', () => {
  it('appoints a group leader, who can then file on behalf of the group', async () => {
    const group2 = groups[1]!;
    const res = await grant(newcomer.id, { role: 'group_leader', groupId: group2.id });
    expect(res.status).toBe(201);
    expect(res.body.account.roles).toEqual(expect.arrayContaining([{ role: 'group_leader', communityId: expect.any(String), groupId: group2.id }]));
    const listed = (await server.request('GET', '/api/groups', { token: admin })).body.items.find((g: { id: string }) => g.id === group2.id);
    expect(listed.leaderName).toBe('陈新');
    const resident = await server.request('POST', '/api/residents', {
      token: admin,
      body: { name: '马奶奶', idNumber: makeIdNumber('621021', '19400202', '002'), groupId: group2.id },
    });
    expect(resident.status).toBe(201);
    const filed = await server.request('POST', '/api/service-requests', {
      token: newcomer.token,
      body: { categoryCode: 'sanitation', description: '代邻居报修', onBehalfOfResidentId: resident.body.id },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ onBehalf: true, residentName: '马奶奶' });
  });

  it('keeps one leader per group: naming a new one takes the role from the old', async () => {
    const group1 = groups[0]!;
    const leader = await server.login('leader1', 'Leader#2026');
    expect((await rolesOf(leader)).some((r) => r.role === 'group_leader' && r.groupId === group1.id)).toBe(true);
    expect((await grant(other.id, { role: 'group_leader', groupId: group1.id })).status).toBe(201);
    expect((await rolesOf(leader)).some((r) => r.role === 'group_leader')).toBe(false);
    expect((await server.request('GET', '/api/groups', { token: admin })).body.items[0].leaderName).toBe('刘二');
  });

  it('refuses a leader without a group, a group of another community and an account of another community', async () => {
    const noGroup = await grant(newcomer.id, { role: 'group_leader' });
    expect(noGroup.status).toBe(400);
    expect(noGroup.body.errors[0].path).toBe('body.groupId');
    const otherAdmin = await server.login('staff@other', 'Staff#2026');
    const foreignGroup = (await server.request('GET', '/api/groups', { token: otherAdmin })).body.items[0].id;
    expect((await grant(newcomer.id, { role: 'group_leader', groupId: foreignGroup })).status).toBe(400);
    const foreigner = (await server.request('GET', '/api/me', { token: otherAdmin })).body.account.id;
    expect((await grant(foreigner, { role: 'staff' })).status).toBe(404);
    expect((await grant(newcomer.id, { role: 'resident' })).status).toBe(400);
  });

  it('takes a role back, but never an administrator’s own admin role', async () => {
    expect((await grant(newcomer.id, { role: 'committee' })).status).toBe(201);
    expect((await rolesOf(newcomer.token)).map((r) => r.role)).toContain('committee');
    const back = await server.request('DELETE', `/api/accounts/${newcomer.id}/roles/committee`, { token: admin });
    expect(back.status).toBe(200);
    expect((await rolesOf(newcomer.token)).map((r) => r.role)).not.toContain('committee');
    const me = (await server.request('GET', '/api/me', { token: admin })).body.account.id;
    const self = await server.request('DELETE', `/api/accounts/${me}/roles/admin`, { token: admin });
    expect(self.status).toBe(409);
  });

  it('leaves exactly one leader when two appointments for one group race', async () => {
    const group3 = groups[2]!;
    const [a, b] = await Promise.all([
      grant(newcomer.id, { role: 'group_leader', groupId: group3.id }),
      grant(other.id, { role: 'group_leader', groupId: group3.id }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const leaders = await server.db
      .select({ accountId: accountRoles.accountId })
      .from(accountRoles)
      .where(and(eq(accountRoles.role, 'group_leader'), eq(accountRoles.groupId, group3.id)));
    expect(leaders).toHaveLength(1);
  });
});

describe('who leads a group: its role row, and nothing else', () => {
  const listed = async (groupId: string) =>
    (await server.request('GET', '/api/groups', { token: admin })).body.items.find((g: { id: string }) => g.id === groupId) as { leaderName?: string };
  const people = (groupId: string, token: string) => server.request('GET', `/api/groups/${groupId}/residents`, { token });

  it('shows and empowers a leader recorded as the role row alone, and removing the row takes both away', async () => {
    const group4 = groups[3]!;
    const leader = await register('13600003333', '赵组长');
    expect((await people(group4.id, leader.token)).status).toBe(403);
    // As the seed or a command-line tool would record it: the role row, no route in front.
    await server.db.insert(accountRoles).values({ accountId: leader.id, communityId, role: 'group_leader', groupId: group4.id });
    expect((await listed(group4.id)).leaderName).toBe('赵组长');
    expect((await people(group4.id, leader.token)).status).toBe(200);
    expect((await server.request('DELETE', `/api/accounts/${leader.id}/roles/group_leader`, { token: admin })).status).toBe(200);
    expect((await listed(group4.id)).leaderName).toBeUndefined();
    expect((await people(group4.id, leader.token)).status).toBe(403);
  });

  it('lets the database hold one leader per group, and no leader without a group', async () => {
    const group5 = groups[4]!;
    expect((await grant(newcomer.id, { role: 'group_leader', groupId: group5.id })).status).toBe(201);
    const second = await server.db
      .insert(accountRoles)
      .values({ accountId: other.id, communityId, role: 'group_leader', groupId: group5.id })
      .then(
        () => null,
        (e: unknown) => sqlState(e),
      );
    expect(second).toBe('23505');
    const groupless = await server.db
      .insert(accountRoles)
      .values({ accountId: other.id, communityId, role: 'group_leader' })
      .then(
        () => null,
        (e: unknown) => sqlState(e),
      );
    expect(groupless).toBe('23514');
    expect((await listed(group5.id)).leaderName).toBe('陈新');
  });
});
