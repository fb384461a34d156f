import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';

describe('reply schemas', () => {
  it('are declared by every route that answers JSON, so the mini-program types every reply from them', () => {
    const missing = routes.filter((r) => !r.produces && r.status !== 204 && !r.response).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
