import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber, register } from '../api/helpers.js';
import { a11yContext, axeViolations, CARE, customFindings, settle } from './a11y.js';
import { DEMO, startApp } from './app.js';
import { browserAvailability, confirmDialog, fill, go, screenshots, tap } from './browser.js';

const { run } = browserAvailability();

/**
 * 提名候选人 (API.md "Election lifecycle and the law"), at 375 px: a resident in 大字模式 nominates
 * a neighbour for director with a co-signer, who signs in 大字模式; the nominee accepts; after the
 * nominations close the committee fixes the director's 正式候选人 from the counts.
 */
describe.runIf(run)('journey: a voter nominates, another co-signs, the nominee accepts, the committee fixes the candidates', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let electionId: string;
  let staff: string;
  let resident: string;
  let cosigner: { token: string; residentId: string };
  let nominee: { token: string; residentId: string };
  const shot = screenshots('candidate-nominations');

  beforeAll(async () => {
    app = await startApp();
    const { server } = app;
    // 10:00 China time, 1 May 2027; the election on 31 May; nominations close at 00:00 on 24 May.
    server.setNow(new Date('2027-05-01T02:00:00Z'));
    staff = await server.login(DEMO.staff.username, DEMO.staff.password);
    resident = await server.login(DEMO.resident.username, DEMO.resident.password);
    const election = await server.request('POST', '/api/elections', {
      token: staff,
      body: { title: '八珠街社区第十二届居民委员会选举', electionDay: '2027-05-31', seats: { director: 1, deputyDirector: 1, members: 3 } },
    });
    expect(election.status, election.text).toBe(201);
    electionId = election.body.id;
    const groupId = (await server.request('GET', '/api/groups', { token: staff })).body.items[0].id as string;
    const voter = async (residentId: string) =>
      expect((await server.request('POST', `/api/elections/${electionId}/voters`, { token: staff, body: { residentId } })).status).toBe(201);
    const person = async (name: string) => {
      const account = await register(server, name);
      const claim = await server.request('POST', '/api/me/resident-claim', {
        token: account.token,
        body: { name, idNumber: newIdNumber('19620315'), groupId },
      });
      expect((await server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: staff })).status).toBe(200);
      await voter(claim.body.resident.id);
      return { token: account.token, residentId: claim.body.resident.id as string };
    };
    await voter((await server.request('GET', '/api/me', { token: resident })).body.resident.id);
    nominee = await person('韩秀英');
    cosigner = await person('马德明');
    const other = await person('赵玉兰');
    const otherNominator = await person('周志刚');
    const notice = await server.request('POST', '/api/notices', {
      token: staff,
      body: { category: 'election', kind: 'voter_list', electionId, title: '选民名单公告', body: '选民名单已张贴在社区公告栏。' },
    });
    expect(notice.status, notice.text).toBe(201);
    // A second director nominee, accepted: 差额 needs two.
    const made = await server.request('POST', `/api/elections/${electionId}/candidate-nominations`, {
      token: otherNominator.token,
      body: { nomineeResidentId: other.residentId, seat: 'director' },
    });
    expect(made.status, made.text).toBe(201);
    expect(
      (
        await server.request('POST', `/api/elections/${electionId}/candidate-nominations/${made.body.id}/answer`, {
          token: other.token,
          body: { accept: true },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('nominates with a co-signer in 大字模式, who signs; the nominee accepts; the committee fixes the director candidates', async () => {
    const residentContext = await a11yContext(app.browser, { width: 375, care: true, token: resident });
    const page = await residentContext.newPage();
    await go(page, app.server.url, '/pages/election/index');
    await page.locator('#election-candidate-nominations').filter({ visible: true }).click();
    await page.locator('#nominate-form').filter({ visible: true }).waitFor();
    await settle(page);
    await shot(page, 'resident-form');

    await tap(page, 'seat-director');
    await fill(page, 'nominee-name', '韩秀');
    await tap(page, 'nominee-name-search');
    await page.locator(`#nominee-name-pick-${nominee.residentId}`).filter({ visible: true }).click();
    await fill(page, 'cosigner-name', '马德');
    await tap(page, 'cosigner-name-search');
    await page.locator(`#cosigner-name-pick-${cosigner.residentId}`).filter({ visible: true }).click();
    await settle(page);
    await shot(page, 'resident-filled');
    await tap(page, 'nominate-submit');
    await confirmDialog(page);
    const done = page.locator('#nominate-done').filter({ visible: true });
    await done.waitFor();
    expect(await done.textContent()).toBe('已提交。请联名人在小程序里签名，签完后等被提名人答复。');
    await page.locator('#my-nominations').filter({ visible: true }).waitFor();
    await settle(page);
    await shot(page, 'resident-submitted');
    expect(await customFindings(page, CARE)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    const nid = (await app.server.request('GET', `/api/elections/${electionId}/candidate-nominations`, { token: resident })).body.items[0].id as string;

    // The co-signer, in 大字模式 too, signs.
    const cosignerContext = await a11yContext(app.browser, { width: 375, care: true, token: cosigner.token });
    const cp = await cosignerContext.newPage();
    await go(cp, app.server.url, '/candidate-nominations/index/index');
    await cp.locator(`#sign-${nid}`).filter({ visible: true }).waitFor();
    await settle(cp);
    await shot(cp, 'cosigner-asked');
    await tap(cp, `sign-${nid}`);
    await confirmDialog(cp);
    await expect.poll(async () => cp.locator(`#nomination-${nid}-status`).filter({ visible: true }).textContent()).toBe('状态：等被提名人答复');
    await shot(cp, 'cosigner-signed');
    expect(await customFindings(cp, CARE)).toEqual([]);

    // The nominee accepts.
    const nomineeContext = await a11yContext(app.browser, { width: 375, care: true, token: nominee.token });
    const np = await nomineeContext.newPage();
    await go(np, app.server.url, '/candidate-nominations/index/index');
    await np.locator(`#accept-${nid}`).filter({ visible: true }).waitFor();
    await settle(np);
    await shot(np, 'nominee-asked');
    await tap(np, `accept-${nid}`);
    await confirmDialog(np);
    await expect.poll(async () => np.locator(`#nomination-${nid}-status`).filter({ visible: true }).textContent()).toBe('状态：已接受');
    await np.locator(`#count-director-${nominee.residentId}`).filter({ visible: true }).waitFor();
    await shot(np, 'nominee-accepted');

    // Nominations have closed: the committee fixes the director's candidates.
    app.server.setNow(new Date('2027-05-24T02:00:00Z'));
    const committeeContext = await a11yContext(app.browser, { width: 375, care: false, token: staff });
    const desk = await committeeContext.newPage();
    await go(desk, app.server.url, `/candidate-nominations/committee/index?electionId=${electionId}`);
    await desk.locator('#seat-director').filter({ visible: true }).waitFor();
    await settle(desk);
    await shot(desk, 'committee-counts');
    await tap(desk, 'fix-director');
    await confirmDialog(desk);
    const fixed = desk.locator('#fixed-director').filter({ visible: true });
    await fixed.waitFor();
    expect(await fixed.textContent()).toContain('已确定主任正式候选人：');
    expect(await fixed.textContent()).toContain('韩秀英（1票）');
    expect(await fixed.textContent()).toContain('赵玉兰（1票）');
    await settle(desk);
    await shot(desk, 'committee-fixed');
    expect(await axeViolations(desk)).toEqual([]);
    const candidates = await app.server.request('GET', `/api/elections/${electionId}/candidates`, { token: staff });
    expect(candidates.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['赵玉兰', '韩秀英'].sort());
  });
});
