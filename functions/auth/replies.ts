import * as z from 'zod';
import { roles } from '../_shared/roles.js';
import { Resident } from '../residents/replies.js';

/**
 * What the auth routes answer (API.md "Auth"). The mini-program imports the inferred types
 * (`import type`), so these schemas are the one description of the replies.
 */
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** The account as others see it (phone masked); the owner's GET /api/me shows the phone whole. */
export const Account = z.object({
  id: z.string(),
  username: z.string().optional(),
  name: z.string(),
  communityId: z.string(),
  phone: z.string().optional(),
  phoneVerified: z.boolean().optional(),
  roles: z.array(z.object({ role: Role, communityId: z.string(), groupId: z.string().optional() })),
});
export type Account = z.infer<typeof Account>;

export const AccountReply = z.object({ account: Account });
export type AccountReply = z.infer<typeof AccountReply>;

export const AccountList = z.object({ items: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

export const Session = z.object({ token: z.string(), expiresAt: z.string(), account: Account, isNew: z.boolean().optional() });
export type Session = z.infer<typeof Session>;

export const QrTicket = z.object({ ticket: z.string(), secret: z.string(), qrImage: z.string(), expiresAt: z.string() });
export type QrTicket = z.infer<typeof QrTicket>;

export const QrState = z.discriminatedUnion('status', [
  z.object({ status: z.enum(['pending', 'scanned', 'expired']) }),
  z.object({ status: z.literal('confirmed'), token: z.string() }),
]);
export type QrState = z.infer<typeof QrState>;

export const QrScanned = z.object({
  status: z.literal('scanned'),
  requestedBy: z.object({ device: z.string(), address: z.string(), at: z.string() }),
});
export type QrScanned = z.infer<typeof QrScanned>;

export const QrConfirmed = z.object({ status: z.literal('confirmed') });
export type QrConfirmed = z.infer<typeof QrConfirmed>;

/** GET /api/me: the signed-in account (phone whole) and its resident record when it has one. */
export const Me = z.object({ account: Account, resident: Resident.optional() });
export type Me = z.infer<typeof Me>;
