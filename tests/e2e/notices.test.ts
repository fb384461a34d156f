import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, startApp } from './app.js';
import { browserAvailability, fill, go, phoneContext, screenshots, tap } from './browser.js';

const { run } = browserAvailability();
const SECRET = 'cron-secret-for-tests-0123456789';
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe.runIf(run)('journey: a scheduled notice reaches its subscribers', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp({ settings: { CRON_SECRET: SECRET } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('staff schedule a notice → it appears at its time → the subscriber’s WeChat message is sent → the report shows it', async () => {
    const shot = screenshots('notices');
    const { server } = app;
    // 09:00 China time on 1 December; the notice is set for 09:30.
    const t0 = new Date('2026-12-01T01:00:00Z');
    server.setNow(t0);
    const title = '十二月二日停水检修通知';

    // A resident on WeChat follows 社区公告 and has tapped 允许 once (one message).
    const openid = 'o-e2e-notice-subscriber';
    const wx = (path: string, body: unknown) => server.request('POST', `/__wechat${path}`, { body });
    const { code } = (await wx('/test/login-code', { openid })).body;
    const wechatToken = (await server.request('POST', '/api/auth/wechat', { body: { code } })).body.token;
    await server.request('PUT', '/api/subscriptions', { token: wechatToken, body: { categories: ['community'] } });
    await wx('/test/subscribe-accept', { openid, templateId: 'stand-in-notice-template' });
    await server.request('POST', '/api/subscriptions/grants', { token: wechatToken, body: { results: { 'stand-in-notice-template': 'accept' } } });

    // Staff write, preview and schedule it
    const staff = await (await phoneContext(app.browser)).newPage();
    await signIn(staff, server.url, DEMO.staff);
    await tap(staff, 'staff-entry');
    await tap(staff, 'staff-compose-notice');
    await fill(staff, 'compose-title', title);
    await fill(staff, 'compose-body', '12月2日上午9点至12点，椿树庄安置点停水检修，请提前储水。');
    await tap(staff, 'compose-later');
    await fill(staff, 'compose-date', '2026-12-01');
    await fill(staff, 'compose-time', '09:30');
    await tap(staff, 'compose-preview');
    await staff.locator('#compose-preview-card').waitFor();
    expect(await text(staff, '#compose-preview-card')).toContain('2026-12-01 09:30');
    await shot(staff, 'compose-preview');
    await tap(staff, 'compose-submit');
    await expect.poll(() => text(staff, '#compose-done')).toContain('2026-12-01 09:30');
    await shot(staff, 'scheduled');
    await staff.locator('#report-pending').waitFor();
    const id = new URL(staff.url().replace('/#/', '/')).searchParams.get('id');
    expect(id).toBeTruthy();

    // Before its time residents do not see it
    const resident = await (await phoneContext(app.browser)).newPage();
    await signIn(resident, server.url, DEMO.resident);
    await go(resident, server.url, '/notices/list/index');
    await resident.locator('.page').first().waitFor();
    await resident.waitForTimeout(500);
    expect(await resident.locator(`#notice-${id}`).count()).toBe(0);
    await shot(resident, 'before-its-time');

    // 09:31: the cron worker publishes it and sends the messages
    server.setNow(new Date(t0.getTime() + 31 * 60_000));
    const cron = await server.request('GET', '/api/cron/deliveries', { headers: { Authorization: `Bearer ${SECRET}` } });
    expect(cron.body).toMatchObject({ published: 1, sent: 1 });

    await go(resident, server.url, '/pages/home/index');
    await resident.locator(`#notice-${id}`).waitFor();
    expect(await text(resident, `#notice-${id}`)).toContain('未读');
    await shot(resident, 'home-latest-notice');
    await tap(resident, `notice-${id}`);
    await expect.poll(() => text(resident, '#notice-title')).toBe(title);
    await shot(resident, 'notice-detail');

    // The subscriber's message is in the stand-in's sent log
    const sent = (await server.request('GET', `/__wechat/test/messages?openid=${openid}`)).body.items;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ templateId: 'stand-in-notice-template', page: `notices/detail/index?id=${id}` });
    expect(sent[0].data.thing1.value).toBe(title);

    // The staff report shows it; resident1 (no WeChat) is listed to be told in person
    await go(staff, server.url, `/notices/report/index?id=${id}`);
    await expect.poll(() => text(staff, '#report-sent')).toBe('已送达 1 人');
    // resident1 does not follow 社区公告: listed to be told in person
    await staff.getByText('第一居民小组 · 张桂兰（没有订阅）').waitFor();
    await shot(staff, 'report');

    // The group leader's list of their group's residents it did not reach
    const leader = await (await phoneContext(app.browser)).newPage();
    await signIn(leader, server.url, DEMO.leader);
    await go(leader, server.url, `/notices/detail/index?id=${id}`);
    await tap(leader, 'notice-not-reached');
    await expect.poll(() => text(leader, '#not-reached-count')).toContain('第一居民小组');
    // Each person with why and the house to go to (张桂兰 is in no household yet).
    const zhang = leader.locator('.card[id^="not-reached-"]').filter({ hasText: '张桂兰' }).filter({ hasText: '没有订阅' });
    await zhang.first().waitFor();
    await shot(leader, 'leader-not-reached');

    // Subscription settings in the browser: credits shown, and why H5 cannot ask WeChat
    await go(resident, server.url, '/notices/settings/index');
    await resident.locator('#messages-unsupported').waitFor();
    expect(await text(resident, '#credits-notice')).toContain('现在有公告时不会通知您');
    await tap(resident, 'follow-community');
    await expect.poll(() => text(resident, '#follow-community')).toContain('已订阅');
    await shot(resident, 'settings-h5');
    server.setNow(null);
  });
});
