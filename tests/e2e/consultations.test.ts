import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../api/helpers.js';
import { a11yContext, axeViolations, CARE, customFindings, type Finding, NORMAL } from './a11y.js';
import { startApp } from './app.js';
import { browserAvailability, confirmDialog, fill, go, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true });
const text = (page: Page, selector: string) => visible(page, selector).first().textContent();
/** The accessibility checks every page passes (axe-core and ./a11y.ts's sizes, names and roles), listed by page. */
const findings: Record<string, Finding[]> = {};
const check = async (page: Page, name: string, care: boolean) => {
  findings[name] = [...(await axeViolations(page)), ...(await customFindings(page, care ? CARE : NORMAL))];
};

/**
 * Journey (k) at 375 px: the committee sends the satisfaction consultation (回头看) from 工作台; an
 * elderly resident answers it in 大字模式 from 我的; the group leader opens 我的小组, sees who has
 * not answered and enters an answer at the door for a neighbour without a phone; the committee
 * reads the charts and each group's turnout, then writes its sections of the review report and
 * prints it.
 */
describe.runIf(run)('journey (k): a consultation answered in 大字模式 and at the door, its charts, the review report printed', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('committee sends the satisfaction template → resident answers in 大字模式 → leader enters one at the door → committee reads charts and prints the report', async () => {
    const shot = screenshots('k-consultations');
    const { server } = app;
    const staffToken = await server.login(DEMO.staff.username, DEMO.staff.password);
    // An election for the review report to be of.
    const day = new Date(Date.now() + 8 * 3_600_000 + 40 * 86_400_000).toISOString().slice(0, 10);
    const election = await server.request('POST', '/api/elections', {
      token: staffToken,
      body: { title: '第一届居委会选举', electionDay: day, seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status, election.text).toBe(201);

    // 1. The committee, from 工作台 → 征求意见 → 用满意度模板.
    const staffCtx = await a11yContext(app.browser, { width: 375, care: false, token: staffToken });
    const staff = await staffCtx.newPage();
    await go(staff, server.url, '/staff/index/index');
    await tap(staff, 'staff-consult');
    await tap(staff, 'consult-new-satisfaction');
    await expect.poll(() => staff.locator('#new-title input').filter({ visible: true }).inputValue()).toBe('社区工作满意度征求意见');
    await tap(staff, 'anon-yes');
    await shot(staff, 'committee-builds-from-template');
    await check(staff, 'new', false);
    await tap(staff, 'new-submit');
    expect(await text(staff, '.taro-modal__text')).toContain('全社区');
    await confirmDialog(staff);
    await visible(staff, '#results-turnout').waitFor();
    const id = (await server.request('GET', '/api/consultations', { token: staffToken })).body.items[0].id as string;

    // 2. An elderly resident in 大字模式, from 我的.
    const residentToken = await server.login(DEMO.resident1.username, DEMO.resident1.password);
    const residentCtx = await a11yContext(app.browser, { width: 375, care: true, token: residentToken });
    const resident = await residentCtx.newPage();
    await go(resident, server.url, '/pages/me/index');
    await tap(resident, 'me-consult');
    await tap(resident, `consult-answer-${id}`);
    await visible(resident, '#q-0-v-4').waitFor();
    await tap(resident, 'q-0-v-4');
    await tap(resident, 'q-1-v-5');
    await tap(resident, 'q-2-o-0');
    await tap(resident, 'q-3-o-1');
    await tap(resident, 'q-3-o-4');
    await fill(resident, 'q-4-text', '希望楼下多放几把椅子，老人走累了能歇歇。');
    await shot(resident, 'resident-answers-care');
    await check(resident, 'answer-care', true);
    await tap(resident, 'answer-submit');
    await expect.poll(() => text(resident, '#answer-done')).toContain('已提交，谢谢您');
    await shot(resident, 'resident-answered-care');

    // 3. The group leader: 我的 → 我的小组 → 征求意见 → 谁还没答 → 代填 for a neighbour.
    const leaderToken = await server.login(DEMO.leader1.username, DEMO.leader1.password);
    const leaderCtx = await a11yContext(app.browser, { width: 375, care: false, token: leaderToken });
    const leader = await leaderCtx.newPage();
    await go(leader, server.url, '/pages/me/index');
    await tap(leader, 'me-group');
    await tap(leader, 'group-consult-entry');
    await tap(leader, `consult-turnout-${id}`);
    await visible(leader, '[id^="enter-for-"]').first().waitFor();
    const waiting = (await server.request('GET', `/api/consultations/${id}/turnout`, { token: leaderToken })).body.groups[0];
    expect(waiting.answered).toBe(1);
    const neighbour = waiting.waiting.find((p: { name: string }) => p.name !== '李建国') as { residentId: string; name: string };
    await shot(leader, 'leader-sees-who-to-visit');
    await check(leader, 'turnout', false);
    await tap(leader, `enter-for-${neighbour.residentId}`);
    await visible(leader, '#answer-for').waitFor();
    expect(await text(leader, '#answer-for')).toContain(neighbour.name);
    await tap(leader, 'q-0-v-3');
    await tap(leader, 'q-1-v-4');
    await tap(leader, 'q-2-o-1');
    await shot(leader, 'leader-enters-at-the-door');
    await tap(leader, 'answer-submit');
    await expect.poll(() => text(leader, '#answer-done')).toContain(`已替${neighbour.name}提交（记为代填）`);
    await shot(leader, 'leader-entered');

    // 4. The committee reads the charts and each group's turnout.
    await go(staff, server.url, `/consult/results/index?id=${id}`);
    await staff.reload();
    await expect.poll(() => text(staff, '#results-turnout')).toMatch(/^2 \/ \d+ 人$/);
    expect(await text(staff, '#chart-0-3')).toContain('1 票');
    expect(await text(staff, '#chart-4')).toContain('老人走累了能歇歇');
    // Answers by group: the first group's scale means and most chosen answers.
    expect(await text(staff, '[id$="-answers"]')).toContain('第1题平均3.5分');
    await shot(staff, 'committee-reads-charts');
    await check(staff, 'results', false);

    // 5. The review report: the committee writes its sections and prints it on A4.
    await go(staff, server.url, `/consult/review/index?electionId=${election.body.id}`);
    await staff.reload();
    await visible(staff, '#review-title').waitFor();
    expect(await text(staff, '#fig-consultations')).toContain('1次');
    await check(staff, 'review', false);
    await fill(staff, 'own-experience', '入户登记做得扎实，老人由组长上门代填。');
    await fill(staff, 'own-shortcomings', '选民名单公布偏晚，下次提前一周。');
    await fill(staff, 'own-highlights', '满意度征求意见不记名，回答的人多。');
    await tap(staff, 'own-save');
    await expect.poll(() => text(staff, '#review-own')).toContain('入户登记做得扎实');
    await shot(staff, 'review-report');
    await staff.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await tap(staff, 'review-print');
    expect(await staff.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // As it prints: A4's width (210 mm at 96 dpi), the buttons gone, the toast faded.
    await staff.waitForTimeout(2000);
    await staff.setViewportSize({ width: 794, height: 1123 });
    await staff.emulateMedia({ media: 'print' });
    expect(await visible(staff, '#review-print').count()).toBe(0);
    await shot(staff, 'review-report-print-a4');
    const pdf = await staff.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await staff.emulateMedia({ media: 'screen' });
    await staff.setViewportSize({ width: 375, height: 800 });
    // The list, as the resident in 大字模式 sees it.
    await go(resident, server.url, '/consult/list/index');
    await resident.reload();
    await visible(resident, `#consult-answer-${id}`).waitFor();
    await check(resident, 'list-care', true);
    // Coming back to an anonymous consultation: answered, the old choices not shown (nobody keeps them with her name).
    expect(await text(resident, `#consult-answer-${id}`)).toContain('已回答');
    await tap(resident, `consult-answer-${id}`);
    await visible(resident, '#answer-anonymous-answered').waitFor();
    await shot(resident, 'resident-comes-back-care');
    expect(findings).toEqual({ new: [], 'answer-care': [], turnout: [], results: [], review: [], 'list-care': [] });
  });
});
