import { describe, expect, it } from 'vitest';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { buildOpenApi } from '../../functions/_platform/openapi.js';
import { roles as ROLE_NAMES } from '../../functions/_shared/roles.js';

const routes = await loadAllRoutes();
const name = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** The sections of API.md; the OpenAPI document groups the routes by them. */
const TAGS = [
  'platform',
  'auth',
  'residents',
  'service-requests',
  'elections',
  'proxy-votes',
  'election-day',
  'notices',
  'audit',
  'party-branch',
  'consultations',
];

describe('every route documents itself', () => {
  it('with an HTTP method, a path under /api/ and one of the API sections as its tag', () => {
    const wrong = routes
      .filter((r) => !['get', 'post', 'put', 'delete'].includes(r.method) || !/^\/api\/[a-z]/.test(r.path) || !TAGS.includes(r.tag))
      .map((r) => `${name(r)} [${r.tag}]`);
    expect(wrong).toEqual([]);
    expect(new Set(routes.map((r) => r.tag))).toEqual(new Set(TAGS));
  });

  it('with a summary that says what it does in words', () => {
    const unsaid = routes.filter((r) => r.summary.trim().split(/\s+/).length < 2).map(name);
    expect(unsaid).toEqual([]);
  });

  it('with who may call it: everyone, any account, the scheduler, or named roles', () => {
    const unknown = routes
      .filter((r) =>
        Array.isArray(r.access)
          ? r.access.length === 0 || r.access.some((role) => !(ROLE_NAMES as readonly string[]).includes(role))
          : !['anyone', 'account', 'cron'].includes(r.access as string),
      )
      .map(name);
    expect(unknown).toEqual([]);
  });

  it('once: no two routes answer the same method and path', () => {
    const all = routes.map(name);
    expect(all.length).toBe(new Set(all).size);
  });

  it('in the OpenAPI document, under its section, with its summary and access', () => {
    const doc = buildOpenApi(routes, 'test') as unknown as { paths: Record<string, Record<string, { summary: string; tags: string[]; 'x-access': unknown }>> };
    for (const r of routes) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method];
      expect(op, name(r)).toMatchObject({ summary: r.summary, tags: [r.tag], 'x-access': r.access });
    }
  });
});
