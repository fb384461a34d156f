import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, go, phoneContext, tap } from './browser.js';

const { run } = browserAvailability();

/** The titles the notice list shows, top to bottom (Taro's H5 router keeps earlier pages in the document, hidden). */
const shownTitles = (page: Page) =>
  page
    .locator('.notice-item')
    .filter({ visible: true })
    .evaluateAll((items) => items.map((b) => (b.textContent ?? '').replace('【未读】', '').trim()));

/**
 * A list read a page at a time (the notice list; my requests, the staff queue, 入户登记 and 我的小组
 * page the same way): the next page is added under the first, and a filter starts the list afresh.
 */
describe.runIf(run)('paged lists', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds the next page under the first with 看更早的公告, and a category starts the list afresh', async () => {
    const { server } = app;
    const staff = await server.login(DEMO.staff.username, DEMO.staff.password);
    const resident = await server.login(DEMO.resident.username, DEMO.resident.password);
    // More than two pages of 20 in all, a few of them 办事通知.
    for (let i = 1; i <= 41; i++) {
      const category = i % 10 === 0 ? 'service' : 'community';
      const res = await server.request('POST', '/api/notices', { token: staff, body: { category, title: `分页测试公告${i}`, body: '……' } });
      expect(res.status).toBe(201);
    }
    const all = async (category?: string) => {
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const q = new URLSearchParams({ limit: '100', ...(category ? { category } : {}), ...(cursor ? { cursor } : {}) });
        const page = await server.request('GET', `/api/notices?${q}`, { token: resident });
        titles.push(...page.body.items.map((n: { title: string }) => n.title));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      return titles;
    };
    const everything = await all();
    const service = await all('service');
    expect(everything.length).toBeGreaterThan(40);

    const page = await (await phoneContext(app.browser)).newPage();
    await signIn(page, server.url, DEMO.resident);
    await go(page, server.url, '/notices/list/index');
    await expect.poll(() => shownTitles(page)).toEqual(everything.slice(0, 20));

    await tap(page, 'notices-more');
    await expect.poll(() => shownTitles(page)).toEqual(everything.slice(0, 40));
    await tap(page, 'notices-more');
    await expect.poll(() => shownTitles(page)).toEqual(everything.slice(0, 60));
    expect(await page.locator('#notices-more').count()).toBe(everything.length > 60 ? 1 : 0);

    // A category: its own notices from the top, not added to what was shown.
    await tap(page, 'notice-filter-service');
    await expect.poll(() => shownTitles(page)).toEqual(service.slice(0, 20));
    await tap(page, 'notice-filter-all');
    await expect.poll(() => shownTitles(page)).toEqual(everything.slice(0, 20));
  });
});
