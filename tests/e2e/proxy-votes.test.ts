import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, confirmDialog, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
/** A China-time date some days ahead, so proxy applications are still open. */
const daysAhead = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe.runIf(run)('journey (p): a proxy vote across three accounts', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let electionId: string;
  let leaderResidentId: string;
  beforeAll(async () => {
    app = await startApp();
    const { server } = app;
    const [staff, resident, leader] = await Promise.all([
      server.login(DEMO.staff.username, DEMO.staff.password),
      server.login(DEMO.resident.username, DEMO.resident.password),
      server.login(DEMO.leader.username, DEMO.leader.password),
    ]);
    const election = await server.request('POST', '/api/elections', {
      token: staff,
      body: { title: '八珠街社区第一届居民委员会选举', electionDay: daysAhead(20), seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status).toBe(201);
    electionId = election.body.id;
    const ids = await Promise.all([resident, leader].map(async (token) => (await server.request('GET', '/api/me', { token })).body.resident.id as string));
    leaderResidentId = ids[1]!;
    for (const residentId of ids)
      expect((await server.request('POST', `/api/elections/${electionId}/voters`, { token: staff, body: { residentId } })).status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the applicant applies, the proxy consents, the committee approves, both see 已批准 and the 委托书 carries its QR code', async () => {
    const shot = screenshots('p-proxy-votes');
    const url = app.server.url;

    // 张桂兰 (resident1) cannot come on election day and entrusts 李建国 (leader1), found by name
    const applicantCtx = await phoneContext(app.browser);
    const applicant = await applicantCtx.newPage();
    await signIn(applicant, url, DEMO.resident);
    await go(applicant, url, '/proxy/index/index');
    await applicant.locator('#proxy-apply').waitFor();
    await shot(applicant, 'applicant-home');
    await tap(applicant, 'proxy-apply');
    await fill(applicant, 'proxy-name', '李建');
    await tap(applicant, 'proxy-search');
    await applicant.locator(`#pick-${leaderResidentId}`).waitFor();
    expect(await text(applicant, `#pick-${leaderResidentId}`)).toBe('李建国（第一居民小组）');
    await shot(applicant, 'proxy-found');
    await tap(applicant, `pick-${leaderResidentId}`);
    await fill(applicant, 'proxy-reason', '腿脚不便，选举日去不了投票站');
    await shot(applicant, 'apply-filled');
    await tap(applicant, 'apply-submit');
    await applicant.locator('[id^="mine-status-"]').waitFor();
    const pid = (await applicant.locator('[id^="mine-status-"]').first().getAttribute('id'))!.replace('mine-status-', '');
    expect(await text(applicant, `#mine-status-${pid}`)).toBe('等对方同意替您投票');
    expect(await text(applicant, `#mine-${pid}`)).toContain('请告诉李建国');
    await shot(applicant, 'applied');

    // 李建国 sees it under 待我确认 and agrees
    const proxyCtx = await phoneContext(app.browser);
    const proxy = await proxyCtx.newPage();
    await signIn(proxy, url, DEMO.leader);
    await go(proxy, url, '/proxy/index/index');
    await proxy.locator(`#confirm-${pid}`).waitFor();
    expect(await text(proxy, `#confirm-${pid}`)).toContain('张桂兰（第一居民小组）请您替她投票');
    await shot(proxy, 'proxy-to-confirm');
    await tap(proxy, `accept-${pid}`);
    await expect.poll(() => text(proxy, `#held-status-${pid}`)).toBe('等选举委员会审批');
    await shot(proxy, 'proxy-consented');

    // The committee sees every rule checked and approves
    const staffCtx = await phoneContext(app.browser);
    const staff = await staffCtx.newPage();
    await signIn(staff, url, DEMO.staff);
    await go(staff, url, '/proxy/index/index');
    await tap(staff, 'proxy-queue');
    await staff.locator(`#queue-${pid}`).waitFor();
    expect(await text(staff, `#check-${pid}-proxyLimit`)).toContain('✓');
    expect(await text(staff, `#check-${pid}-proxyVoter`)).toContain('受托人在选民名单上');
    await shot(staff, 'committee-queue');
    await tap(staff, `approve-${pid}`);
    await confirmDialog(staff);
    await expect.poll(() => text(staff, '#queue-done')).toContain('已批准');
    await tap(staff, 'filter-approved');
    await expect.poll(() => text(staff, `#queue-status-${pid}`)).toBe('已批准');
    await shot(staff, 'committee-approved');
    // The approved list goes up as a proxy_list notice
    await tap(staff, 'proxies-publish');
    await staff.getByText('公布', { exact: true }).click();
    await expect.poll(() => text(staff, '#queue-done')).toContain('已发布公告');
    await shot(staff, 'committee-published');

    // Both see 已批准
    await applicant.reload();
    await expect.poll(() => text(applicant, `#mine-status-${pid}`)).toBe('已批准');
    await shot(applicant, 'applicant-approved');
    await proxy.reload();
    await expect.poll(() => text(proxy, `#held-status-${pid}`)).toBe('已批准');
    await shot(proxy, 'proxy-approved');

    // The printable 委托书: both names, the election, the approval and the QR code
    await tap(applicant, `letter-${pid}`);
    await applicant.locator('#letter-qr img').waitFor();
    const body = await text(applicant, '#proxy-letter');
    for (const words of ['委托投票书', '张桂兰（第一居民小组）', '李建国（第一居民小组）', '八珠街社区第一届居民委员会选举', '已批准'])
      expect(body).toContain(words);
    const qr = applicant.locator('#letter-qr img');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The QR code encodes this application's verification page.
    const verifyRoute = `/proxy/verify/index?electionId=${electionId}&id=${pid}`;
    const expected = await QRCode.toString(`${url}/#${verifyRoute}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    expect(decodeURIComponent((await qr.getAttribute('src'))!.replace('data:image/svg+xml;charset=utf-8,', ''))).toBe(expected);
    await shot(applicant, 'letter');
    await applicant.emulateMedia({ media: 'print' });
    expect(await applicant.locator('#letter-print').isVisible()).toBe(false);
    await shot(applicant, 'letter-print');
    await applicant.emulateMedia({ media: 'screen' });

    // A polling station official scans it: the verification says the entrustment is valid
    await go(staff, url, verifyRoute);
    await expect.poll(() => text(staff, '#verify-status')).toBe('✓ 委托有效：已批准');
    await shot(staff, 'verified');
  });
});
