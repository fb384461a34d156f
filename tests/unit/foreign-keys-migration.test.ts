import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';

/**
 * The migration that added the foreign keys and made the group_leader role row the one record of
 * who leads a group, run on data written before it: the chain up to it, rows as the old code
 * could leave them, then it.
 */
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
const target = journal.entries.find((e) => e.tag.endsWith('_foreign_keys'))!;
const community = '11111111-1111-4111-8111-111111111111';
const account = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`;
const group = (n: number) => `bbbbbbbb-0000-4000-8000-00000000000${n}`;
const role = (n: number) => `cccccccc-0000-4000-8000-00000000000${n}`;
const resident = (n: number) => `dddddddd-0000-4000-8000-00000000000${n}`;
const household = 'eeeeeeee-0000-4000-8000-000000000001';

let db: PGlite;
const apply = async (tag: string) => {
  for (const statement of readFileSync(path.join(migrationsFolder, `${tag}.sql`), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) await db.exec(statement);
  }
};

beforeAll(async () => {
  db = new PGlite('memory://');
  for (const entry of journal.entries.filter((e) => e.idx < target.idx)) await apply(entry.tag);
  await db.exec(`insert into communities (id, slug, name, region) values ('${community}', 'x', '测试社区', '甘肃省')`);
  for (const n of [1, 2, 3, 4]) await db.exec(`insert into accounts (id, name, community_id) values ('${account(n)}', '组长${n}', '${community}')`);
  // Group 1: leader in the column only. Group 2: in the role row only. Group 3: both agree.
  // Group 4: two role rows, the column naming account 4. And a leader role without a group.
  await db.exec(`insert into resident_groups (id, community_id, name, leader_account_id) values
    ('${group(1)}', '${community}', '一组', '${account(1)}'), ('${group(2)}', '${community}', '二组', null),
    ('${group(3)}', '${community}', '三组', '${account(3)}'), ('${group(4)}', '${community}', '四组', '${account(4)}')`);
  await db.exec(`insert into account_roles (id, account_id, community_id, role, group_id) values
    ('${role(2)}', '${account(2)}', '${community}', 'group_leader', '${group(2)}'),
    ('${role(3)}', '${account(3)}', '${community}', 'group_leader', '${group(3)}'),
    ('${role(1)}', '${account(1)}', '${community}', 'group_leader', '${group(4)}'),
    ('${role(9)}', '${account(4)}', '${community}', 'group_leader', '${group(4)}'),
    ('${role(8)}', '${account(4)}', '${community}', 'group_leader', null)`);
  // A claim moved to group 2 that kept its household of group 1, and one rightly placed.
  await db.exec(`insert into households (id, community_id, group_id, label) values ('${household}', '${community}', '${group(1)}', '八珠街01号')`);
  await db.exec(`insert into residents (id, community_id, group_id, household_id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, status, created_at) values
    ('${resident(1)}', '${community}', '${group(2)}', '${household}', '移组', 'x', 'h1', 'x', '1980-01-01', 'pending', now()),
    ('${resident(2)}', '${community}', '${group(1)}', '${household}', '本组', 'x', 'h2', 'x', '1980-01-01', 'verified', now())`);
  await apply(target.tag);
}, 60_000);
afterAll(() => db.close());

describe('one record of who leads a group, migrated', () => {
  it('keeps every leader the old column or the role rows named, one per group, as role rows', async () => {
    const { rows } = await db.query<{ name: string; leader: string }>(`
      select g.name, a.name as leader from resident_groups g
      join account_roles r on r.group_id = g.id and r.role = 'group_leader'
      join accounts a on a.id = r.account_id order by g.id`);
    expect(rows).toEqual([
      { name: '一组', leader: '组长1' },
      { name: '二组', leader: '组长2' },
      { name: '三组', leader: '组长3' },
      { name: '四组', leader: '组长4' },
    ]);
  });

  it('drops the column and the leader role that named no group', async () => {
    const { rows: columns } = await db.query(
      `select 1 from information_schema.columns where table_name = 'resident_groups' and column_name = 'leader_account_id'`,
    );
    expect(columns).toHaveLength(0);
    const { rows: groupless } = await db.query(`select 1 from account_roles where role = 'group_leader' and group_id is null`);
    expect(groupless).toHaveLength(0);
  });
});

describe('households kept within their group, migrated', () => {
  it('takes a household of another group from the resident, and leaves a right one', async () => {
    const { rows } = await db.query<{ name: string; household_id: string | null }>(`select name, household_id from residents order by id`);
    expect(rows).toEqual([
      { name: '移组', household_id: null },
      { name: '本组', household_id: household },
    ]);
  });
});
