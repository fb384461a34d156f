import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { DEMO, newIdNumber } from './helpers.js';

/** The stand-in's template ids and the delivery run's secret, as the notice suites configure them. */
export const CRON_SECRET = 'cron-secret-for-tests-0123456789';
export const NOTICE_TEMPLATE = 'stand-in-notice-template';
export const SERVICE_TEMPLATE = 'stand-in-service-template';

/**
 * The world of the notice suites: a test server whose deliveries run only when a test calls the
 * cron route, the demo staff, group leader and resident signed in, and the helpers that act as a
 * WeChat user and as the scheduler. `start` goes in beforeAll, `close` in afterAll; the helpers
 * are arrow properties, so a suite may take them apart before `start` has run.
 */
export class NoticeWorld {
  server!: TestServer;
  staff!: string;
  leader!: string;
  resident1!: string;
  staffOther!: string;
  groups!: { id: string; name: string }[];

  async start(now: Date, settings: Record<string, string> = {}) {
    this.server = await startTestServer({ settings: { CRON_SECRET, OUTBOX_KICK: '0', ...settings } });
    this.server.setNow(now);
    [this.staff, this.leader, this.resident1, this.staffOther] = await Promise.all([
      this.server.login(DEMO.staff.username, DEMO.staff.password),
      this.server.login(DEMO.leader1.username, DEMO.leader1.password),
      this.server.login(DEMO.resident1.username, DEMO.resident1.password),
      this.server.login(DEMO.staffOther.username, DEMO.staffOther.password),
    ]);
    this.groups = (await this.server.request('GET', '/api/groups', { token: this.staff })).body.items;
  }

  close = () => this.server.close();

  /** The WeChat stand-in's own routes (login codes, accepted subscriptions, sent messages). */
  wx = (path: string, body?: unknown) => this.server.request(body === undefined ? 'GET' : 'POST', `/__wechat${path}`, body === undefined ? {} : { body });
  /** One delivery run, as Vercel's scheduler calls it. */
  cron = () => this.server.request('GET', '/api/cron/deliveries', { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  publish = (body: Record<string, unknown>, token = this.staff) => this.server.request('POST', '/api/notices', { token, body });
  /** Every subscribe message WeChat holds for one openid. */
  messagesTo = async (openid: string) =>
    (await this.wx(`/test/messages?openid=${openid}`)).body.items as { templateId: string; data: Record<string, { value: string }>; page: string }[];
  subscribe = (token: string, categories: string[]) => this.server.request('PUT', '/api/subscriptions', { token, body: { categories } });
  credits = async (token: string) => (await this.server.request('GET', '/api/subscriptions', { token })).body.credits as Record<string, number>;

  /** A verified resident of a group who signs in with WeChat (openid known to the stand-in). */
  wechatResident = async (name: string, groupId = this.groups[0]!.id) => {
    const openid = `o-${randomUUID()}`;
    const { code } = (await this.wx('/test/login-code', { openid })).body;
    const login = await this.server.request('POST', '/api/auth/wechat', { body: { code } });
    const token = login.body.token as string;
    const claim = await this.server.request('POST', '/api/me/resident-claim', { token, body: { name, idNumber: newIdNumber(), groupId } });
    expect(claim.status, claim.text).toBe(201);
    const verified = await this.server.request('POST', `/api/residents/${claim.body.resident.id}/verify`, { token: this.staff });
    expect(verified.status, verified.text).toBe(200);
    return { token, openid, accountId: login.body.account.id as string, residentId: claim.body.resident.id as string, name };
  };

  /** The user tapped 允许 in wx.requestSubscribeMessage `times` times: WeChat holds the credits, the app reports them. */
  grant = async (person: { token: string; openid: string }, templateId = NOTICE_TEMPLATE, times = 1) => {
    let credits: Record<string, number> = {};
    for (let i = 0; i < times; i++) {
      await this.wx('/test/subscribe-accept', { openid: person.openid, templateId });
      const res = await this.server.request('POST', '/api/subscriptions/grants', { token: person.token, body: { results: { [templateId]: 'accept' } } });
      expect(res.status, res.text).toBe(200);
      credits = res.body.credits;
    }
    return credits;
  };
}
