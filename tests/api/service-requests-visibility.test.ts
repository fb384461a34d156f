import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, communities, type RoleName, residentGroups, serviceCategories, serviceRequests } from '../../db/schema/index.js';
import type { AuthedCtx } from '../../functions/_platform/context.js';
import { type VisibilityFacts, visibleTo, visibleWhere } from '../../functions/service-requests/visibility.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { verbCtx } from './helpers.js';

/*
 * Who sees a request is said twice: visibleTo on one row (a request's page, every write) and
 * visibleWhere as SQL (the list). Over a table of requests — sensitive and ordinary, filed by the
 * resident, by their group leader or at the window, untaken or held by a colleague, by the
 * caller, or by someone no longer staff — every caller must get the same answer from both.
 */

let server: TestServer;
let communityId: string;
let groupId: string;
const people: Record<string, { id: string; roles: RoleName[] }> = {};
const rows: (VisibilityFacts & { id: string; label: string })[] = [];

const ctxOf = (who: string): AuthedCtx => verbCtx(server, { accountId: people[who]!.id, name: who, communityId, roles: people[who]!.roles, groupId });

beforeAll(async () => {
  server = await startTestServer();
  const [community] = await server.db.select({ id: communities.id }).from(communities).where(eq(communities.slug, 'bazhujie'));
  communityId = community!.id;
  const [group] = await server.db.select({ id: residentGroups.id }).from(residentGroups).where(eq(residentGroups.communityId, communityId)).limit(1);
  groupId = group!.id;
  const cast: [string, RoleName[]][] = [
    ['owner', ['resident']],
    ['neighbour', ['resident']],
    ['leader', ['resident', 'group_leader']],
    ['windowClerk', ['staff']],
    ['colleague', ['staff']],
    ['handler', ['staff']],
    ['director', ['admin']],
    ['formerStaff', []],
  ];
  for (const [who, roles] of cast) {
    const [account] = await server.db.insert(accounts).values({ name: who, communityId }).returning({ id: accounts.id });
    people[who] = { id: account!.id, roles };
  }
  const categories = await server.db.select().from(serviceCategories).where(eq(serviceCategories.communityId, communityId));
  const sensitive = categories.find((c) => c.sensitive)!;
  const ordinary = categories.find((c) => !c.sensitive)!;
  const now = new Date();
  for (const category of [sensitive, ordinary]) {
    for (const filer of ['owner', 'leader', 'windowClerk']) {
      for (const holder of [null, 'handler', 'windowClerk', 'formerStaff']) {
        const label = `${category.sensitive ? 'sensitive' : 'ordinary'}, filed by ${filer}, held by ${holder ?? 'nobody'}`;
        const [row] = await server.db
          .insert(serviceRequests)
          .values({
            communityId,
            ownerAccountId: people.owner!.id,
            filedByAccountId: people[filer]!.id,
            onBehalf: filer !== 'owner',
            groupId,
            categoryCode: category.code,
            title: label,
            description: label,
            status: holder ? 'accepted' : 'submitted',
            assignedToAccountId: holder ? people[holder]!.id : null,
            acceptDueAt: now,
            resolveDueAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: serviceRequests.id });
        rows.push({
          id: row!.id,
          label,
          ownerAccountId: people.owner!.id,
          filedByAccountId: people[filer]!.id,
          sensitive: category.sensitive,
          assignedToAccountId: holder ? people[holder]!.id : null,
        });
      }
    }
  }
});
afterAll(() => server?.close());

async function seenBySql(ctx: AuthedCtx): Promise<string[]> {
  const found = await server.db
    .select({ id: serviceRequests.id, title: serviceRequests.title })
    .from(serviceRequests)
    .innerJoin(serviceCategories, and(eq(serviceCategories.communityId, serviceRequests.communityId), eq(serviceCategories.code, serviceRequests.categoryCode)))
    .where(
      and(
        eq(serviceRequests.communityId, ctx.communityId),
        inArray(
          serviceRequests.id,
          rows.map((r) => r.id),
        ),
        visibleWhere(ctx),
      ),
    );
  return found.map((r) => r.title).sort();
}

describe('who sees a request: the predicate and the list SQL', () => {
  for (const who of ['owner', 'neighbour', 'leader', 'windowClerk', 'colleague', 'handler', 'director', 'formerStaff']) {
    it(`agree on every request for ${who}`, async () => {
      const ctx = ctxOf(who);
      const byPredicate = rows
        .filter((r) => visibleTo(ctx, r))
        .map((r) => r.label)
        .sort();
      expect(await seenBySql(ctx)).toEqual(byPredicate);
    });
  }

  it('give the answers the rule states at its edges', () => {
    const sees = (who: string, label: string) => visibleTo(ctxOf(who), rows.find((r) => r.label === label)!);
    expect(rows.every((r) => sees('owner', r.label) && sees('director', r.label))).toBe(true);
    expect(rows.some((r) => sees('neighbour', r.label))).toBe(false);
    expect(sees('colleague', 'sensitive, filed by owner, held by nobody')).toBe(true);
    expect(sees('colleague', 'sensitive, filed by owner, held by handler')).toBe(false);
    expect(sees('windowClerk', 'sensitive, filed by windowClerk, held by handler')).toBe(false);
    expect(sees('handler', 'sensitive, filed by owner, held by handler')).toBe(true);
    expect(sees('colleague', 'ordinary, filed by owner, held by handler')).toBe(true);
    expect(sees('leader', 'ordinary, filed by leader, held by handler')).toBe(true);
    expect(sees('formerStaff', 'sensitive, filed by owner, held by formerStaff')).toBe(false);
  });
});
