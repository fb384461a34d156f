import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { accountRoles, accounts, sessions } from '../../db/schema/index.js';
import type { Actor, ActorRole, Services } from './context.js';
import { unauthenticated } from './errors.js';
import { UUID_PATTERN } from './paging.js';
import { perDatabase } from './prepared.js';

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

const keys = new WeakMap<Uint8Array, KeyObject>();
const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** What a token whose signature checked says: its subject and its time limits, checked on every use. */
interface Claims {
  sub: string;
  exp?: number;
  nbf?: number;
}
/**
 * Tokens whose signature this process has checked, by secret: the same token comes with every
 * request of a session, and its HMAC and JSON need checking once. Only the time limits are looked
 * at again (the session row is read on every request regardless). Bounded: emptied when full.
 */
const checked = new WeakMap<Uint8Array, Map<string, Claims>>();
const MAX_CHECKED = 10_000;

function withinTime(claims: Claims): string | null {
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp !== undefined && claims.exp <= now) return null;
  if (claims.nbf !== undefined && claims.nbf > now) return null;
  return claims.sub;
}

/**
 * The session id in a token this server signed (HS256), or null. Checked with node:crypto's HMAC,
 * synchronously: jose's verify goes through WebCrypto, which costs more than the whole rest of
 * a small request. Same rules as jose's jwtVerify: the header says HS256 and nothing critical,
 * the signature matches, `exp` and `nbf` hold against the real clock, and there is a subject.
 */
export function verifySessionToken(token: string, secret: Uint8Array): string | null {
  let known = checked.get(secret);
  const remembered = known?.get(token);
  if (remembered) return withinTime(remembered);
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, signature] = parts as [string, string, string];
  try {
    const header = json(head);
    if (header.alg !== 'HS256' || 'crit' in header || 'b64' in header) return null;
    let key = keys.get(secret);
    if (!key) {
      key = createSecretKey(secret);
      keys.set(secret, key);
    }
    const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== signature) return null;
    const payload = json(body);
    if (payload.exp !== undefined && typeof payload.exp !== 'number') return null;
    if (payload.nbf !== undefined && typeof payload.nbf !== 'number') return null;
    if (payload.iat !== undefined && typeof payload.iat !== 'number') return null;
    if (typeof payload.sub !== 'string' || !payload.sub) return null;
    const claims: Claims = { sub: payload.sub, exp: payload.exp as number | undefined, nbf: payload.nbf as number | undefined };
    if (!known) {
      known = new Map();
      checked.set(secret, known);
    }
    if (known.size >= MAX_CHECKED) known.clear();
    known.set(token, claims);
    return withinTime(claims);
  } catch {
    return null;
  }
}

/**
 * The token check's query, built once per database and prepared (a named statement on pg):
 * drizzle does not rebuild its SQL on every request, nor Postgres re-plan it.
 */
const sessionQuery = perDatabase((db) =>
  db
    .select({ accountId: accounts.id, name: accounts.name, communityId: accounts.communityId, openid: accounts.openid, roles: rolesOf() })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('authenticate_session'),
);

export async function authenticate(header: string | undefined, services: Services): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated();
  const sessionId = verifySessionToken(match[1], services.authSecret);
  // Only a session id this server wrote: a UUID. Anything else would make the look-up fail (a 500).
  if (!sessionId || !UUID_PATTERN.test(sessionId)) throw unauthenticated();
  // One round trip: session, account and roles together, as a statement built once per database.
  const [row] = await sessionQuery(services.db).execute({ sessionId, now: services.now() });
  if (!row) throw unauthenticated();
  return { ...row, sessionId };
}
