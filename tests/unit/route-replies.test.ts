import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { checkReply, defineRoute, Reply } from '../../functions/_platform/route.js';

describe('reply schemas', () => {
  it('are declared by every route that answers JSON, so the mini-program types every reply from them', async () => {
    const missing = (await loadAllRoutes()).filter((r) => !r.produces && r.status !== 204 && !r.response).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  const route = defineRoute({
    method: 'get',
    path: '/api/example',
    summary: 'example',
    tag: 'test',
    access: 'anyone',
    response: z.object({ name: z.string(), at: z.string() }),
    handle: async () => ({ name: '张桂兰', at: new Date(0).toISOString() }),
  });

  it('let a reply that says what its schema says through, as the client reads it (after JSON)', () => {
    expect(() => checkReply(route, new Reply(200, { name: '张桂兰', at: new Date(0) }), 'test')).not.toThrow();
  });

  it('fail loudly under test when a reply drifts from its schema', () => {
    expect(() => checkReply(route, new Reply(200, { name: 7, at: 'x' }), 'test')).toThrow(/GET \/api\/example: the reply does not match its response schema/);
    expect(() => checkReply(route, new Reply(200, { at: 'x' }), 'test')).toThrow();
  });

  it('fail when a reply sends a field its schema does not declare, however deep', () => {
    const nested = defineRoute({
      method: 'get',
      path: '/api/example/list',
      summary: 'example',
      tag: 'test',
      access: 'anyone',
      response: z.object({ items: z.array(z.object({ name: z.string() })), next: z.string().nullable() }),
      handle: async () => ({ items: [], next: null }),
    });
    expect(() => checkReply(nested, new Reply(200, { items: [{ name: '张桂兰' }], next: null }), 'test')).not.toThrow();
    expect(() => checkReply(route, new Reply(200, { name: '张桂兰', at: 'x', idNumber: '620' }), 'test')).toThrow(
      /GET \/api\/example: the reply sends fields its response schema does not declare: \$\.idNumber/,
    );
    expect(() => checkReply(nested, new Reply(200, { items: [{ name: '张桂兰' }, { name: '李', phone: '139' }], next: null }), 'test')).toThrow(
      /\$\.items\[1\]\.phone/,
    );
  });

  it('cost nothing in development and production, and leave error and empty replies alone', () => {
    expect(() => checkReply(route, new Reply(200, { name: 7 }), 'production')).not.toThrow();
    expect(() => checkReply(route, new Reply(200, { name: 7 }), 'development')).not.toThrow();
    expect(() => checkReply(route, new Reply(204, null), 'test')).not.toThrow();
  });
});
