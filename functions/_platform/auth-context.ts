import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import { accountRoles, accounts, sessions } from '../../db/schema/index.js';
import type { Actor, ActorRole, Services } from './context.js';
import { unauthenticated } from './errors.js';
import { UUID_PATTERN } from './paging.js';

/**
 * Tokens are short signed envelopes around a session id (HS256, jose). The session row is the
 * truth: logout revokes it and the token stops working at once, on every instance.
 */
export async function signSessionToken(services: Services, sessionId: string, expiresAt: Date): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sessionId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(services.authSecret);
}

/**
 * The roles of the `accounts` row being selected, as one JSON column, so an account and its roles
 * come back in one query. Written with the table name, because drizzle leaves columns unqualified
 * in a one-table select and `id` would then mean the role's own id. `homeOnly`: only roles in the
 * account's own community.
 */
export const rolesOf = (opts: { homeOnly?: boolean } = {}) => {
  const account = (column: string) => sql`${accounts}.${sql.identifier(column)}`;
  return sql<
    ActorRole[]
  >`coalesce((select json_agg(json_build_object('role', r.role, 'communityId', r.community_id, 'groupId', r.group_id)) from ${accountRoles} r where r.account_id = ${account('id')}${opts.homeOnly ? sql` and r.community_id = ${account('community_id')}` : sql``}), '[]'::json)`;
};

export async function authenticate(header: string | undefined, services: Services): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated();
  let sessionId: string;
  try {
    const { payload } = await jwtVerify(match[1], services.authSecret, { algorithms: ['HS256'] });
    // Only a session id this server wrote: a UUID. Anything else would make the look-up fail (a 500).
    if (!payload.sub || !UUID_PATTERN.test(payload.sub)) throw new Error('no session subject');
    sessionId = payload.sub;
  } catch {
    throw unauthenticated();
  }
  const { db } = services;
  const now = services.now();
  // One round trip: session, account and roles together.
  const roles = rolesOf();
  const [row] = await db
    .select({ accountId: accounts.id, name: accounts.name, communityId: accounts.communityId, openid: accounts.openid, roles })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row) throw unauthenticated();
  return { ...row, sessionId };
}
