import Taro, { useRouter } from '@tarojs/taro';
import type * as z from 'zod';
import { chinaClock } from '../../../functions/_shared/china-time';
import { officialRoleNames, seatNamesZh } from '../../../functions/_shared/election-labels';
import type { Anchor } from '../../../functions/audit/replies';
import type { Appointment, BallotIssue, NewCandidate, NewRound, TallyIn, WriteInMatch } from '../../../functions/election-day/bodies';
import { api } from '../api/client';
import { electionsApi } from '../api/elections';
import { useLoad } from '../api/hooks';
import type { ElectionDay, Election as ElectionReply } from '../api/types';

export type Seat = ElectionDay.Seat;
export const seatOrder: Seat[] = ['director', 'deputyDirector', 'members'];
/** The server's words for the seats and officials (functions/_shared/election-labels.ts), one copy for both. */
export const seatName: Record<Seat, string> = seatNamesZh;
export type OfficialRole = ElectionDay.OfficialRole;
export const officialRoleName: Record<OfficialRole, string> = officialRoleNames;

export type Election = ElectionReply;
export type Candidate = ElectionDay.ListedCandidate;
export type CandidateList = ElectionDay.CandidateList;
export type Official = ElectionDay.Official;
export type Turnout = ElectionDay.Turnout;
export type BallotInfo = ElectionDay.BallotInfo;
export type DeskRecord = ElectionDay.DeskRecord;
/** A voter card as printed: with the audit chain's head when it was made (functions/election-day/printed-voter-cards.ts). */
export type VoterCard = ElectionDay.VoterCard & { anchor: Anchor };
export type Contender = ElectionDay.Contender;
export type SeatOutcome = ElectionDay.SeatOutcome;
export type TallyEntry = ElectionDay.TallyEntry;
export type Results = ElectionDay.Results;
export type RoundResult = Results['rounds'][number];
export const roundKindName = { main: '正式选举', further: '另行选举', tie: '票数相等再次投票', repeat: '重新投票' } as const;
/** `第2轮（另行选举，副主任）`; the main vote is just 正式选举. */
export const roundTitle = (r: Pick<RoundResult, 'n' | 'kind' | 'seat'>) =>
  r.n === 1 ? '正式选举' : `第${r.n}轮（${roundKindName[r.kind]}${r.seat ? `，${seatName[r.seat]}` : ''}）`;
export type Certificate = ElectionDay.Certificate;
export type FoundVoter = ElectionDay.DeskSearch['items'][number];
export type MyAppointment = ElectionDay.Officials['me'];

const base = (id: string) => `/api/elections/${id}`;
/** Election day: candidates, officials, the ballot desk, voter cards, the count, results and certificates. */
export const electionDayApi = {
  candidates: (id: string) => api.get<CandidateList>(`${base(id)}/candidates`),
  addCandidate: (id: string, residentId: string, seat: Seat) =>
    api.post<ElectionDay.Candidate>(`${base(id)}/candidates`, { residentId, seat } satisfies z.input<typeof NewCandidate>),
  removeCandidate: (id: string, cid: string) => api.del<void>(`${base(id)}/candidates/${cid}`),
  publishCandidates: (id: string) => api.post<ElectionDay.ElectionNotice>(`${base(id)}/candidates/publish`),
  officials: (id: string) => api.get<ElectionDay.Officials>(`${base(id)}/officials`),
  appoint: (id: string, residentId: string, role: OfficialRole) =>
    api.post<Official>(`${base(id)}/officials`, { residentId, role } satisfies z.input<typeof Appointment>),
  findVoters: (id: string, q: string) => api.get<ElectionDay.DeskSearch>(`${base(id)}/desk`, { q, limit: 20 }),
  desk: (id: string, residentId: string) => api.get<DeskRecord>(`${base(id)}/desk/${residentId}`),
  issue: (id: string, residentId: string, onBehalfOfResidentId?: string) =>
    api.post<ElectionDay.IssuedBallot>(`${base(id)}/ballots`, { residentId, onBehalfOfResidentId } satisfies z.input<typeof BallotIssue>),
  turnout: (id: string) => api.get<Turnout>(`${base(id)}/turnout`),
  voterCards: (id: string, cursor?: string) =>
    api.get<{ items: VoterCard[]; nextCursor: string | null; anchor: Anchor }>(`${base(id)}/voter-cards`, { limit: 100, cursor }),
  voterCard: (id: string, residentId: string) => api.get<VoterCard>(`${base(id)}/voter-cards/${residentId}`),
  tally: (id: string, body: z.input<typeof TallyIn>) => api.post<ElectionDay.TallyEntered>(`${base(id)}/tally`, body),
  results: (id: string) => api.get<Results>(`${base(id)}/results`),
  publishResults: (id: string) => api.post<ElectionDay.PublishedResults>(`${base(id)}/results/publish`),
  certificate: (id: string, cid: string) => api.get<Certificate>(`${base(id)}/certificates/${cid}`),
  openRound: (id: string, body: z.input<typeof NewRound>) => api.post<ElectionDay.Round>(`${base(id)}/rounds`, body),
  matchWriteIn: (id: string, wid: string, body: z.input<typeof WriteInMatch>) => api.post<ElectionDay.WriteIn>(`${base(id)}/write-ins/${wid}/match`, body),
};

/**
 * The election a page is about: `?e=` when given, else the community's current election;
 * undefined while loading, null when there is none.
 */
export function useElection(): { election: Election | null | undefined; error: string } {
  const given = useRouter().params.e;
  const { data, error } = useLoad(async () => (given ? electionsApi.get(given) : (await electionsApi.current()).election));
  return { election: data, error };
}

export const go = (url: string) => Taro.navigateTo({ url });

/** 09:05 in China time. */
export const chinaTime = (iso: string) => chinaClock(iso);
