import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';

/** A community (社区): the tenant. Every row that belongs to one carries its id and a key to it. */
export const communities = pgTable('communities', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  households: integer('households'),
  population: integer('population'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
