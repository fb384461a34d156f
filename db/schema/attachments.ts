import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { serviceRequestEvents, serviceRequests } from './service-requests.js';

/**
 * WeChat's asynchronous media check (wxa/media_check_async): `pending` until its verdict is
 * pushed back; until then only the uploader and staff see the photo, and a `risky` one is hidden
 * from everyone but staff, who see that it was hidden and why.
 */
export const mediaCheckStatuses = ['pending', 'pass', 'risky'] as const;
export type MediaCheckStatus = (typeof mediaCheckStatuses)[number];

/**
 * A photo on a service request or on one of its replies. The stored image is the server's own
 * re-encoding (at most 1,600 px, no EXIF, no GPS), never the uploaded bytes; its objects live in
 * the configured object store under `storageKey` and `thumbnailKey`. An upload belongs to its
 * uploader alone until a create or a reply attaches it (`requestId` set, once).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    uploaderAccountId: uuid('uploader_account_id')
      .notNull()
      .references(() => accounts.id),
    requestId: uuid('request_id'),
    /** The reply event the photo came with; null for photos of the request itself. */
    eventId: uuid('event_id'),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    checkStatus: text('check_status', { enum: mediaCheckStatuses }).notNull().default('pending'),
    /** WeChat's trace_id of the check: the pushed verdict names it. */
    checkTraceId: text('check_trace_id'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attachedAt: timestamp('attached_at', { withTimezone: true }),
  },
  (t) => [
    unique('attachments_community_id_unique').on(t.communityId, t.id),
    index('attachments_request_idx').on(t.communityId, t.requestId, t.id),
    index('attachments_uploader_idx').on(t.communityId, t.uploaderAccountId, t.id),
    index('attachments_trace_idx').on(t.checkTraceId),
    inCommunity('attachments_request_fk', t.communityId, t.requestId, serviceRequests),
    inCommunity('attachments_event_fk', t.communityId, t.eventId, serviceRequestEvents),
  ],
);
