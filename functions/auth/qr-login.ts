import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, or } from 'drizzle-orm';
import { qrTickets, sessions } from '../../db/schema/index.js';
import { signSessionToken } from '../_platform/auth-context.js';
import { type AuthedCtx, type Ctx, withTransaction } from '../_platform/context.js';
import { AppError, notFound } from '../_platform/errors.js';
import { WechatError } from '../_platform/wechat/client.js';
import { openSession } from './sessions.js';

/** Web sign-in by scanning: a ticket lives 2 minutes and signs in one browser, once. */
export const QR_TTL_MS = 2 * 60_000;
/** The mini-program page the code opens (scene = ticket). */
export const QR_PAGE = 'auth/qr-confirm/index';

/** Tickets one address may ask for in ten minutes: a login page polls one at a time. */
export const QR_PER_SOURCE = 30;

export async function createQrTicket({ ctx }: { ctx: Ctx }) {
  const [recent] = await ctx.db
    .select({ n: count() })
    .from(qrTickets)
    .where(and(eq(qrTickets.source, ctx.ip), gt(qrTickets.createdAt, new Date(ctx.now.getTime() - 10 * 60_000))));
  if ((recent?.n ?? 0) >= QR_PER_SOURCE) {
    throw new AppError('RATE_LIMITED', '二维码刷新太频繁，请稍后再试，或改用账号密码登录。', { headers: { 'Retry-After': '600' } });
  }
  // 32 hex characters: WeChat's scene parameter allows at most 32.
  const ticket = randomBytes(16).toString('hex');
  const expiresAt = new Date(ctx.now.getTime() + QR_TTL_MS);
  let image: { contentType: string; image: Buffer };
  try {
    image = await ctx.services.wechat.getUnlimitedQrCode({ scene: ticket, page: QR_PAGE });
  } catch (error) {
    if (error instanceof WechatError || error instanceof AppError)
      throw new AppError('WECHAT_UNAVAILABLE', '暂时无法生成微信扫码登录的二维码，请改用账号密码登录。');
    throw error;
  }
  await ctx.db.insert(qrTickets).values({ id: ticket, source: ctx.ip, status: 'pending', createdAt: ctx.now, expiresAt });
  return { ticket, qrImage: `data:${image.contentType};base64,${image.image.toString('base64')}`, expiresAt: expiresAt.toISOString() };
}

export async function pollQrTicket({ ctx, input }: { ctx: Ctx; input: { ticket: string } }) {
  const [row] = await ctx.db.select().from(qrTickets).where(eq(qrTickets.id, input.ticket));
  if (!row) throw notFound('登录二维码');
  if (row.status === 'consumed' || row.expiresAt <= ctx.now) return { status: 'expired' as const };
  if (row.status !== 'confirmed') return { status: row.status };
  // Hand the session over exactly once, even to two polls racing.
  const [taken] = await ctx.db
    .update(qrTickets)
    .set({ status: 'consumed' })
    .where(and(eq(qrTickets.id, row.id), eq(qrTickets.status, 'confirmed')))
    .returning({ sessionId: qrTickets.sessionId });
  if (!taken?.sessionId) return { status: 'expired' as const };
  const [session] = await ctx.db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, taken.sessionId));
  return { status: 'confirmed' as const, token: await signSessionToken(ctx.services, taken.sessionId, session!.expiresAt) };
}

/** The mini-program opened the scan page: the browser can say "已扫码，请在手机上确认". */
export async function markQrScanned({ ctx, input }: { ctx: AuthedCtx; input: { ticket: string } }) {
  const [row] = await ctx.db
    .update(qrTickets)
    .set({ status: 'scanned', accountId: ctx.actor.accountId })
    .where(and(eq(qrTickets.id, input.ticket), eq(qrTickets.status, 'pending'), gt(qrTickets.expiresAt, ctx.now)))
    .returning({ status: qrTickets.status });
  if (!row) return expiredOrMissing(ctx, input.ticket);
  return { status: 'scanned' as const };
}

export async function confirmQrTicket({ ctx: outer, input }: { ctx: AuthedCtx; input: { ticket: string } }) {
  // One transaction: a refused confirmation leaves no session behind.
  return withTransaction(outer, async (ctx) => {
    const accountId = outer.actor.accountId;
    const session = await openSession(ctx, accountId);
    const [row] = await ctx.db
      .update(qrTickets)
      .set({ status: 'confirmed', accountId, sessionId: session.sessionId })
      .where(
        and(
          eq(qrTickets.id, input.ticket),
          // Once scanned, only the phone that scanned it may confirm: nobody else can sign the
          // browser in to their own account behind the scanner's back.
          or(eq(qrTickets.status, 'pending'), and(eq(qrTickets.status, 'scanned'), eq(qrTickets.accountId, accountId))),
          gt(qrTickets.expiresAt, ctx.now),
        ),
      )
      .returning({ id: qrTickets.id });
    if (!row) return expiredOrMissing(ctx, input.ticket);
    return { status: 'confirmed' as const };
  });
}

async function expiredOrMissing(ctx: Ctx, ticket: string): Promise<never> {
  const [row] = await ctx.db.select({ id: qrTickets.id }).from(qrTickets).where(eq(qrTickets.id, ticket));
  if (!row) throw notFound('登录二维码');
  throw new AppError('QR_TICKET_EXPIRED', '二维码已过期或已使用，请在电脑上刷新二维码后重新扫码。');
}
