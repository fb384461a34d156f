import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';

export type Seat = 'director' | 'deputyDirector' | 'members';
export const seatOrder: Seat[] = ['director', 'deputyDirector', 'members'];
export const seatName: Record<Seat, string> = { director: '主任', deputyDirector: '副主任', members: '委员' };
export type OfficialRole = 'counter' | 'monitor' | 'clerk';
export const officialRoleName: Record<OfficialRole, string> = { counter: '计票员', monitor: '监票员', clerk: '发票员' };

export interface Election {
  id: string;
  title: string;
  electionDay: string;
  seats: Record<Seat, number>;
  rules: { candidateSurplus: Record<Seat, number>; proxyMayBeCandidate: boolean };
}
export interface Candidate {
  id: string;
  residentId: string;
  name: string;
  groupName: string;
  seat: Seat;
  proxiesHeld: number;
  proxyConflict: boolean;
}
export interface CandidateList {
  items: Candidate[];
  published: boolean;
  publishedAt: string | null;
}
export interface Official {
  id: string;
  residentId: string;
  name: string;
  groupName: string;
  role: OfficialRole;
  roleName: string;
  approvedAt: string;
}
export interface Turnout {
  registered: number;
  ballotsIssued: number;
  inPerson: number;
  byProxy: number;
}
export interface BallotInfo {
  issuedAt: string;
  handedToName: string;
  byProxy: boolean;
}
export interface DeskRecord {
  electionDay: string;
  isElectionDay: boolean;
  voter: { residentId: string; name: string; groupName: string; registered: boolean };
  ballot: BallotInfo | null;
  entrustedTo: { residentId: string; name: string } | null;
  entrustments: { applicantResidentId: string; name: string; groupName: string; registered: boolean; ballot: BallotInfo | null }[];
  turnout: Turnout;
}
export interface VoterCard {
  residentId: string;
  name: string;
  groupName: string;
  electionTitle: string;
  electionDay: string;
  deskUrl: string;
  qrImage: string;
}
export interface Contender {
  candidateId: string | null;
  name: string;
  votes: number;
}
export interface SeatOutcome {
  elected: Contender[];
  tie: Contender[];
  tieSeats: number;
  runoff: Contender[];
  runoffSeats: number;
}
export interface TallyEntry {
  id: string;
  counterName: string;
  ballotsCast: number;
  invalidBallots: number;
  votes: Record<string, number>;
  writeIns: { name: string; seat: Seat; votes: number }[];
  at: string;
}
export interface Results {
  title: string;
  electionDay: string;
  status: 'counting' | 'mismatch' | 'final';
  registered: number;
  ballotsIssued: number;
  ballotsCast: number | null;
  invalidBallots: number | null;
  valid: boolean | null;
  seats: Partial<Record<Seat, SeatOutcome>>;
  candidates: { id: string; name: string; seat: Seat }[];
  entries?: TallyEntry[];
  published: { publishAt: string; auditHead: { seq: number; hash: string } } | null;
  auditHead: { seq: number; hash: string };
}
export interface Certificate {
  certificateNo: string;
  name: string;
  seatName: string;
  votes: number;
  electionTitle: string;
  electionDay: string;
  communityName: string;
  issuer: string;
  text: string;
  auditHead: { seq: number; hash: string };
  resultsPublishedAt: string | null;
  qrImage: string;
  verifyUrl: string;
}

const base = (id: string) => `/api/elections/${id}`;
export const edApi = {
  election: (id: string) => api.get<Election>(base(id)),
  current: () => api.get<{ election: Election | null }>('/api/elections/current'),
  candidates: (id: string) => api.get<CandidateList>(`${base(id)}/candidates`),
  addCandidate: (id: string, residentId: string, seat: Seat) => api.post<Candidate>(`${base(id)}/candidates`, { residentId, seat }),
  removeCandidate: (id: string, cid: string) => api.del<void>(`${base(id)}/candidates/${cid}`),
  publishCandidates: (id: string) => api.post<{ title: string }>(`${base(id)}/candidates/publish`),
  officials: (id: string) => api.get<{ items: Official[]; me: { role: OfficialRole; roleName: string } | null }>(`${base(id)}/officials`),
  appoint: (id: string, residentId: string, role: OfficialRole) => api.post<Official>(`${base(id)}/officials`, { residentId, role }),
  findVoters: (id: string, q: string) =>
    api.get<{ items: { residentId: string; name: string; groupName: string; issued: boolean; byProxy: boolean }[] }>(`${base(id)}/desk`, { q, limit: 20 }),
  desk: (id: string, residentId: string) => api.get<DeskRecord>(`${base(id)}/desk/${residentId}`),
  issue: (id: string, residentId: string, onBehalfOfResidentId?: string) =>
    api.post<{ voterName: string; handedToName: string; byProxy: boolean; turnout: Turnout }>(`${base(id)}/ballots`, { residentId, onBehalfOfResidentId }),
  turnout: (id: string) => api.get<Turnout>(`${base(id)}/turnout`),
  voterCards: (id: string, cursor?: string) => api.get<{ items: VoterCard[]; nextCursor: string | null }>(`${base(id)}/voter-cards`, { limit: 100, cursor }),
  voterCard: (id: string, residentId: string) => api.get<VoterCard>(`${base(id)}/voter-cards/${residentId}`),
  tally: (id: string, body: unknown) => api.post<{ status: string }>(`${base(id)}/tally`, body),
  results: (id: string) => api.get<Results>(`${base(id)}/results`),
  publishResults: (id: string) => api.post<{ title: string }>(`${base(id)}/results/publish`),
  certificate: (id: string, cid: string) => api.get<Certificate>(`${base(id)}/certificates/${cid}`),
};

/** The election a page is about: `?e=` when given, else the community's current election. */
export function useElection(onError: (message: string) => void): Election | null | undefined {
  const router = useRouter();
  const [election, setElection] = useState<Election | null | undefined>(undefined);
  const given = router.params.e;
  useEffect(() => {
    (given ? edApi.election(given) : edApi.current().then((r) => r.election)).then((e) => setElection(e)).catch((err: unknown) => onError(messageOf(err)));
  }, [given]);
  return election;
}

export const go = (url: string) => Taro.navigateTo({ url });

/** 09:05 in China time. */
export const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
