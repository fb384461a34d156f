import { type AnyPgColumn, foreignKey } from 'drizzle-orm/pg-core';

/**
 * A reference inside one community: (community_id, column) → parent (community_id, id). The
 * database itself refuses a row that points into another community, whatever the code above it
 * does, and the pair stays a valid key if the tables are ever distributed by community. Parents
 * declare UNIQUE (community_id, id) for it.
 *
 * On delete: no action (refused). Nothing in the product deletes a community's records; a delete
 * that would leave a voter, a ballot or a timeline entry pointing at nothing is a mistake.
 * Accounts are global (a person may move between communities), so references to an account are
 * plain keys to `accounts.id`.
 */
export const inCommunity = (name: string, communityId: AnyPgColumn, column: AnyPgColumn, parent: { communityId: AnyPgColumn; id: AnyPgColumn }) =>
  foreignKey({ name, columns: [communityId, column], foreignColumns: [parent.communityId, parent.id] });
