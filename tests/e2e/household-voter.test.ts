import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber } from '../api/helpers.js';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('an election by households: the committee names who votes for each household', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows each household without its voter, and names one with a tap', async () => {
    const shot = screenshots('h-household-voter');
    const server = app.server;
    const committee = await server.login(DEMO.staff.username, DEMO.staff.password);
    const groupId = (await server.request('GET', '/api/groups', { token: committee })).body.items[0].id as string;
    const day = new Date(Date.now() + 8 * 3_600_000 + 40 * 86_400_000).toISOString().slice(0, 10);
    const created = await server.request('POST', '/api/elections', {
      token: committee,
      body: { title: '八珠街社区第一届居民委员会选举', electionDay: day, seats: { director: 1, deputyDirector: 1, members: 3 }, mode: 'households' },
    });
    expect(created.status, created.text).toBe(201);
    const e = created.body.id as string;
    const ids: string[] = [];
    for (const name of ['户主甲', '家人乙']) {
      const r = await server.request('POST', '/api/residents', {
        token: committee,
        body: { name, idNumber: newIdNumber('19660101'), groupId, householdLabel: '东巷6号' },
      });
      ids.push(r.body.id);
      expect((await server.request('POST', `/api/elections/${e}/voters`, { token: committee, body: { residentId: r.body.id } })).status).toBe(201);
    }
    const ctx = await phoneContext(app.browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.staff);
    await go(page, server.url, '/election/households/index');
    await page.locator(`#name-voter-${ids[1]}`).waitFor();
    await shot(page, 'households-unnamed');
    await tap(page, `name-voter-${ids[1]}`);
    await expect.poll(() => text(page, `#household-voter-${ids[1]}`)).toContain('代表本户投票');
    expect(await page.locator(`#name-voter-${ids[0]}`).count()).toBe(1);
    await shot(page, 'households-named');
    const turnout = await server.request('GET', `/api/elections/${e}/turnout`, { token: committee });
    expect(turnout.body.registered).toBeGreaterThanOrEqual(1);
    await ctx.close();
  });
});
