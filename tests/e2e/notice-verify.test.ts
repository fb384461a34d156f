import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yContext, axeViolations, CARE, customFindings, fullShot, NORMAL, settle } from './a11y.js';
import { DEMO, startApp } from './app.js';
import { browserAvailability, fill, go, screenshotDir } from './browser.js';

const { run } = browserAvailability();

/**
 * 公告核验 (API.md "Anchors"): a resident in front of the notice board, not signed in, types the
 * code printed on an election notice and reads whether the record still matches it. At 375 px,
 * normal and care mode (大字模式), by keyboard (the code, then Enter).
 */
describe.runIf(run)('journey: anyone checks the code printed on an election notice', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let notice: { id: string; title: string; anchor: { seq: number; code: string } };
  let staffToken: string;
  const dir = join(screenshotDir, 'notice-verify');

  beforeAll(async () => {
    app = await startApp();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { server } = app;
    staffToken = await server.login(DEMO.staff.username, DEMO.staff.password);
    const election = await server.request('POST', '/api/elections', {
      token: staffToken,
      body: { title: '八珠街社区第十二届居民委员会选举', electionDay: '2027-06-20', seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status, election.text).toBe(201);
    const published = await server.request('POST', '/api/notices', {
      token: staffToken,
      body: { category: 'election', kind: 'election_day', electionId: election.body.id, title: '八珠街社区选举日公告', body: '选举大会在社区广场举行。' },
    });
    expect(published.status, published.text).toBe(201);
    notice = published.body;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Types a code and presses Enter, as a keyboard user would; returns the answer's words. */
  async function check(page: Page, code: string): Promise<string> {
    await fill(page, 'verify-code', code);
    await page.locator('#verify-code input').filter({ visible: true }).press('Enter');
    const answer = page.locator('#verify-answer .verify-words').filter({ visible: true });
    await answer.waitFor();
    return (await answer.textContent()) ?? '';
  }

  for (const care of [false, true]) {
    const mode = care ? 'care' : 'normal';
    it(`answers 匹配 for the notice's code and 不匹配 for a wrong one, without signing in (${mode})`, async () => {
      const context = await a11yContext(app.browser, { width: 375, care });
      const page = await context.newPage();
      await go(page, app.server.url, '/notices/verify/index');
      await page.locator('#verify-code input').filter({ visible: true }).waitFor();
      await settle(page);
      expect(await page.locator('.verify-page .title').filter({ visible: true }).textContent()).toBe('公告核验');
      await fullShot(page, join(dir, `375-${mode}-empty.png`));

      const spaced = `${notice.anchor.code.slice(0, 5).toUpperCase()} ${notice.anchor.code.slice(5)}`;
      const yes = await check(page, spaced);
      expect(yes).toMatch(/^匹配：这是\d{4}年\d{1,2}月\d{1,2}日公布的“八珠街社区选举日公告”上的核验码，记录未被改动。$/);
      await settle(page);
      await fullShot(page, join(dir, `375-${mode}-match.png`));
      const limits = care ? CARE : NORMAL;
      expect(await customFindings(page, limits)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      const no = await check(page, '0123456789');
      expect(no).toBe('不匹配：没有找到这个核验码，或记录已被改动。请联系乡镇人民政府。');
      await settle(page);
      await fullShot(page, join(dir, `375-${mode}-mismatch.png`));

      await fill(page, 'verify-code', '12345');
      await page.locator('#verify-submit').filter({ visible: true }).click();
      await page.locator('#verify-code-error').filter({ visible: true }).waitFor();
      await fullShot(page, join(dir, `375-${mode}-malformed.png`));
      expect(await customFindings(page, limits)).toEqual([]);
      await context.close();
    });
  }

  it('is reached from the notice itself: 核验此公告 checks its code at once', async () => {
    const context = await a11yContext(app.browser, { width: 375, care: false, token: staffToken });
    const page = await context.newPage();
    await go(page, app.server.url, `/notices/detail/index?id=${notice.id}`);
    const anchorLine = page.locator('#notice-anchor').filter({ visible: true });
    await anchorLine.waitFor();
    expect(await anchorLine.textContent()).toContain(`核验码 ${notice.anchor.code}（第${notice.anchor.seq}条记录）`);
    await settle(page);
    await fullShot(page, join(dir, '375-normal-notice.png'));
    await page.locator('#notice-verify').filter({ visible: true }).click();
    const answer = page.locator('#verify-answer .verify-words').filter({ visible: true });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('匹配：这是');
    await context.close();
  });
});
