import { describe, expect, it } from 'vitest';
import { parseSettings, publicOrigin, SettingsError } from '../../functions/_platform/env.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db.example/bz',
  AUTH_SECRET: 'a'.repeat(40),
  DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'secret',
  PUBLIC_URL: 'https://bazhu.example.cn',
};

describe('settings', () => {
  it('start with no settings at all: embedded database, stand-in, port 3000', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({ PORT: 3000, DATA_DIR: '.data', TRUST_PROXY: false });
    expect(s.DATABASE_URL).toBeUndefined();
    expect(s.WECHAT_APPID).toBeUndefined();
  });

  it('fail at start naming each bad variable', () => {
    expect(() => parseSettings({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DATA_KEY: 'short' })).toThrow(SettingsError);
    try {
      parseSettings({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DATA_KEY: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/DATA_KEY/);
    }
  });

  it('require the secrets, the database and a real WeChat AppID in production', () => {
    expect(() => parseSettings(production)).not.toThrow();
    for (const key of ['AUTH_SECRET', 'DATA_KEY', 'DATABASE_URL', 'PUBLIC_URL', 'WECHAT_APPID'] as const) {
      const { [key]: _, ...rest } = production;
      expect(() => parseSettings(rest), key).toThrow(new RegExp(key));
    }
  });

  it('take the public address printed in QR codes as scheme and host only, and the address to listen on', () => {
    expect(publicOrigin(parseSettings({ PUBLIC_URL: 'https://bazhu.example.cn/' }))).toBe('https://bazhu.example.cn');
    expect(publicOrigin(parseSettings({ PORT: '8080' }))).toBe('http://localhost:8080');
    expect(() => parseSettings({ PUBLIC_URL: 'https://bazhu.example.cn/app' })).toThrow(/PUBLIC_URL/);
    expect(() => parseSettings({ PUBLIC_URL: 'bazhu.example.cn' })).toThrow(/PUBLIC_URL/);
    expect(parseSettings({}).HOST).toBe('0.0.0.0');
    expect(parseSettings({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
  });

  it('allow the stand-in in production only when a demo deployment names it', () => {
    const { WECHAT_APPID: _a, WECHAT_SECRET: _s, ...demo } = production;
    expect(() => parseSettings({ ...demo, WECHAT_STAND_IN: '1' })).not.toThrow();
  });

  it('want the secret with the AppID, and believe X-Forwarded-For on Vercel by itself', () => {
    expect(() => parseSettings({ WECHAT_APPID: 'wx1' })).toThrow(/WECHAT_SECRET/);
    expect(parseSettings({ VERCEL: '1' }).TRUST_PROXY).toBe(true);
    expect(parseSettings({ VERCEL: '1', TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
  });
});
