import { date, foreignKey, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { accounts } from './accounts.js';
import { communities } from './community.js';
import { inCommunity } from './keys.js';

/** A resident group (居民小组). Who leads it is its `group_leader` role row (account_roles), only. */
export const residentGroups = pgTable(
  'resident_groups',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [unique('resident_groups_name_unique').on(t.communityId, t.name), unique('resident_groups_community_id_unique').on(t.communityId, t.id)],
);

/**
 * A household (户): the unit of the plan's door-to-door voter registration. Belongs to one
 * resident group; its label is what staff write on the register (门牌号, 户主姓名…).
 */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    groupId: uuid('group_id').notNull(),
    label: text('label').notNull(),
    /**
     * The village a resettled household came from (易地扶贫搬迁) and the year it moved: its land
     * and collective-economy rights stay there (the founding plan's fourth principle), so 原村权益
     * questions are referred to that village. Staff only.
     */
    originVillage: text('origin_village'),
    resettledYear: smallint('resettled_year'),
  },
  (t) => [
    unique('households_label_unique').on(t.communityId, t.groupId, t.label),
    unique('households_community_id_unique').on(t.communityId, t.id),
    unique('households_group_id_unique').on(t.communityId, t.groupId, t.id),
    inCommunity('households_group_fk', t.communityId, t.groupId, residentGroups),
  ],
);

export const householdRelations = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'child_in_law', 'other'] as const;
export type HouseholdRelation = (typeof householdRelations)[number];

export const declaredRelations = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'] as const;
export type DeclaredRelation = (typeof declaredRelations)[number];

/** pending → verified, or returned (with a reason the resident reads) → pending again when they resubmit. */
export const residentStatuses = ['pending', 'verified', 'returned'] as const;

/**
 * A person of the community. The ID number is kept encrypted (AES-GCM) with a keyed hash for
 * uniqueness and a masked copy for display; it is never returned whole.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    groupId: uuid('group_id').notNull(),
    /** The household (户) staff placed the resident in, when known. */
    householdId: uuid('household_id'),
    accountId: uuid('account_id').references(() => accounts.id),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneEnc: text('phone_enc'),
    relocatedFrom: text('relocated_from'),
    /**
     * Read from the ID number when it is entered (its 17th digit: odd male, even female,
     * GB 11643): the Gansu rules want a woman on the committee.
     */
    sex: text('sex', { enum: ['male', 'female'] }),
    /** Relation to the head of the household (户主, 配偶, 子女…), as on the 户口簿: near relatives come from it. */
    householdRelation: text('household_relation', { enum: householdRelations }),
    status: text('status', { enum: residentStatuses }).notNull(),
    enteredByAccountId: uuid('entered_by_account_id').references(() => accounts.id),
    verifiedByAccountId: uuid('verified_by_account_id').references(() => accounts.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** Why staff returned the claim: shown to the resident, who corrects it and resubmits. */
    returnReason: text('return_reason'),
    returnedByAccountId: uuid('returned_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('residents_id_number_unique').on(t.communityId, t.idNumberHash),
    unique('residents_account_unique').on(t.communityId, t.accountId),
    index('residents_status_idx').on(t.communityId, t.status, t.id),
    index('residents_group_idx').on(t.communityId, t.groupId),
    index('residents_household_idx').on(t.communityId, t.householdId),
    unique('residents_community_id_unique').on(t.communityId, t.id),
    inCommunity('residents_group_fk', t.communityId, t.groupId, residentGroups),
    // A resident's household is one of their own group's.
    foreignKey({
      name: 'residents_household_fk',
      columns: [t.communityId, t.groupId, t.householdId],
      foreignColumns: [households.communityId, households.groupId, households.id],
    }),
  ],
);

/**
 * A near relative (近亲属) declared by staff beyond what the household shows: `residentId` is
 * `relation` of… read it as "relatedResidentId is residentId's <relation>". Each pair once.
 */
export const residentRelations = pgTable(
  'resident_relations',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    residentId: uuid('resident_id').notNull(),
    relatedResidentId: uuid('related_resident_id').notNull(),
    relation: text('relation', { enum: declaredRelations }).notNull(),
    declaredByAccountId: uuid('declared_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('resident_relations_pair_unique').on(t.communityId, t.residentId, t.relatedResidentId),
    index('resident_relations_related_idx').on(t.communityId, t.relatedResidentId),
    inCommunity('resident_relations_resident_fk', t.communityId, t.residentId, residents),
    inCommunity('resident_relations_related_fk', t.communityId, t.relatedResidentId, residents),
  ],
);
