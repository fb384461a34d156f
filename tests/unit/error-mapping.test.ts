import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../functions/_platform/context.js';
import { replyToError } from '../../functions/_platform/error-mapping.js';
import type { Env } from '../../functions/_platform/middleware.js';

const quiet = { log: { warn() {}, error() {}, info() {}, debug() {} } } as unknown as Services;

/** A query error as drizzle hands it on: the driver's error, with its SQLSTATE, as the cause. */
function queryError(code: string) {
  return Object.assign(new Error('Failed query: insert into …'), { cause: Object.assign(new Error('violates constraint'), { code }) });
}

async function answerTo(error: Error) {
  const app = new Hono<Env>();
  app.onError(replyToError(quiet));
  app.get('/x', () => {
    throw error;
  });
  const res = await app.request('/x');
  return { status: res.status, body: (await res.json()) as { code: string; detail: string } };
}

describe('mapping database refusals', () => {
  it('answers a reference the database refuses (a record gone or still in use) with 409 in Chinese, not 500', async () => {
    const { status, body } = await answerTo(queryError('23503'));
    expect(status).toBe(409);
    expect(body.code).toBe('CONFLICT');
    expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps any other failed query a 500', async () => {
    expect((await answerTo(queryError('42P01'))).status).toBe(500);
  });
});
