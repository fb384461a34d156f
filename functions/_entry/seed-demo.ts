import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/client.js';
import { accountRoles, accounts, type HouseholdRelation, households, residents } from '../../db/schema/index.js';
import type { Services } from '../_platform/context.js';
import { maskIdNumber } from '../_platform/crypto.js';
import { insertCommunity } from '../community/create-community.js';
import { makeIdNumber, sexFromIdNumber } from '../residents/id-number.js';

const GROUPS = ['第一居民小组', '第二居民小组', '第三居民小组', '第四居民小组', '第五居民小组', '第六居民小组', '第七居民小组', '第八居民小组'];

/**
 * The demo community 八珠街社区 with its eight resident groups, the service categories and the
 * demo accounts of API.md. Demo seed only: never run against a production database.
 */
export async function seedDemo(services: Pick<Services, 'db' | 'cipher'>, opts: { slug?: string; name?: string } = {}) {
  const { db, cipher } = services;
  return db.transaction(async (tx) => {
    const { communityId, groups } = await insertCommunity(tx as unknown as Db, {
      slug: opts.slug ?? 'bazhujie',
      name: opts.name ?? '八珠街社区',
      region: '甘肃省八珠乡',
      households: 557,
      population: 2565,
      groups: GROUPS,
    });
    const group1 = groups[0]!;
    const suffix = opts.slug && opts.slug !== 'bazhujie' ? `@${opts.slug}` : '';
    const people = [
      { username: `staff${suffix}`, password: 'Staff#2026', name: '王晓梅', roles: ['staff', 'committee'] as const, resident: null },
      {
        username: `leader1${suffix}`,
        password: 'Leader#2026',
        name: '李建国',
        roles: ['group_leader', 'resident'] as const,
        resident: { birth: '19680315', seq: '0131' },
      },
      { username: `resident1${suffix}`, password: 'Resident#2026', name: '张桂兰', roles: ['resident'] as const, resident: { birth: '19560908', seq: '0242' } },
      // The party branch's organiser (API.md), with an empty roster: granted by an administrator in real use.
      { username: `organizer${suffix}`, password: 'Party#2026', name: '赵党建', roles: ['party_organizer'] as const, resident: null },
    ];
    const created: Record<string, string> = {};
    for (const p of people) {
      const [account] = await tx
        .insert(accounts)
        .values({ username: p.username, name: p.name, passwordHash: await hash(p.password), communityId })
        .returning({ id: accounts.id });
      created[p.username] = account!.id;
      await tx
        .insert(accountRoles)
        .values(p.roles.map((role) => ({ accountId: account!.id, communityId, role, groupId: role === 'group_leader' ? group1.id : null })));
      if (p.resident) {
        const idNumber = makeIdNumber('621021', p.resident.birth, p.resident.seq.slice(0, 3));
        await tx.insert(residents).values({
          communityId,
          groupId: group1.id,
          accountId: account!.id,
          name: p.name,
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.hash(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          sex: sexFromIdNumber(idNumber),
          birthDate: `${p.resident.birth.slice(0, 4)}-${p.resident.birth.slice(4, 6)}-${p.resident.birth.slice(6, 8)}`,
          relocatedFrom: '八珠塬村',
          status: 'verified',
          verifiedAt: new Date(),
          createdAt: new Date(),
        });
      }
    }
    await seedHouseholds(tx as unknown as Db, cipher, communityId, groups);
    return { communityId, groups, accounts: created };
  });
}

const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '马', '周', '何', '韩', '郭'];
const GIVEN = ['建华', '秀英', '志强', '桂芳', '德明', '玉兰', '海军', '春梅', '文斌', '淑珍', '小龙', '佳怡', '子涵', '浩然', '雨欣', '俊杰'];
/**
 * Who lives in a demo household, by generation: grandparents, parents, children. Birth years
 * spread so some children are under 18 and one comes of age around the demo election.
 */
const HOUSEHOLD_SHAPES: { born: string; given: number; relation: HouseholdRelation; pending?: true }[][] = [
  [
    { born: '19520314', given: 0, relation: 'head' },
    { born: '19541102', given: 1, relation: 'spouse' },
    { born: '19780620', given: 2, relation: 'child' },
    { born: '20120905', given: 12, relation: 'grandchild' },
  ],
  [
    { born: '19750118', given: 4, relation: 'head' },
    { born: '19770423', given: 5, relation: 'spouse' },
    { born: '20090301', given: 13, relation: 'child' },
  ],
  [
    { born: '19480729', given: 6, relation: 'head' },
    { born: '19830210', given: 7, relation: 'child', pending: true },
    { born: '20150616', given: 14, relation: 'grandchild' },
  ],
  [
    { born: '19660912', given: 8, relation: 'head' },
    { born: '19680505', given: 9, relation: 'spouse' },
    { born: '19920227', given: 10, relation: 'child' },
    { born: '20080229', given: 15, relation: 'child' },
  ],
];

/**
 * Three households in each of the first five groups, 3 or 4 people each, with plausible birth dates (some under
 * 18, one born on 29 February), so the household view, the leader's 我的小组 and the bench have
 * people to show. Window entries without accounts; the demo accounts above are not touched.
 */
async function seedHouseholds(db: Db, cipher: Pick<Services['cipher'], 'encrypt' | 'hash'>, communityId: string, groups: { id: string }[]) {
  let seq = 300;
  const rows: (typeof residents.$inferInsert)[] = [];
  // The first five groups only: tests count what they create in groups 6 to 8, which stay empty.
  for (const [g, group] of groups.slice(0, 5).entries()) {
    for (let h = 0; h < 3; h++) {
      const shape = HOUSEHOLD_SHAPES[(g + h) % HOUSEHOLD_SHAPES.length]!;
      const surname = SURNAMES[(g * 3 + h) % SURNAMES.length]!;
      const [household] = await db
        .insert(households)
        .values({ communityId, groupId: group.id, label: `八珠街${String(g * 10 + h * 3 + 1).padStart(2, '0')}号` })
        .returning({ id: households.id });
      for (const person of shape) {
        const idNumber = makeIdNumber('621022', person.born, String(seq++).padStart(3, '0'));
        const phone = person.born < '20000000' ? `1389310${String(seq).padStart(4, '0')}` : null;
        rows.push({
          communityId,
          groupId: group.id,
          householdId: household!.id,
          accountId: null,
          name: surname + GIVEN[(person.given + g) % GIVEN.length],
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.hash(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          sex: sexFromIdNumber(idNumber),
          householdRelation: person.relation,
          birthDate: `${person.born.slice(0, 4)}-${person.born.slice(4, 6)}-${person.born.slice(6, 8)}`,
          phoneEnc: phone ? cipher.encrypt(phone) : null,
          relocatedFrom: '八珠塬村',
          status: person.pending ? 'pending' : 'verified',
          verifiedAt: person.pending ? null : new Date(),
          createdAt: new Date(),
        });
      }
    }
  }
  await db.insert(residents).values(rows);
}
