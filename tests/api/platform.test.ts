import SwaggerParser from '@apidevtools/swagger-parser';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures } from '../../db/schema/index.js';
import pkg from '../../package.json' with { type: 'json' };
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, title: expect.any(String), type: expect.any(String), requestId: expect.any(String) });
  expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
};

describe('platform', () => {
  it('reports health with the database it runs on', async () => {
    const res = await server.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, db: server.dbKind, version: pkg.version, wechat: 'stand-in' });
  });

  it('names the default community to a visitor', async () => {
    const res = await server.request('GET', '/api/community');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '八珠街社区', households: 557, population: 2565 });
  });

  it('answers malformed JSON with 400 problem JSON', async () => {
    expectProblem(
      await server.request('POST', '/api/auth/login', { raw: '{"username": "staff", ', headers: { 'Content-Type': 'application/json' } }),
      400,
      'MALFORMED_JSON',
    );
  });

  it('refuses a 65 KB body with 413 and writes nothing', async () => {
    const res = await server.request('POST', '/api/auth/register', {
      raw: JSON.stringify({ name: 'x'.repeat(65 * 1024), phone: '13800000000', password: 'abc12345' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    const again = await server.request('POST', '/api/auth/login', { body: { phone: '13800000000', password: 'abc12345' } });
    expect(again.status).toBe(401);
  });

  it('answers an unknown route with 404 problem JSON, with or without a token', async () => {
    expectProblem(await server.request('GET', '/api/no-such-thing'), 404, 'NOT_FOUND');
    const token = await server.login('staff', 'Staff#2026');
    expectProblem(await server.request('DELETE', '/api/no-such-thing/1', { token }), 404, 'NOT_FOUND');
  });

  it('rejects a forged token with 401', async () => {
    expectProblem(await server.request('GET', '/api/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' }), 401, 'UNAUTHENTICATED');
  });

  it('carries a request id and security headers on every answer', async () => {
    const res = await server.request('GET', '/api/health', { headers: { 'X-Request-Id': 'trace-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('allows the H5 origin by CORS, with the headers the app sends', async () => {
    const res = await fetch(`${server.url}/api/service-requests`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:10086',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key,content-type',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
  });

  it('puts the CORS headers and the request id on answers, refusals and downloads alike', async () => {
    const token = await server.login('staff', 'Staff#2026');
    const origin = { Origin: 'http://localhost:10086' };
    const answers = [
      await fetch(`${server.url}/api/me`, { headers: { ...origin, Authorization: `Bearer ${token}`, 'X-Request-Id': 'trace-7' } }),
      await fetch(`${server.url}/api/no-such-thing`, { headers: { ...origin, 'X-Request-Id': 'trace-7' } }),
      await fetch(`${server.url}/api/service-requests/export.xlsx`, { headers: { ...origin, Authorization: `Bearer ${token}`, 'X-Request-Id': 'trace-7' } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 200]);
    for (const res of answers) {
      await res.arrayBuffer();
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')?.toLowerCase().split(',')).toEqual(['x-request-id', 'retry-after', 'content-disposition']);
      expect(res.headers.get('x-request-id')).toBe('trace-7');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('names only a listed origin, and varies on it, when CORS_ORIGINS lists them', async () => {
    const listed = await startTestServer({ settings: { CORS_ORIGINS: 'https://console.example, https://h5.example' } });
    try {
      const ok = await fetch(`${listed.url}/api/health`, { headers: { Origin: 'https://h5.example' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://h5.example');
      expect(ok.headers.get('vary')).toContain('Origin');
      const other = await fetch(`${listed.url}/api/health`, { headers: { Origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('vary')).toContain('Origin');
      await Promise.all([ok.text(), other.text()]);
    } finally {
      await listed.close();
    }
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await server.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    // A full validation against the OpenAPI 3.1 schema, not just its shape.
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeTruthy();
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/community', '/api/notices', '/api/elections/{id}/ballots']));
    for (const [path, item] of Object.entries<any>(res.body.paths)) {
      expect(path.startsWith('/api/')).toBe(true);
      for (const op of Object.values<any>(item)) expect(op.responses).toBeTruthy();
    }
  });

  it('answers /__wechat with the stand-in only while no AppID is set', async () => {
    const res = await server.request('POST', '/__wechat/test/login-code', { body: { openid: 'o-1' } });
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ignores a stale token on open routes, so signing in again never fails on it', async () => {
    const token = await server.login('resident1', 'Resident#2026');
    await server.request('POST', '/api/auth/logout', { token });
    expect((await server.request('GET', '/api/community', { token })).status).toBe(200);
    const again = await server.request('POST', '/api/auth/login', { token, body: { username: 'resident1', password: 'Resident#2026' } });
    expect(again.status).toBe(200);
    expect((await server.request('GET', '/api/me', { token })).status).toBe(401);
  });
});

describe('source address', () => {
  it('does not believe X-Forwarded-For unless told it sits behind a proxy that overwrites it', async () => {
    const direct = await startTestServer({ settings: { TRUST_PROXY: '0' } });
    try {
      const res = await direct.request('POST', '/api/auth/login', {
        body: { username: 'nobody', password: 'wrong-1' },
        headers: { 'X-Forwarded-For': '203.0.113.9' },
      });
      expect(res.status).toBe(401);
      const rows = await direct.db.select({ subject: loginFailures.subject }).from(loginFailures).where(like(loginFailures.subject, 'ip:%'));
      expect(rows.map((r) => r.subject)).toEqual(['ip:127.0.0.1']);
    } finally {
      await direct.close();
    }
  });
});
