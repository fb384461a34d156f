import { randomUUID } from 'node:crypto';
import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, residentGroups } from '../../db/schema/index.js';
import { sqlState } from '../../functions/_platform/pg-errors.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let home: string;
let other: string;
let homeGroup: string;

const rows = async <T>(query: SQL) => (await server.db.execute(query)) as unknown as { rows: T[] };

beforeAll(async () => {
  server = await startTestServer();
  const ids = await server.db.select({ id: communities.id, slug: communities.slug }).from(communities);
  home = ids.find((c) => c.slug === 'bazhujie')!.id;
  other = ids.find((c) => c.slug === 'other')!.id;
  [{ id: homeGroup }] = (await server.db.select({ id: residentGroups.id }).from(residentGroups).where(eq(residentGroups.communityId, home)).limit(1)) as [
    { id: string },
  ];
});
afterAll(() => server.close());

/**
 * Columns named like a reference that point at no single table: the outbox's subject is a
 * notice, a service request event or a proxy application, by `source` (and a rating's event is
 * replaced when the rating changes, while its sent message stays); a photo's check trace is
 * WeChat's id of its media check, not one of our rows.
 */
const NOT_A_REFERENCE = new Set(['outbox_messages.subject_id', 'attachments.check_trace_id']);
/** Accounts are global (a person may move between communities; `community_id` is only home). */
const GLOBAL_PARENTS = new Set(['accounts']);

interface ForeignKey {
  table: string;
  parent: string;
  columns: string[];
  parentColumns: string[];
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const { rows: keys } = await rows<{ table: string; parent: string; columns: string; parent_columns: string }>(sql`
    select c.conrelid::regclass::text as table, c.confrelid::regclass::text as parent,
      (select string_agg(a.attname, ',' order by k.i) from unnest(c.conkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as columns,
      (select string_agg(a.attname, ',' order by k.i) from unnest(c.confkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n) as parent_columns
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
  return keys.map((k) => ({ table: k.table, parent: k.parent, columns: k.columns.split(','), parentColumns: k.parent_columns.split(',') }));
}

async function columnsByTable() {
  const { rows: columns } = await rows<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  return byTable;
}

describe('references held by the database', () => {
  it('makes every *_id column a foreign key, within one community wherever both rows have one', async () => {
    const keys = await foreignKeys();
    const tables = await columnsByTable();
    const problems: string[] = [];
    for (const [table, columns] of tables) {
      const scoped = columns.includes('community_id');
      for (const column of columns.filter((c) => c.endsWith('_id'))) {
        if (NOT_A_REFERENCE.has(`${table}.${column}`)) continue;
        const own = keys.filter((k) => k.table === table && k.columns.includes(column));
        if (column === 'community_id') {
          if (!own.some((k) => k.parent === 'communities' && k.columns.length === 1)) problems.push(`${table}.community_id: no key to communities`);
          continue;
        }
        const key = own.find((k) => k.parent !== 'communities');
        if (!key) {
          problems.push(`${table}.${column}: no foreign key`);
          continue;
        }
        // A parent that belongs to a community must be of the child's community.
        const parentScoped = !GLOBAL_PARENTS.has(key.parent) && (tables.get(key.parent)?.includes('community_id') ?? false);
        if (scoped && parentScoped) {
          const at = key.columns.indexOf('community_id');
          if (at < 0 || key.parentColumns[at] !== 'community_id') problems.push(`${table}.${column}: key to ${key.parent} without community_id`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the tables this test knows of under keys (a renamed column does not slip through)', async () => {
    const keys = await foreignKeys();
    const pairs = new Set(keys.map((k) => `${k.table}(${k.columns}) → ${k.parent}(${k.parentColumns})`));
    for (const expected of [
      'households(community_id,group_id) → resident_groups(community_id,id)',
      'residents(community_id,group_id,household_id) → households(community_id,group_id,id)',
      'election_ballots(community_id,proxy_application_id) → proxy_applications(community_id,id)',
      'service_request_events(community_id,request_id) → service_requests(community_id,id)',
      'service_requests(community_id,category_code) → service_categories(community_id,code)',
      'audit_log(community_id,election_id) → elections(community_id,id)',
      'account_roles(community_id,group_id) → resident_groups(community_id,id)',
      'residents(account_id) → accounts(id)',
    ]) {
      expect(pairs).toContain(expected);
    }
  });
});

describe('one community never points into another', () => {
  const refused = async (query: SQL) => {
    const error = await server.db.execute(query).then(
      () => null,
      (e: unknown) => e,
    );
    return sqlState(error);
  };

  it("refuses a household placed in another community's group, and takes it in its own", async () => {
    const insert = (communityId: string, groupId: string) =>
      sql`insert into households (id, community_id, group_id, label) values (${randomUUID()}, ${communityId}, ${groupId}, ${`跨社区${randomUUID().slice(0, 8)}`})`;
    expect(await refused(insert(other, homeGroup))).toBe('23503');
    expect(await refused(insert(home, homeGroup))).toBeUndefined();
  });

  it("refuses a resident of one community in another community's group", async () => {
    const id = randomUUID();
    expect(
      await refused(sql`insert into residents (id, community_id, group_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, status, created_at)
        values (${id}, ${other}, ${homeGroup}, '外社区', 'x', ${id}, 'x', '1980-01-01', 'pending', now())`),
    ).toBe('23503');
  });

  it('refuses a resident placed in a household of another group than their own', async () => {
    const [household] = (await rows<{ id: string; group_id: string }>(sql`select id, group_id from households where community_id = ${home} limit 1`)).rows;
    const [elsewhere] = (await rows<{ id: string }>(sql`select id from resident_groups where community_id = ${home} and id <> ${household!.group_id} limit 1`))
      .rows;
    const insert = (groupId: string) => {
      const id = randomUUID();
      return sql`insert into residents (id, community_id, group_id, household_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, status, created_at)
        values (${id}, ${home}, ${groupId}, ${household!.id}, '错户', 'x', ${id}, 'x', '1980-01-01', 'pending', now())`;
    };
    expect(await refused(insert(elsewhere!.id))).toBe('23503');
    expect(await refused(insert(household!.group_id))).toBeUndefined();
  });

  it("refuses a leader role over another community's group", async () => {
    const [leader] = (await rows<{ id: string }>(sql`select id from accounts where username = 'leader1@other'`)).rows;
    expect(
      await refused(
        sql`insert into account_roles (id, account_id, community_id, role, group_id) values (${randomUUID()}, ${leader!.id}, ${other}, 'group_leader', ${homeGroup})`,
      ),
    ).toBe('23503');
  });

  it('refuses a reference to a row that does not exist, and an account that does not exist', async () => {
    expect(
      await refused(sql`insert into households (id, community_id, group_id, label) values (${randomUUID()}, ${home}, ${randomUUID()}, '没有的小组')`),
    ).toBe('23503');
    expect(await refused(sql`insert into sessions (id, account_id, created_at, expires_at) values (${randomUUID()}, ${randomUUID()}, now(), now())`)).toBe(
      '23503',
    );
  });

  it('keeps the audit chain whole: an election with audit entries cannot be deleted', async () => {
    const election = randomUUID();
    await server.db.execute(
      sql`insert into elections (id, community_id, title, election_day, seats, rules, created_at, updated_at) values (${election}, ${home}, '测试选举', '2027-01-01', '{}', '{}', now(), now())`,
    );
    await server.db.execute(
      sql`insert into audit_log (community_id, seq, at, actor_name, action, subject, election_id, payload, prev_hash, hash)
        values (${home}, 900000, now(), '系统', 'test', 'test', ${election}, '{}', 'x', 'x')`,
    );
    // Postgres says foreign_key_violation; PGlite (a newer Postgres) restrict_violation.
    expect(['23503', '23001']).toContain(await refused(sql`delete from elections where id = ${election}`));
  });
});
