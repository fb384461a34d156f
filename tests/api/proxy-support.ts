import type { TestServer } from '../support/server.js';
import { newIdNumber, register, withBasis } from './helpers.js';

export const seats = { director: 1, deputyDirector: 1, members: 3 };

/** People of the proxy suites: an account linked to a verified resident of the community. */
export interface Person {
  token: string;
  residentId: string;
  name: string;
}

/** Registers an account, claims residency in the group and has staff verify it: a resident who can sign in. */
export async function residentWithAccount(server: TestServer, staffToken: string, groupId: string, name: string, birth = '19700101'): Promise<Person> {
  const account = await register(server, name);
  const claim = await server.request('POST', '/api/me/resident-claim', { token: account.token, body: { name, idNumber: newIdNumber(birth), groupId } });
  if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${claim.text}`);
  const residentId = claim.body.resident.id as string;
  const verified = await server.request('POST', `/api/residents/${residentId}/verify`, { token: staffToken });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${verified.text}`);
  return { token: account.token, residentId, name };
}

export async function createElection(server: TestServer, token: string, electionDay: string, rules: Record<string, unknown> = {}) {
  const res = await server.request('POST', '/api/elections', {
    token,
    body: { title: `委托投票测试${electionDay}`, electionDay, seats, rules, ...withBasis(rules) },
  });
  if (res.status !== 201) throw new Error(`election: ${res.status} ${res.text}`);
  return res.body as { id: string; electionDay: string; deadlines: Record<string, string> };
}

export async function registerVoters(server: TestServer, token: string, electionId: string, residentIds: string[]) {
  for (const residentId of residentIds) {
    const res = await server.request('POST', `/api/elections/${electionId}/voters`, { token, body: { residentId } });
    if (res.status !== 201) throw new Error(`voter: ${res.status} ${res.text}`);
  }
}

export const applyFor = (server: TestServer, electionId: string, applicant: Person, proxyResidentId: string, reason = '外出务工，选举日不在本地') =>
  server.request('POST', `/api/elections/${electionId}/proxy-applications`, { token: applicant.token, body: { proxyResidentId, reason } });

export const consent = (server: TestServer, electionId: string, pid: string, proxy: Person, accept = true) =>
  server.request('POST', `/api/elections/${electionId}/proxy-applications/${pid}/consent`, { token: proxy.token, body: { accept } });

export const decide = (server: TestServer, electionId: string, pid: string, token: string, approve = true, note?: string) =>
  server.request('POST', `/api/elections/${electionId}/proxy-applications/${pid}/decision`, { token, body: { approve, ...(note ? { note } : {}) } });

export const withdraw = (server: TestServer, electionId: string, pid: string, applicant: Person) =>
  server.request('POST', `/api/elections/${electionId}/proxy-applications/${pid}/withdraw`, { token: applicant.token, body: {} });

/** Residents with accounts in one group, made in order (each verified by the committee). */
export async function residentsWithAccounts(server: TestServer, staffToken: string, groupId: string, names: string[]) {
  const people: Person[] = [];
  for (const name of names) people.push(await residentWithAccount(server, staffToken, groupId, name));
  return people;
}

/**
 * A maker of elections far ahead in `year` (applications open at the real clock), one day apart,
 * each with the given people on its voter list.
 */
export function electionMaker(server: TestServer, token: string, year: number) {
  let day = 0;
  return async (voters: Person[], rules: Record<string, unknown> = {}) => {
    day += 1;
    const electionDay = `${year}-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
    const election = await createElection(server, token, electionDay, rules);
    await registerVoters(
      server,
      token,
      election.id,
      voters.map((p) => p.residentId),
    );
    return election;
  };
}

/** A China-time date `n` days from today: near enough that sessions opened now are still valid when the clock is pinned there. */
export const daysAhead = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
/** 00:00 in Beijing on a date, `n` days from it. */
export const beijingMidnight = (date: string, n = 0) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + n * 86_400_000);
export const justBefore = (at: Date) => new Date(at.getTime() - 1);
