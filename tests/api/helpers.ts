import { expect } from 'vitest';
import type { RoleName } from '../../db/schema/index.js';
import type { AuthedCtx } from '../../functions/_platform/context.js';
import { makeIdNumber } from '../../functions/residents/id-number.js';
import type { ApiResponse, TestServer } from '../support/server.js';

/** A refusal as a user sees it: the status, the stable code, and a Chinese sentence to act on. */
export function expectProblem(res: ApiResponse, status: number, code: string, detail?: string) {
  expect({ status: res.status, code: res.body?.code }, res.text).toEqual({ status, code });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), requestId: expect.any(String) });
  expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
  if (detail !== undefined) expect(res.body.detail).toBe(detail);
}

/** What a resident reads when a record is not there, or not theirs to see. */
export const notFoundDetail = (what: string) => `没有找到该${what}，可能已被删除或您无权查看。`;

/** The demo accounts of the seed (API.md); `@other` are the same people in 东关社区. */
export const DEMO = {
  staff: { username: 'staff', password: 'Staff#2026', name: '王晓梅' },
  leader1: { username: 'leader1', password: 'Leader#2026', name: '李建国' },
  resident1: { username: 'resident1', password: 'Resident#2026', name: '张桂兰' },
  staffOther: { username: 'staff@other', password: 'Staff#2026', name: '王晓梅' },
} as const;
export const DEMO_PASSWORDS = [DEMO.staff.password, DEMO.leader1.password, DEMO.resident1.password];

/** The seeded ID number of resident1 (region 621021, born 1956-09-08, sequence 024). */
export const RESIDENT1_ID_NUMBER = makeIdNumber('621021', '19560908', '024');

let phoneSeq = Math.floor(Math.random() * 1_000_000);
/** A mobile number nobody in this suite has used yet. */
export const newPhone = () => `139${String(10_000_000 + (phoneSeq++ % 80_000_000)).padStart(8, '0')}`;

let idSeq = 100 + Math.floor(Math.random() * 400);
/**
 * A valid ID number, a new sequence each call, so claims in one suite do not collide. Its 17th
 * digit, the sequence's last, gives the sex (odd male, even female): `sex` picks the next
 * sequence that reads so; without it the sex is whatever the sequence gives.
 */
export const newIdNumber = (birth = '19800615', region = '620102', sex?: 'male' | 'female') => {
  if (sex && idSeq % 2 !== (sex === 'male' ? 1 : 0)) idSeq++;
  return makeIdNumber(region, birth, String(idSeq++ % 1000).padStart(3, '0'));
};

export interface Registered {
  token: string;
  accountId: string;
  phone: string;
  password: string;
  name: string;
}

/** A fresh account registered through the API (no username, no resident record). */
export async function register(server: TestServer, name = '刘春燕'): Promise<Registered> {
  const phone = newPhone();
  const password = 'Chunshu#2026';
  const res = await server.request('POST', '/api/auth/register', { body: { phone, password, name } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { token: res.body.token, accountId: res.body.account.id, phone, password, name };
}

/** Signs in by username or phone, from a given source address (X-Forwarded-For). */
export const login = (server: TestServer, body: Record<string, string>, address = '198.51.100.1') =>
  server.request('POST', '/api/auth/login', { body, headers: { 'X-Forwarded-For': address } });

/**
 * A verb's ctx for a signed-in account with the given roles in its community, for calling a verb
 * directly — the way command-line tools and scripts do, with no route in front.
 */
export function verbCtx(server: TestServer, who: { accountId: string; name: string; communityId: string; roles: RoleName[]; groupId?: string }): AuthedCtx {
  return {
    db: server.db,
    actor: {
      accountId: who.accountId,
      name: who.name,
      sessionId: 'direct-call',
      communityId: who.communityId,
      openid: null,
      roles: who.roles.map((role) => ({ role, communityId: who.communityId, groupId: role === 'group_leader' ? (who.groupId ?? null) : null })),
    },
    communityId: who.communityId,
    now: new Date(),
    requestId: 'direct-call',
    ip: '127.0.0.1',
    services: server.services,
  };
}

/**
 * Rules that depart from the law's defaults need the committee's recorded basis (BASIS_REQUIRED):
 * test elections that set rules give one.
 */
export const withBasis = (rules: Record<string, unknown> | undefined) => (rules && Object.keys(rules).length ? { basis: '测试设定：居民代表会议决定' } : {});
