import type * as Party from '../../../functions/party-branch/replies';
import { api } from '../api/client';

export type { Party };
export type Member = Party.PartyMember;
export type Meeting = Party.PartyMeeting;
export type Results = Party.PartyResults;
export type Request = Party.PartyRequest;
export type Post = 'committee' | 'secretary' | 'deputy_secretary';

export const postName: Record<Post, string> = { committee: '支部委员', secretary: '书记', deputy_secretary: '副书记' };
export const statusName = { full: '正式党员', probationary: '预备党员' } as const;
export const branchTypeName = { independent: '独立党支部', joint: '联合党支部', provisional: '临时党支部' } as const;
export const dutyName = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  other: '委员',
} as const;
export const meetingName = { members: '支部党员大会', committee: '支部委员会会议' } as const;
export const roundKindName = { main: '正式选举', further: '另行选举', tie: '票数相等再次投票', repeat: '重新投票' } as const;
export const attendanceName = { present: '到会', leave: '请假', absent: '缺席', unrecorded: '未登记' } as const;

const m = (id: string) => `/api/party/meetings/${id}`;
export const partyApi = {
  members: () => api.get<{ items: Member[] }>('/api/party/members'),
  addMember: (body: Record<string, unknown>) => api.post<Member>('/api/party/members', body),
  me: () => api.get<Party.PartyMe>('/api/party/me'),
  requests: () => api.get<{ items: Request[] }>('/api/party/requests'),
  request: (id: string) => api.get<Request>(`/api/party/requests/${id}`),
  createRequest: (body: Record<string, unknown>) => api.post<Request>('/api/party/requests', body),
  approve: (id: string, body: { approvedOn: string; documentNo: string }) => api.post<Request>(`/api/party/requests/${id}/approval`, body),
  meetings: () =>
    api.get<{ items: { id: string; kind: 'members' | 'committee'; date: string; candidatesPublishedAt: string | null }[] }>('/api/party/meetings'),
  meeting: (id: string) => api.get<Meeting>(m(id)),
  createMeeting: (body: Record<string, unknown>) => api.post<Meeting>('/api/party/meetings', body),
  attend: (id: string, memberId: string, present: boolean, leave = false) =>
    api.post<Party.PartyMeeting['quorum']>(`${m(id)}/attendance`, { memberId, present, leave }),
  addCandidate: (id: string, memberId: string, post: Post, recommendations: number) => api.post(`${m(id)}/candidates`, { memberId, post, recommendations }),
  review: (id: string, cid: string) => api.post(`${m(id)}/candidates/${cid}/review`),
  publish: (id: string) => api.post<Meeting>(`${m(id)}/candidates/publish`),
  appoint: (id: string, memberId: string, role: 'counter' | 'monitor') => api.post(`${m(id)}/officials`, { memberId, role }),
  assign: (id: string, memberId: string, duty: string) => api.post(`${m(id)}/assignments`, { memberId, duty }),
  ballot: (id: string, memberId: string) => api.post<{ name: string; round: number; ballotsIssued: number }>(`${m(id)}/ballots`, { memberId }),
  tally: (id: string, body: unknown) => api.post<{ round: number; status: string }>(`${m(id)}/tally`, body),
  results: (id: string) => api.get<Results>(`${m(id)}/results`),
  openRound: (id: string, kind: 'tie' | 'further' | 'repeat') => api.post(`${m(id)}/rounds`, { kind }),
};

/** 2027-03-10 → 2027年3月10日 (as the township's papers write dates). */
export const dateZh = (d: string | null | undefined) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');
