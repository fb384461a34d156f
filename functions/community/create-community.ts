import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/client.js';
import { accountRoles, accounts, communities, residentGroups, serviceCategories } from '../../db/schema/index.js';
import { passwordProblem } from '../auth/password.js';
import { defaultServiceCategories } from '../service-requests/categories.js';

export interface NewCommunity {
  slug: string;
  name: string;
  region: string;
  households?: number;
  population?: number;
  /** Resident groups in order, e.g. 第一居民小组 … */
  groups: string[];
  /** The first staff account: staff, election committee and admin of the new community. */
  admin: { username: string; name: string; password: string };
}

/**
 * A community joins: its row, its resident groups, the service window's default categories and
 * its first administrator, in one transaction. Used by `npm run community:create` in production
 * and by the demo seed.
 */
export async function createCommunity(db: Db, input: NewCommunity) {
  if (!/^[a-z0-9-]{2,40}$/.test(input.slug)) throw new Error('slug: 2–40 lower-case letters, digits or dashes');
  if (input.groups.length === 0) throw new Error('a community needs at least one resident group');
  const weak = passwordProblem(input.admin.password);
  if (weak) throw new Error(`admin password: ${weak}`);
  const passwordHash = await hash(input.admin.password);
  return db.transaction(async (tx) => {
    const { communityId, groups } = await insertCommunity(tx as unknown as Db, input);
    const [admin] = await tx
      .insert(accounts)
      .values({ username: input.admin.username, name: input.admin.name, passwordHash, communityId })
      .returning({ id: accounts.id });
    await tx.insert(accountRoles).values((['staff', 'committee', 'admin'] as const).map((role) => ({ accountId: admin!.id, communityId, role })));
    return { communityId, groups, adminAccountId: admin!.id };
  });
}

/** The community's own rows: itself, its resident groups, the window's default categories. */
export async function insertCommunity(db: Db, input: Omit<NewCommunity, 'admin'>) {
  const [community] = await db
    .insert(communities)
    .values({ slug: input.slug, name: input.name, region: input.region, households: input.households ?? null, population: input.population ?? null })
    .returning({ id: communities.id });
  const communityId = community!.id;
  const groups = await db
    .insert(residentGroups)
    .values(input.groups.map((name, i) => ({ communityId, name, sortOrder: i + 1 })))
    .returning({ id: residentGroups.id, name: residentGroups.name });
  await db.insert(serviceCategories).values(defaultServiceCategories.map((c, i) => ({ ...c, communityId, sortOrder: i + 1 })));
  return { communityId, groups };
}
