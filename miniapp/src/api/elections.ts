import { api, downloadFile } from './client';

/** Shapes of API.md "Elections" as the pages use them. */
export interface Seats {
  director: number;
  deputyDirector: number;
  members: number;
}

export interface Election {
  id: string;
  title: string;
  electionDay: string;
  seats: Seats;
  rules: { minVoterAge: number; voterListNoticeDays: number; repsPerGroup: number; maxProxiesPerVoter: number; proxyApplyDaysBefore: number };
  deadlines: Record<string, string>;
}

export interface CurrentElection {
  election: Election | null;
  deadlines?: Record<string, string>;
  today?: string;
  phase?: { code: string; name: string; todo: string[] };
  registeredVoters?: number;
}

export type NominationStatus = 'nominated' | 'confirmed' | 'withdrawn';
export interface Nomination {
  id: string;
  groupId: string;
  groupName: string;
  residentId: string;
  name: string;
  status: NominationStatus;
  nominatedByName?: string;
  createdAt: string;
  confirmedAt: string | null;
}

export interface MyElectionStatus {
  voter: { residentId: string; name: string; age: number; status: 'registered' } | null;
  reason: string | null;
  eligible?: boolean;
  nominations: Nomination[];
}

export interface GroupResident {
  id: string;
  name: string;
  phoneMasked?: string;
  status: 'pending' | 'verified';
  age: number;
  household?: { id: string; label: string };
  voter?: boolean;
}

export interface Household {
  id: string;
  label: string;
  groupId: string;
  groupName: string;
  members: { residentId: string; name: string; age: number; voter: boolean; eligible: boolean; verified: boolean }[];
  registered: number;
  missing: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  subject: string;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  length: number;
  head: string;
  brokenAt?: number;
  brokenEntry?: { seq: number; at: string; action: string; subject: string; actorName: string } | null;
}

export const getCurrentElection = () => api.get<CurrentElection>('/api/elections/current');
export const createElection = (body: { title: string; electionDay: string; seats: Seats }, key: string) => api.post<Election>('/api/elections', body, key);
export const getMyElectionStatus = (id: string) => api.get<MyElectionStatus>(`/api/elections/${id}/me`);
export const registerAllVoters = (id: string) => api.post<{ registered: number }>(`/api/elections/${id}/voters`, { all: true });
export const registerVoter = (id: string, residentId: string) => api.post<{ name: string }>(`/api/elections/${id}/voters`, { residentId });
export const listNominations = (id: string, groupId?: string) =>
  api.get<{ items: Nomination[]; repsPerGroup: number }>(`/api/elections/${id}/nominations`, { groupId });
export const nominate = (id: string, residentId: string) => api.post<Nomination>(`/api/elections/${id}/nominations`, { residentId });
export const withdrawNomination = (id: string, nid: string) => api.del<void>(`/api/elections/${id}/nominations/${nid}`);
export const confirmNomination = (id: string, nid: string) => api.post<Nomination>(`/api/elections/${id}/nominations/${nid}/confirm`);
export const getGroupResidents = (groupId: string) =>
  api.get<{ group: { id: string; name: string }; election: { id: string; title: string } | null; items: GroupResident[] }>(`/api/groups/${groupId}/residents`);
export const listHouseholds = (query: { groupId?: string; electionId?: string; cursor?: string }) =>
  api.get<{ election: { id: string; title: string } | null; items: Household[]; nextCursor: string | null }>('/api/households', { ...query, limit: 50 });
export const getAudit = (electionId?: string) => api.get<{ items: AuditEntry[]; nextCursor: string | null }>('/api/audit', { electionId });
export const verifyAudit = () => api.get<AuditVerify>('/api/audit/verify');
export const downloadExport = (id: string, kind: 'voters' | 'nominations') =>
  downloadFile(`/api/elections/${id}/exports/${kind}.xlsx`, {}, kind === 'voters' ? '选民名单.xlsx' : '居民代表.xlsx');

/** The calendar's deadlines in the order they come, in plain words. */
export const deadlineNames: [string, string][] = [
  ['voterListNoticeBy', '公布选民名单'],
  ['candidateListBy', '公布候选人名单'],
  ['proxyApplyBy', '委托投票申请截止'],
  ['electionDay', '选举日（投票）'],
];

/** Whole days from `today` to `day` (both YYYY-MM-DD, China dates). */
export function daysUntil(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function countdown(today: string, day: string): string {
  const n = daysUntil(today, day);
  if (n > 0) return `还有 ${n} 天`;
  if (n === 0) return '就是今天';
  return '已过';
}

/** Today's date in China time (the pages' countdowns use the server's `today` when it gives one). */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const actionNames: Record<string, string> = {
  'election.created': '创建选举',
  'election.changed': '修改选举',
  'voter.registered': '登记选民',
  'voter.removed': '移出选民',
  'nomination.created': '推荐居民代表',
  'nomination.withdrawn': '撤回推荐',
  'nomination.confirmed': '确认居民代表',
  'group_leader.recorded': '任命组长',
  'group_leader.removed': '免去组长',
};

export const nominationStatusNames: Record<NominationStatus, string> = { nominated: '待确认', confirmed: '已确认', withdrawn: '已撤回' };
