import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index.js';
import { type Ctx, withTransaction } from './context.js';
import { AppError } from './errors.js';
import { Reply } from './route.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

const PENDING = 0;

/**
 * Same key, same account, same method and concrete path → the first reply. The key is claimed
 * inside one transaction with the create itself: racing retries serialise on the key's primary
 * key (the loser waits, then replays the winner's reply), and if anything fails — the create, or
 * storing its reply — both roll back together, so a retry can never create a second row. The
 * same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
export async function withIdempotency(ctx: Ctx, route: string, rawKey: string, requestBody: unknown, run: (ctx: Ctx) => Promise<Reply>): Promise<Reply> {
  const key = rawKey.slice(0, 200);
  const accountId = ctx.actor!.accountId;
  const requestHash = digest(JSON.stringify(requestBody ?? null)).toString('hex');
  const where = and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key));
  return withTransaction(ctx, async (tx) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await tx.db
        .insert(idempotencyKeys)
        .values({ accountId, route, key, status: PENDING, body: {}, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length > 0) {
        const reply = await run(tx);
        if (reply.body instanceof Response) return reply;
        await tx.db
          .update(idempotencyKeys)
          .set({ status: reply.status, body: reply.body as object })
          .where(where);
        return reply;
      }
      const [row] = await tx.db.select().from(idempotencyKeys).where(where);
      if (row && row.status !== PENDING) {
        if (row.requestHash && row.requestHash !== requestHash) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED', '这个操作编号已经用于另一次提交，请刷新页面后重新提交。');
        }
        return new Reply(row.status, row.body, { 'Idempotent-Replayed': 'true' });
      }
      // A claim left pending by the earlier design (claimed outside the create's transaction) by
      // an instance that crashed: take it over.
      await tx.db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.status, PENDING)));
    }
    throw new AppError('CONFLICT', '同一操作正在处理中，请稍候刷新查看结果。');
  });
}
