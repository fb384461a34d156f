import { randomUUID } from 'node:crypto';
import type { Context, ErrorHandler } from 'hono';
import type { Services } from './context.js';
import type { Settings } from './env.js';
import { AppError, databaseUnavailable, toProblem } from './errors.js';
import { describeError } from './log.js';
import { answer, type Env } from './middleware.js';
import { isDatabaseUnavailable, isForeignKeyViolation } from './pg-errors.js';

const problem = (c: Context<Env>, settings: Settings, body: ReturnType<typeof toProblem>, headers: Record<string, string> = {}) =>
  answer(c, settings, body.status, JSON.stringify(body), { ...headers, 'content-type': 'application/problem+json; charset=utf-8' });

/**
 * Every error as RFC 9457 problem JSON: an AppError with its stable code and Chinese detail; a
 * database that is down as 503 to retry; anything else as 500, logged, with the request id the
 * user can quote to staff.
 */
export const replyToError =
  ({ log, settings }: Services): ErrorHandler<Env> =>
  (error, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    if (error instanceof AppError) {
      return problem(c, settings, toProblem(error, requestId), error.extra.headers);
    }
    if (isDatabaseUnavailable(error)) {
      // Down, restarting or frozen: the caller may try again; the process carries on.
      log.warn('database unavailable', { requestId, path: c.req.path, ...describeError(error) });
      const unavailable = databaseUnavailable();
      return problem(c, settings, toProblem(unavailable, requestId), unavailable.extra.headers);
    }
    if (isForeignKeyViolation(error)) {
      // The keys hold even where a verb forgot to look first: a record gone, or still in use.
      log.warn('reference refused by the database', { requestId, path: c.req.path, ...describeError(error) });
      return problem(
        c,
        settings,
        toProblem(new AppError('CONFLICT', '要用到的记录已经不存在，或者还有别的记录在用它，这次没有保存。请刷新后再试。'), requestId),
      );
    }
    log.error('unhandled error', { requestId, path: c.req.path, ...describeError(error) });
    return problem(c, settings, {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: '系统出了点问题，请稍后再试。如果一直不行，请把编号告诉工作人员。',
      code: 'INTERNAL',
      requestId,
    });
  };
