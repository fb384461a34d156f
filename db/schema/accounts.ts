import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { residentGroups } from './residents.js';

/** Accounts are global (one person may later move between communities); `communityId` is home. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  username: text('username').unique(),
  /** Keyed hash of the phone number, for look-up and uniqueness without storing it in clear. */
  phoneHash: text('phone_hash').unique(),
  phoneEnc: text('phone_enc'),
  /**
   * When the phone was proven to be the account's: WeChat's getPhoneNumber, or staff at the
   * window. Null for a number typed in at registration: a verified claim of it wins.
   */
  phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  openid: text('openid').unique(),
  communityId: uuid('community_id')
    .notNull()
    .references(() => communities.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const roleNames = ['resident', 'group_leader', 'staff', 'committee', 'admin', 'party_organizer'] as const;
export type RoleName = (typeof roleNames)[number];

/**
 * What an account may do in a community. A `group_leader` row names the group it leads: it is
 * the one record of who leads a group (authorization reads it, and so does the group list), and
 * the database holds one per group.
 */
export const accountRoles = pgTable(
  'account_roles',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    role: text('role', { enum: roleNames }).notNull(),
    groupId: uuid('group_id'),
  },
  (t) => [
    uniqueIndex('account_roles_unique').on(t.communityId, t.accountId, t.role, sql`coalesce(${t.groupId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    index('account_roles_account_idx').on(t.accountId),
    uniqueIndex('account_roles_one_leader_idx').on(t.communityId, t.groupId).where(sql`${t.role} = 'group_leader'`),
    check('account_roles_group_of_leader', sql`(${t.role} = 'group_leader') = (${t.groupId} is not null)`),
    inCommunity('account_roles_group_fk', t.communityId, t.groupId, residentGroups),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    // Sign-in state goes with its account.
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * Attempts counted for limits, by subject: failed sign-ins (`a:<account>`, `u:<username>`,
 * `p:<phone hash>`, `ip:<address>`, `lock:<subject>`) for lockout, and registrations
 * (`register:<address>`) for the per-address registration limit.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subject: text('subject').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_subject_at_idx').on(t.subject, t.at)],
);

/** Web sign-in by scanning with the mini-program: one ticket, two minutes, used once. */
export const qrTickets = pgTable(
  'qr_tickets',
  {
    id: text('id').primaryKey(),
    /** The address that asked for it: tickets per address are limited (each one costs a WeChat call). */
    source: text('source'),
    /**
     * sha256 of the secret handed only to the browser that asked: the ticket itself is the QR
     * code's scene, visible to anyone who sees the screen, so collecting the session needs this.
     */
    secretHash: text('secret_hash'),
    /** What asked, in words (browser and system from its User-Agent), shown to the confirming phone. */
    device: text('device'),
    status: text('status', { enum: ['pending', 'scanned', 'confirmed', 'consumed'] }).notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** The session it handed out; a ticket never holds a session back from the daily clean-up. */
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('qr_tickets_source_idx').on(t.source, t.createdAt)],
);
