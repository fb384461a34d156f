import type { TestServer } from '../support/server.js';
import { newIdNumber, register } from './helpers.js';

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
  const res = await server.request('POST', '/api/elections', { token, body: { title: `委托投票测试${electionDay}`, electionDay, seats, rules } });
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
