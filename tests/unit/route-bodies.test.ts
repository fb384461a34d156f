import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllRoutes } from '../../functions/_entry/routes.js';

const functions = path.resolve(import.meta.dirname, '../../functions');

/** Bodies that do not come from the mini-program: WeChat's own pushes (the media check's verdicts). */
const notFromTheApp = new Set(['POST /api/wechat/events']);

describe('request body schemas', () => {
  it("are each exported from their domain's bodies.ts, so the mini-program types what it sends from the schema that checks it", async () => {
    const exported = new Set<unknown>();
    for (const domain of readdirSync(functions, { withFileTypes: true })) {
      if (!domain.isDirectory() || !readdirSync(path.join(functions, domain.name)).includes('bodies.ts')) continue;
      for (const schema of Object.values(await import(path.join(functions, domain.name, 'bodies.ts')))) exported.add(schema);
    }
    const inline = (await loadAllRoutes())
      .map((r) => ({ route: `${r.method.toUpperCase()} ${r.path}`, body: r.body }))
      .filter(({ route, body }) => body && !exported.has(body) && !notFromTheApp.has(route))
      .map(({ route }) => route);
    expect(inline).toEqual([]);
    // Reading every route module takes a few seconds on a busy machine: the limit guards against a hang.
  }, 60_000);
});
