import type * as z from 'zod';
import { chinaDate, daysBetween } from '../../../functions/_shared/china-time';
import type { HouseholdVoterIn } from '../../../functions/election-day/bodies';
import type { VoterListPublication } from '../../../functions/election-desk/bodies';
import type { ElectionChange, NewElection, NominationIn, VoterRegistrationIn } from '../../../functions/elections/bodies';
import { api, downloadFile } from './client';
import type {
  AuditPage,
  AuditVerify,
  CurrentElection,
  Deadlines,
  Election,
  ElectionCalendarPreview,
  ElectionDay,
  ElectionSteps,
  HouseholdPage,
  MyElectionStatus,
  Nomination,
  NominationList,
  NominationStatus,
  PublishedNotice,
  Voter,
  VotersRegistered,
} from './types';

export type {
  AuditEntry,
  AuditVerify,
  CurrentElection,
  Election,
  ElectionSteps,
  GroupResident,
  GroupResidents,
  Household,
  MyElectionStatus,
  Nomination,
  NominationStatus,
  Seats,
  Step,
} from './types';

/** Elections: set-up, the voter list, representatives, the committee's desk and the audit chain. */
export const electionsApi = {
  current: () => api.get<CurrentElection>('/api/elections/current'),
  get: (id: string) => api.get<Election>(`/api/elections/${id}`),
  create: (body: z.input<typeof NewElection>, key: string) => api.post<Election>('/api/elections', body, key),
  update: (id: string, body: z.input<typeof ElectionChange>) => api.put<Election>(`/api/elections/${id}`, body),
  /** The committee's desk: the election's steps in the law's order. */
  steps: (id: string) => api.get<ElectionSteps>(`/api/elections/${id}/steps`),
  /** The deadlines a new election on this day would have, and those already past. */
  previewDay: (electionDay: string) => api.get<ElectionCalendarPreview>('/api/election-calendar', { electionDay }),
  myStatus: (id: string) => api.get<MyElectionStatus>(`/api/elections/${id}/me`),
  registerAllVoters: (id: string) => api.post<VotersRegistered>(`/api/elections/${id}/voters`, { all: true } satisfies z.input<typeof VoterRegistrationIn>),
  registerVoter: (id: string, residentId: string) =>
    api.post<Voter>(`/api/elections/${id}/voters`, { residentId } satisfies z.input<typeof VoterRegistrationIn>),
  publishVoterList: (id: string) => api.post<PublishedNotice>(`/api/elections/${id}/voter-list/publish`, {} satisfies z.input<typeof VoterListPublication>),
  /** In an election by households: the member who votes for the household. */
  nameHouseholdVoter: (id: string, householdId: string, body: z.input<typeof HouseholdVoterIn>) =>
    api.put<ElectionDay.HouseholdVoter>(`/api/elections/${id}/households/${householdId}/voter`, body),
  listNominations: (id: string, groupId?: string) => api.get<NominationList>(`/api/elections/${id}/nominations`, { groupId }),
  /** A representative, with the group meeting that elected them where it is recorded (required where representatives vote). */
  nominate: (id: string, body: z.input<typeof NominationIn>) => api.post<Nomination>(`/api/elections/${id}/nominations`, body),
  withdrawNomination: (id: string, nid: string) => api.del<void>(`/api/elections/${id}/nominations/${nid}`),
  confirmNomination: (id: string, nid: string) => api.post<Nomination>(`/api/elections/${id}/nominations/${nid}/confirm`),
  households: (query: { groupId?: string; electionId?: string; cursor?: string }) => api.get<HouseholdPage>('/api/households', { ...query, limit: 50 }),
  audit: (electionId?: string) => api.get<AuditPage>('/api/audit', { electionId }),
  verifyAudit: () => api.get<AuditVerify>('/api/audit/verify'),
  downloadExport: (id: string, kind: 'voters' | 'nominations') =>
    downloadFile(`/api/elections/${id}/exports/${kind}.xlsx`, {}, kind === 'voters' ? '选民名单.xlsx' : '居民代表.xlsx'),
};

/** The current election with its calendar, or undefined when there is none (or not loaded yet). */
export const calendarOf = (c: CurrentElection | undefined | null) => (c?.election ? c : undefined);

/** The calendar's deadlines in the order they come, in plain words. */
export const deadlineNames: [keyof Deadlines, string][] = [
  ['voterListNoticeBy', '公布选民名单'],
  ['candidateListBy', '公布候选人名单'],
  ['proxyApplyBy', '委托投票申请截止'],
  ['electionDay', '选举日（投票）'],
];

/** Whole days from `today` to `day` (both YYYY-MM-DD, China dates). */
export const daysUntil = daysBetween;

export function countdown(today: string, day: string): string {
  const n = daysUntil(today, day);
  if (n > 0) return `还有 ${n} 天`;
  if (n === 0) return '就是今天';
  return '已过';
}

/** Today's date in China time (the pages' countdowns use the server's `today` when it gives one). */
export const chinaToday = () => chinaDate(new Date());

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
