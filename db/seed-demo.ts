import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Services } from '../functions/_platform/context.js';
import { maskIdNumber } from '../functions/_platform/crypto.js';
import { insertCommunity } from '../functions/community/create-community.js';
import { makeIdNumber } from '../functions/residents/id-number.js';
import type { Db } from './client.js';
import { accountRoles, accounts, residentGroups, residents } from './schema/index.js';

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
          birthDate: `${p.resident.birth.slice(0, 4)}-${p.resident.birth.slice(4, 6)}-${p.resident.birth.slice(6, 8)}`,
          relocatedFrom: '八珠塬村',
          status: 'verified',
          verifiedAt: new Date(),
          createdAt: new Date(),
        });
      }
    }
    await tx
      .update(residentGroups)
      .set({ leaderAccountId: created[`leader1${suffix}`] })
      .where(eq(residentGroups.id, group1.id));
    return { communityId, groups, accounts: created };
  });
}
