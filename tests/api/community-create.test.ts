import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunity } from '../../functions/community/create-community.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('a new community joins', () => {
  it('gets its groups, the window categories and a first administrator who signs in to it', async () => {
    const made = await createCommunity(server.db, {
      slug: 'chunshu',
      name: '椿树庄社区',
      region: '甘肃省八珠乡',
      groups: ['第一居民小组', '第二居民小组', '第三居民小组'],
      admin: { username: 'chunshu-admin', name: '周主任', password: 'Chunshu2026' },
    });
    const token = await server.login('chunshu-admin', 'Chunshu2026');
    // No household or population figures were given: the community says none rather than 0.
    expect((await server.request('GET', '/api/community', { token })).body).toEqual({ id: made.communityId, name: '椿树庄社区', region: '甘肃省八珠乡' });
    const groups = (await server.request('GET', '/api/groups', { token })).body.items as { id: string; name: string }[];
    expect(groups.map((g) => g.name)).toEqual(['第一居民小组', '第二居民小组', '第三居民小组']);
    expect(made.groups).toEqual(groups.map(({ id, name }) => ({ id, name })));
    expect((await server.request('GET', '/api/service-categories', { token })).body.items).toHaveLength(12);
    const me = (await server.request('GET', '/api/me', { token })).body.account;
    expect(me.id).toBe(made.adminAccountId);
    expect(me.roles.map((r: { role: string }) => r.role).sort()).toEqual(['admin', 'committee', 'staff']);
    // its staff queue starts empty: nothing of 八珠街社区 shows through
    expect((await server.request('GET', '/api/service-requests', { token })).body.items).toEqual([]);
    expect((await server.request('GET', '/api/residents', { token })).body.items).toEqual([]);
  });

  it('shows the household and population figures it was given', async () => {
    const made = await createCommunity(server.db, {
      slug: 'yangliu',
      name: '杨柳湾社区',
      region: '甘肃省八珠乡',
      households: 120,
      population: 486,
      groups: ['第一居民小组'],
      admin: { username: 'yangliu-admin', name: '孙主任', password: 'Yangliu2026' },
    });
    const token = await server.login('yangliu-admin', 'Yangliu2026');
    expect((await server.request('GET', '/api/community', { token })).body).toEqual({
      id: made.communityId,
      name: '杨柳湾社区',
      region: '甘肃省八珠乡',
      households: 120,
      population: 486,
    });
  });

  it('refuses a bad slug, no groups or a weak admin password, and writes nothing', async () => {
    const base = {
      slug: 'ok-slug',
      name: '测试社区',
      region: '甘肃省',
      groups: ['第一居民小组'],
      admin: { username: 'x-admin', name: '某某', password: 'Strong2026' },
    };
    for (const slug of ['Not OK', 'ok-slug!', '!ok-slug', 'x', 'a'.repeat(41)])
      await expect(createCommunity(server.db, { ...base, slug }), slug).rejects.toThrow(/slug/);
    await expect(createCommunity(server.db, { ...base, groups: [] })).rejects.toThrow(/group/);
    await expect(createCommunity(server.db, { ...base, admin: { ...base.admin, password: 'short' } })).rejects.toThrow(/password/);
    const login = await server.request('POST', '/api/auth/login', { body: { username: 'x-admin', password: 'Strong2026' } });
    expect(login.status).toBe(401);
  });

  it('explains its command line when arguments are missing', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'functions/_entry/create-community.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ADMIN_PASSWORD: '' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage: ADMIN_PASSWORD=/);
  });
});
