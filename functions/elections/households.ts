import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { electionVoters, households, residentGroups, residents } from '../../db/schema/index.js';
import { type AuthedCtx, type Ctx, hasRole } from '../_platform/context.js';
import { maskPhone } from '../_platform/crypto.js';
import { notFound } from '../_platform/errors.js';
import { decodeCursor, page } from '../_platform/paging.js';
import { chinaDate } from '../_shared/china-time.js';
import { officeRoles } from '../_shared/roles.js';
import { isLeaderOf } from '../residents/residents.js';
import { type ElectionRow, findCurrentElection, requireElection } from './elections.js';
import { ageOn, readRules } from './rules.js';
import { voterRefusal } from './voters.js';

/** The election a view is about: the one asked for, else the current one (none is fine). */
async function electionFor(ctx: Ctx, electionId: string | undefined): Promise<ElectionRow | null> {
  if (electionId) return requireElection(ctx, electionId);
  return findCurrentElection(ctx);
}

/** Whether residents are on the election's voter list, as a left join. */
const voterJoin = (electionId: string | null) =>
  and(
    eq(electionVoters.communityId, residents.communityId),
    eq(electionVoters.residentId, residents.id),
    eq(electionVoters.status, 'registered'),
    electionId ? eq(electionVoters.electionId, electionId) : sql`false`,
  );

interface MemberRow {
  residentId: string;
  name: string;
  birthDate: string;
  status: 'pending' | 'verified';
  voter: boolean;
  votesForHousehold: boolean;
}

/**
 * The committee's household-by-household view (入户登记): each household (户) of the community or
 * of one group, with its members, their age (on election day when there is an election) and
 * whether they are registered; `missing` are those who could be and are not yet. One query a page.
 */
export async function listHouseholds({ ctx, input }: { ctx: AuthedCtx; input: { groupId?: string; electionId?: string; limit: number; cursor?: string } }) {
  const election = await electionFor(ctx, input.electionId);
  const rules = election ? readRules(election.rules) : null;
  const onDay = election?.electionDay ?? chinaDate(ctx.now);
  const after = decodeCursor(input.cursor);
  const membersWhere = (where: ReturnType<typeof sql>) => sql<MemberRow[]>`coalesce((
    select json_agg(json_build_object('residentId', r.id, 'name', r.name, 'birthDate', r.birth_date, 'status', r.status,
      'voter', v.id is not null, 'votesForHousehold', coalesce(v.votes_for_household, false)) order by r.birth_date, r.id)
    from ${residents} r
    left join ${electionVoters} v on v.community_id = r.community_id and v.resident_id = r.id and v.status = 'registered'
      and v.election_id = ${election?.id ?? null}::uuid
    where ${where}
  ), '[]'::json)`;
  const rows = await ctx.db
    .select({
      id: households.id,
      label: households.label,
      groupId: households.groupId,
      groupName: residentGroups.name,
      members: membersWhere(sql`r.community_id = ${households.communityId} and r.household_id = ${households.id}`),
    })
    .from(households)
    .innerJoin(residentGroups, eq(residentGroups.id, households.groupId))
    .where(
      and(
        eq(households.communityId, ctx.communityId),
        input.groupId ? eq(households.groupId, input.groupId) : undefined,
        after ? gt(households.id, after) : undefined,
      ),
    )
    .orderBy(asc(households.id))
    .limit(input.limit + 1);
  const view = (h: { id: string; label: string; groupId: string; groupName: string; members: MemberRow[] }, unhoused = false) => {
    const list = h.members.map((m) => {
      const eligible = rules ? voterRefusal(m, onDay, rules) === null : false;
      return {
        residentId: m.residentId,
        name: m.name,
        age: ageOn(m.birthDate, onDay),
        voter: m.voter,
        eligible,
        verified: m.status === 'verified',
        votesForHousehold: m.votesForHousehold,
      };
    });
    return {
      id: h.id,
      label: h.label,
      groupId: h.groupId,
      groupName: h.groupName,
      unhoused,
      members: list,
      registered: list.filter((m) => m.voter).length,
      missing: list.filter((m) => m.eligible && !m.voter).map((m) => m.name),
    };
  };
  const result = page(rows, input.limit, (h) => view(h));
  // After the last household, each group's residents who belong to no household yet (未分户):
  // they are on the voter list like anyone, and should not drop out of this view.
  if (!result.nextCursor) {
    const unhoused = await ctx.db
      .select({
        groupId: residentGroups.id,
        groupName: residentGroups.name,
        members: membersWhere(sql`r.community_id = ${residentGroups.communityId} and r.group_id = ${residentGroups.id} and r.household_id is null`),
      })
      .from(residentGroups)
      .where(and(eq(residentGroups.communityId, ctx.communityId), input.groupId ? eq(residentGroups.id, input.groupId) : undefined))
      .orderBy(asc(residentGroups.sortOrder), asc(residentGroups.id));
    for (const g of unhoused) {
      if (g.members.length > 0)
        result.items.push(view({ id: `unhoused-${g.groupId}`, label: '未分户', groupId: g.groupId, groupName: g.groupName, members: g.members }, true));
    }
  }
  return {
    election: election ? { id: election.id, title: election.title, electionDay: election.electionDay, mode: election.mode } : null,
    ...result,
  };
}

/**
 * A resident group's people, for its leader's workspace (我的小组) and for staff: name, masked
 * phone, verified or not, household, and voter or not in the current election. A leader of
 * another group gets 404, as if the group did not exist.
 */
export async function listGroupResidents({ ctx, input }: { ctx: AuthedCtx; input: { groupId: string } }) {
  const staff = hasRole(ctx.actor, ctx.communityId, ...officeRoles);
  if (!staff && !isLeaderOf(ctx, input.groupId)) throw notFound('居民小组');
  const [group] = await ctx.db
    .select({ id: residentGroups.id, name: residentGroups.name })
    .from(residentGroups)
    .where(and(eq(residentGroups.id, input.groupId), eq(residentGroups.communityId, ctx.communityId)));
  if (!group) throw notFound('居民小组');
  const election = await findCurrentElection(ctx);
  const rows = await ctx.db
    .select({
      id: residents.id,
      name: residents.name,
      phoneEnc: residents.phoneEnc,
      status: residents.status,
      birthDate: residents.birthDate,
      householdId: residents.householdId,
      householdLabel: households.label,
      voterId: electionVoters.id,
    })
    .from(residents)
    .leftJoin(households, and(eq(households.id, residents.householdId), eq(households.communityId, residents.communityId)))
    .leftJoin(electionVoters, voterJoin(election?.id ?? null))
    .where(and(eq(residents.communityId, ctx.communityId), eq(residents.groupId, group.id)))
    .orderBy(asc(households.label), asc(residents.birthDate), asc(residents.id));
  const onDay = election?.electionDay ?? chinaDate(ctx.now);
  return {
    group,
    election: election ? { id: election.id, title: election.title, electionDay: election.electionDay } : null,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      ...(r.phoneEnc ? { phoneMasked: maskPhone(ctx.services.cipher.decrypt(r.phoneEnc)) } : {}),
      status: r.status,
      age: ageOn(r.birthDate, onDay),
      ...(r.householdId ? { household: { id: r.householdId, label: r.householdLabel ?? '' } } : {}),
      ...(election ? { voter: r.voterId !== null } : {}),
    })),
  };
}
