import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import type { AnyRoute } from '../../functions/_platform/route.js';
import { startTestServer, type TestServer } from '../support/server.js';

const routes = await loadAllRoutes();

/**
 * Every route, fed malformed, oversized and hostile input by an account allowed to call it: the
 * answer is always a 4xx problem with a Chinese sentence (or a success), never a 5xx.
 */
let server: TestServer;
let staff: string;
beforeAll(async () => {
  server = await startTestServer();
  staff = await server.login('staff', 'Staff#2026');
});
afterAll(() => server.close());

/** Field names a route's body schema knows, unions included. */
function fieldsOf(route: AnyRoute): string[] {
  if (!route.body) return [];
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[] };
    for (const key of Object.keys(n.properties ?? {})) names.add(key);
    for (const child of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) walk(child);
  };
  walk(z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }));
  return [...names];
}

const hostileValues: unknown[] = [
  null,
  true,
  -1,
  1e308,
  '',
  ' ',
  'x'.repeat(20_000),
  '\u0000\u0001',
  "'; drop table service_requests; --",
  '<script>alert(1)</script>',
  '𠀀𠀁'.repeat(300),
  ['a'],
  { $gt: '' },
];

const bodiesFor = (fields: string[]): unknown[] => [
  [],
  'just a string',
  42,
  null,
  { __proto__: { admin: true } },
  ...hostileValues.map((v) => Object.fromEntries(fields.map((f) => [f, v]))),
];

const paths = (path: string): string[] => {
  if (!path.includes(':')) return [path];
  return ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(500), "1' or '1'='1"].map((v) => path.replace(/:(\w+)/g, v));
};

const hostileQueries = [
  `?limit=-1&cursor=%00&status=%27&categoryCode=${'x'.repeat(300)}&overdue=maybe&sort=sideways`,
  '?categoryCode=%00&groupId=%00',
  '?categoryCode=%27%3B%20drop%20table%20x%3B--&status=submitted&status=resolved&limit=1e9',
  `?cursor=${'A'.repeat(180)}`,
];

const callable = routes.filter((r) => r.access !== 'cron');

describe('hostile input on every route', () => {
  it.each(callable.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s answers 4xx problems, never 5xx', async (_, route) => {
    const fields = fieldsOf(route);
    const method = route.method.toUpperCase();
    const failures: string[] = [];
    for (const path of paths(route.path)) {
      const bodies = method === 'GET' || method === 'DELETE' ? [undefined] : bodiesFor(fields);
      const queries = method === 'GET' ? hostileQueries : [''];
      for (const body of bodies) {
        for (const query of queries) {
          const res = await server.request(method, path + query, { token: staff, ...(body === undefined ? {} : { body }) });
          if (res.status >= 500) failures.push(`${res.status} for ${path}${query} ${JSON.stringify(body)?.slice(0, 80)}`);
          else if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
