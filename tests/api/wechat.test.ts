import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_APPID, STAND_IN_SECRET } from '../../functions/_platform/wechat/stand-in.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The WeChat stand-in behaves like the documented server API, and the back end uses it as it would WeChat. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const wx = (path: string, body?: unknown) => server.request(body === undefined ? 'GET' : 'POST', `/__wechat${path}`, body === undefined ? {} : { body });
const stableToken = (force = false) =>
  wx('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: STAND_IN_APPID, secret: STAND_IN_SECRET, force_refresh: force });
const wechatAccount = async (openid: string) => {
  const { code } = (await wx('/test/login-code', { openid })).body;
  return (await server.request('POST', '/api/auth/wechat', { body: { code } })).body.token as string;
};

describe('access token', () => {
  it('is fetched once and shared by every call the back end makes', async () => {
    for (let i = 0; i < 3; i++) expect((await server.request('POST', '/api/auth/qr')).status).toBe(201);
    const token = await wechatAccount('o-shared-token');
    const { code } = (await wx('/test/phone-code', { phoneNumber: '13712345678' })).body;
    expect((await server.request('POST', '/api/auth/wechat/phone', { token, body: { code } })).status).toBe(200);
    const calls = (await wx('/test/calls')).body;
    expect(calls['/cgi-bin/stable_token']).toBe(1);
    expect(calls['/wxa/getwxacodeunlimit']).toBe(3);
  });

  it('stays the same token until a forced refresh, which WeChat allows 20 times a day', async () => {
    const a = (await stableToken()).body;
    const b = (await stableToken()).body;
    expect(b.access_token).toBe(a.access_token);
    expect(b.expires_in).toBeLessThanOrEqual(7200);
    let last: { errcode?: number } = {};
    for (let i = 0; i < 21; i++) last = (await stableToken(true)).body;
    expect(last.errcode).toBe(45009);
  });

  it('refuses a wrong secret with 40125', async () => {
    const res = await wx('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: STAND_IN_APPID, secret: 'nope' });
    expect(res.body.errcode).toBe(40125);
  });
});

describe('quotas', () => {
  it('answers 45009 past a quota, and the API says WeChat is unavailable instead of failing', async () => {
    await wx('/test/quota', { path: '/wxa/getwxacodeunlimit', limit: 0 });
    const qr = await server.request('POST', '/api/auth/qr');
    expect(qr.status).toBe(502);
    expect(qr.body.code).toBe('WECHAT_UNAVAILABLE');
    await wx('/test/quota', { path: '/sns/jscode2session', limit: 0 });
    const { code } = (await wx('/test/login-code', { openid: 'o-quota' })).body;
    const login = await server.request('POST', '/api/auth/wechat', { body: { code } });
    expect(login.status).toBe(502);
    expect(login.body.code).toBe('WECHAT_UNAVAILABLE');
    await wx('/test/quota', { path: '/sns/jscode2session', limit: 100 });
    await wx('/test/quota', { path: '/wxa/getwxacodeunlimit', limit: 100 });
  });

  it('counts a call against the quota only once its credential is accepted: wrong tokens and secrets spend nobody’s calls', async () => {
    await wx('/test/quota', { path: '/wxa/getwxacodeunlimit', limit: 2 });
    // A stranger hammers the path with a made-up token, and the token route with a wrong secret.
    for (let i = 0; i < 5; i++) {
      expect((await wx('/wxa/getwxacodeunlimit?access_token=stolen-guess', { scene: 'x' })).body.errcode).toBe(40001);
      expect((await wx('/wxa/getwxacodeunlimit', { scene: 'x' })).body.errcode).toBe(41001);
    }
    await wx('/test/quota', { path: '/cgi-bin/stable_token', limit: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await wx('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: STAND_IN_APPID, secret: 'nope' })).body.errcode).toBe(40125);
    }
    // The account's own calls still have their whole quota: one token, two QR codes, then 45009.
    const token = (await stableToken()).body.access_token as string;
    expect(token).toMatch(/^stand-in-token-/);
    expect((await stableToken()).body.errcode).toBe(45009);
    for (let i = 0; i < 2; i++) expect((await wx(`/wxa/getwxacodeunlimit?access_token=${token}`, { scene: 'x' })).status).toBe(200);
    expect((await wx(`/wxa/getwxacodeunlimit?access_token=${token}`, { scene: 'x' })).body.errcode).toBe(45009);
    await wx('/test/quota', { path: '/cgi-bin/stable_token', limit: 100_000 });
    await wx('/test/quota', { path: '/wxa/getwxacodeunlimit', limit: 5000 });
  });

  it('still files a resident’s request when the content check is over quota, flagged for staff', async () => {
    const token = await wechatAccount('o-content-quota');
    await wx('/test/quota', { path: '/wxa/msg_sec_check', limit: 0 });
    const res = await server.request('POST', '/api/service-requests', { token, body: { categoryCode: 'other', description: '内容检查超额时也要能提交' } });
    expect(res.status).toBe(201);
    expect(res.body.flagged).toBe(true);
    await wx('/test/quota', { path: '/wxa/msg_sec_check', limit: 100 });
  });
});

describe('subscribe messages', () => {
  const send = async (data: Record<string, { value: string }>, templateId = 'stand-in-notice-template', touser = 'o-sub') => {
    const token = (await stableToken()).body.access_token;
    return server.request('POST', `/__wechat/cgi-bin/message/subscribe/send?access_token=${token}`, {
      body: { touser, template_id: templateId, page: 'pages/home/index', data },
    });
  };

  it('delivers exactly one message per accepted authorisation (43101 after it is used)', async () => {
    expect((await send({ thing1: { value: '选民名单公告' } })).body.errcode).toBe(43101);
    await wx('/test/subscribe-accept', { openid: 'o-sub', templateId: 'stand-in-notice-template' });
    expect((await send({ thing1: { value: '选民名单公告' } })).body.errcode).toBe(0);
    expect((await send({ thing1: { value: '选民名单公告' } })).body.errcode).toBe(43101);
    const sent = (await wx('/test/messages?openid=o-sub')).body.items;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ templateId: 'stand-in-notice-template', data: { thing1: { value: '选民名单公告' } } });
  });

  it('refuses a thing value over 20 characters (47003) and an unknown template (40037) without using the credit', async () => {
    await wx('/test/subscribe-accept', { openid: 'o-sub', templateId: 'stand-in-notice-template' });
    const long = await send({ thing1: { value: '八珠街社区第一届居民委员会选举选民名单公告请查看' } });
    expect(long.body.errcode).toBe(47003);
    expect((await send({ thing1: { value: '公告' } }, 'no-such-template')).body.errcode).toBe(40037);
    expect((await send({ thing1: { value: '公告' } })).body.errcode).toBe(0);
  });

  it('refuses an expired or unknown access token (42001 / 40001)', async () => {
    const res = await server.request('POST', '/__wechat/cgi-bin/message/subscribe/send?access_token=forged', {
      body: { touser: 'o', template_id: 'stand-in-notice-template', data: {} },
    });
    expect(res.body.errcode).toBe(40001);
  });
});

describe('with a real AppID configured', () => {
  it('has no stand-in at all: every /__wechat path is a 404', async () => {
    const real = await startTestServer({ settings: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret', WECHAT_API_BASE: 'http://127.0.0.1:9' } });
    try {
      expect((await real.request('POST', '/__wechat/test/login-code', { body: { openid: 'x' } })).status).toBe(404);
      expect((await real.request('GET', '/__wechat/sns/jscode2session')).status).toBe(404);
      expect((await real.request('GET', '/api/health')).body.wechat).toBe('wechat');
      // WeChat unreachable: a clear 502, not a crash
      const login = await real.request('POST', '/api/auth/wechat', { body: { code: 'abc' } });
      expect(login.status).toBe(502);
      expect(login.body.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      await real.close();
    }
  });
});
