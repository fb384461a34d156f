import type * as z from 'zod';
import type {
  PartyApproval,
  PartyAssignmentIn,
  PartyAttendanceIn,
  PartyBallotIn,
  PartyCandidateIn,
  PartyMeetingIn,
  PartyMemberIn,
  PartyOfficialIn,
  PartyRequestIn,
  PartyRoundIn,
  PartyTallyIn,
} from '../../../functions/party-branch/bodies';
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
/** The party branch: its roster, the requests to the township, the meetings and their votes. */
export const partyApi = {
  members: () => api.get<{ items: Member[] }>('/api/party/members'),
  addMember: (body: z.input<typeof PartyMemberIn>) => api.post<Member>('/api/party/members', body),
  me: () => api.get<Party.PartyMe>('/api/party/me'),
  requests: () => api.get<{ items: Request[] }>('/api/party/requests'),
  request: (id: string) => api.get<Request>(`/api/party/requests/${id}`),
  createRequest: (body: z.input<typeof PartyRequestIn>) => api.post<Request>('/api/party/requests', body),
  approve: (id: string, body: z.input<typeof PartyApproval>) => api.post<Request>(`/api/party/requests/${id}/approval`, body),
  meetings: () =>
    api.get<{ items: { id: string; kind: 'members' | 'committee'; date: string; candidatesPublishedAt: string | null }[] }>('/api/party/meetings'),
  meeting: (id: string) => api.get<Meeting>(m(id)),
  createMeeting: (body: z.input<typeof PartyMeetingIn>) => api.post<Meeting>('/api/party/meetings', body),
  attend: (id: string, memberId: string, present: boolean, leave = false) =>
    api.post<Party.PartyMeeting['quorum']>(`${m(id)}/attendance`, { memberId, present, leave } satisfies z.input<typeof PartyAttendanceIn>),
  addCandidate: (id: string, memberId: string, post: Post, recommendations: number) =>
    api.post(`${m(id)}/candidates`, { memberId, post, recommendations } satisfies z.input<typeof PartyCandidateIn>),
  review: (id: string, cid: string) => api.post(`${m(id)}/candidates/${cid}/review`),
  publish: (id: string) => api.post<Meeting>(`${m(id)}/candidates/publish`),
  appoint: (id: string, memberId: string, role: 'counter' | 'monitor') =>
    api.post(`${m(id)}/officials`, { memberId, role } satisfies z.input<typeof PartyOfficialIn>),
  assign: (id: string, memberId: string, duty: z.input<typeof PartyAssignmentIn>['duty']) =>
    api.post(`${m(id)}/assignments`, { memberId, duty } satisfies z.input<typeof PartyAssignmentIn>),
  ballot: (id: string, memberId: string) =>
    api.post<{ name: string; round: number; ballotsIssued: number }>(`${m(id)}/ballots`, { memberId } satisfies z.input<typeof PartyBallotIn>),
  tally: (id: string, body: z.input<typeof PartyTallyIn>) => api.post<{ round: number; status: string }>(`${m(id)}/tally`, body),
  results: (id: string) => api.get<Results>(`${m(id)}/results`),
  openRound: (id: string, kind: z.input<typeof PartyRoundIn>['kind']) => api.post(`${m(id)}/rounds`, { kind } satisfies z.input<typeof PartyRoundIn>),
};

/** 2027-03-10 → 2027年3月10日 (as the township's papers write dates). */
export const dateZh = (d: string | null | undefined) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');
