import { and, eq, sql } from 'drizzle-orm';
import { accounts, households, residentGroups, residents } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { perDatabase } from '../_platform/prepared.js';
import { type ResidentRow, residentColumns, residentView } from '../residents/residents.js';
import { toAccountView } from './sessions.js';

/**
 * What GET /api/me adds to the token check's row (which already holds the name, community and
 * roles of this account): the rest of the account and its resident record, in one statement
 * built once per database.
 */
const myAccount = perDatabase((db) =>
  db
    .select({ username: accounts.username, phoneEnc: accounts.phoneEnc, phoneVerifiedAt: accounts.phoneVerifiedAt, resident: residentColumns })
    .from(accounts)
    .leftJoin(residents, and(eq(residents.accountId, accounts.id), eq(residents.communityId, sql.placeholder('communityId'))))
    .leftJoin(residentGroups, eq(residentGroups.id, residents.groupId))
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)))
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .prepare('my_account'),
);

/** The signed-in account (its phone shown whole: it is the owner asking) and its resident record. */
export async function showMe(ctx: AuthedCtx) {
  const { actor } = ctx;
  const [row] = await myAccount(ctx.db).execute({ accountId: actor.accountId, communityId: ctx.communityId });
  if (!row) throw new Error(`account ${actor.accountId} vanished`);
  const account = toAccountView(
    ctx,
    { ...row, id: actor.accountId, name: actor.name, communityId: actor.communityId, roles: actor.roles },
    { revealPhone: true },
  );
  // A resident's columns come from a left join: all null when the account has no resident record.
  const resident = row.resident.id !== null ? (row.resident as ResidentRow) : null;
  return { account, ...(resident ? { resident: residentView(ctx, resident) } : {}) };
}
