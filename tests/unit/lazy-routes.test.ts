import { describe, expect, it } from 'vitest';
import { loadAllRoutes } from '../../functions/_entry/routes.js';
import { lazyRoutes, type RouteModule } from '../../functions/_platform/lazy-routes.js';
import type { AnyRoute } from '../../functions/_platform/route.js';

const route = (path: string): AnyRoute => ({ method: 'get', path, summary: path, tag: 't', access: 'anyone', handle: async () => null });

/** Fake domains that count their imports; `build` answers with the paths it was given. */
function table(modules: { serves: string[]; paths: string[]; fails?: number }[]) {
  const imports = modules.map(() => 0);
  const list: RouteModule[] = modules.map((m, i) => ({
    serves: m.serves,
    load: async () => {
      imports[i]! += 1;
      if (imports[i]! <= (m.fails ?? 0)) throw new Error('import failed');
      return m.paths.map(route);
    },
  }));
  const routes = lazyRoutes(list);
  let builds = 0;
  const fetch = routes.serve((rs) => {
    builds += 1;
    return { fetch: () => Response.json(rs.map((r) => r.path)) };
  });
  const get = async (path: string) => (await fetch(new Request(`http://x${path}`))).json();
  return { routes, get, imports, builds: () => builds };
}

describe('routes loaded a domain at a time', () => {
  it('imports only the domains whose segment the path names, in registry order', async () => {
    const t = table([
      { serves: ['elections', 'groups'], paths: ['/api/elections', '/api/groups'] },
      { serves: ['notices'], paths: ['/api/notices'] },
      { serves: ['elections'], paths: ['/api/elections/:id/ballots'] },
    ]);
    expect(await t.get('/api/elections/1/ballots?x=1')).toEqual(['/api/elections', '/api/groups', '/api/elections/:id/ballots']);
    expect(t.imports).toEqual([1, 0, 1]);
    expect(await t.get('/api/notices')).toEqual(['/api/notices']);
    expect(t.imports).toEqual([1, 1, 1]);
  });

  it('imports nothing for a path outside /api or an unknown segment', async () => {
    const t = table([{ serves: ['notices'], paths: ['/api/notices'] }]);
    expect(await t.get('/')).toEqual([]);
    expect(await t.get('/__wechat/sns/jscode2session')).toEqual([]);
    expect(await t.get('/api/nothing-here')).toEqual([]);
    expect(t.imports).toEqual([0]);
  });

  it('imports every domain for the OpenAPI document', async () => {
    const t = table([
      { serves: ['a'], paths: ['/api/a'] },
      { serves: ['b'], paths: ['/api/b'] },
    ]);
    expect(await t.get('/api/openapi.json')).toEqual(['/api/a', '/api/b']);
  });

  it('imports a domain once and builds an app once per set of domains, however many paths reach it', async () => {
    const t = table([{ serves: ['a', 'b'], paths: ['/api/a', '/api/b'] }]);
    await Promise.all([t.get('/api/a'), t.get('/api/a/1'), t.get('/api/b')]);
    await t.get('/api/a');
    expect(t.imports).toEqual([1]);
    expect(t.builds()).toBe(1);
  });

  it('tries a failed import again on the next request', async () => {
    const t = table([{ serves: ['a'], paths: ['/api/a'], fails: 1 }]);
    await expect(t.get('/api/a')).rejects.toThrow('import failed');
    expect(await t.get('/api/a')).toEqual(['/api/a']);
  });

  it('refuses a route outside the segments its entry serves: no request could reach it', async () => {
    const t = table([{ serves: ['a'], paths: ['/api/a', '/api/b/1'] }]);
    await expect(t.routes.all()).rejects.toThrow('GET /api/b/1 lies outside the segments its registry entry serves (a)');
  });

  it('finds every route of the registry under a segment its entry serves', async () => {
    const all = await loadAllRoutes();
    expect(all.length).toBeGreaterThan(80);
    expect(new Set(all.map((r) => `${r.method} ${r.path}`)).size).toBe(all.length);
  });
});
