import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accounts, communities } from '../../db/schema/index.js';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey (e): an administrator appoints a group leader', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
    // The demo staff member is this community's administrator for the journey.
    const [community] = await app.server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
    const [staff] = await app.server.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
    await app.server.db.insert(accountRoles).values({ accountId: staff!.id, communityId: community!.id, role: 'admin' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds a neighbour by phone and makes them leader of 第二居民小组', async () => {
    const shot = screenshots('e-people');
    const neighbour = await app.server.request('POST', '/api/auth/register', { body: { phone: '13500003333', password: 'Neighbour2026', name: '马小军' } });
    expect(neighbour.status).toBe(201);

    const ctx = await phoneContext(app.browser);
    const page = await ctx.newPage();
    await signIn(page, app.server.url, DEMO.staff);
    await tap(page, 'staff-entry');
    await tap(page, 'staff-people');
    await fill(page, 'people-q', '13500003333');
    await tap(page, 'people-search');
    const id = neighbour.body.account.id as string;
    await page.locator(`#person-${id}`).waitFor();
    expect(await text(page, `#person-${id}`)).toContain('135****3333');
    await tap(page, `role-${id}-group_leader`);
    const groups = (await app.server.request('GET', '/api/groups', { token: neighbour.body.token })).body.items;
    await tap(page, `group-${groups[1].id}`);
    await shot(page, 'choose-group');
    await tap(page, 'people-appoint');
    await expect.poll(() => text(page, '#people-notice')).toContain('第二居民小组组长');
    await shot(page, 'appointed');

    const after = (await app.server.request('GET', '/api/groups', { token: neighbour.body.token })).body.items;
    expect(after[1].leaderName).toBe('马小军');
    await ctx.close();
  });

  it('hands a 低保 request to the new colleague, who alone of the staff then sees it', async () => {
    const shot = screenshots('e-hand-over');
    const admin = await app.server.login(DEMO.staff.username, DEMO.staff.password);
    const colleague = await app.server.request('POST', '/api/auth/register', { body: { phone: '13500004444', password: 'Colleague2026', name: '窗口小刘' } });
    await app.server.request('POST', `/api/accounts/${colleague.body.account.id}/roles`, { token: admin, body: { role: 'staff' } });
    const resident = await app.server.login(DEMO.resident.username, DEMO.resident.password);
    const filed = await app.server.request('POST', '/api/service-requests', {
      token: resident,
      body: { categoryCode: 'minimum_living', description: '想申请低保，家里只有我一个人' },
    });
    expect(filed.status).toBe(201);

    const ctx = await phoneContext(app.browser);
    const page = await ctx.newPage();
    await signIn(page, app.server.url, DEMO.staff);
    await go(page, app.server.url, `/staff/request/index?id=${filed.body.id}`);
    await tap(page, `hand-to-${colleague.body.account.id}`);
    // Handing over asks first: the colleague may be the only one to see it afterwards
    await tap(page, 'modal-confirm');
    await expect.poll(() => text(page, '#staff-request-notice')).toBe('已交给窗口小刘办理。');
    await shot(page, 'handed-over');

    const asColleague = await app.server.request('GET', `/api/service-requests/${filed.body.id}`, { token: colleague.body.token });
    expect(asColleague.status).toBe(200);
    expect(asColleague.body.assignedToMe).toBe(true);
    await ctx.close();
  });
});
