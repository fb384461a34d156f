import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';
import { residents } from './residents.js';

/**
 * Each time a resident's phone number was shown whole to someone who may call them (staff, the
 * leader of their group): who, when, which resident, and from where (`purpose`, e.g.
 * `service_request:<id>`, `group_page`). Numbers are kept encrypted; this is the record of who
 * read one.
 */
export const phoneReveals = pgTable(
  'phone_reveals',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    residentId: uuid('resident_id').notNull(),
    actorAccountId: uuid('actor_account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('phone_reveals_resident_idx').on(t.communityId, t.residentId, t.at),
    index('phone_reveals_actor_idx').on(t.communityId, t.actorAccountId, t.at),
    inCommunity('phone_reveals_resident_fk', t.communityId, t.residentId, residents),
  ],
);
