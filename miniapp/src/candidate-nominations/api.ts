import type * as z from 'zod';
import type { CandidateFixing, NewCandidateNomination, NominationAnswer } from '../../../functions/candidate-nominations/bodies';
import type { CandidateNomination, CandidateNominationList, FixedCandidates } from '../../../functions/candidate-nominations/replies';
import { api } from '../api/client';

export type { CandidateNomination, CandidateNominationList, FixedCandidates };
export type SeatKey = CandidateNomination['seat'];

export const seatChoices: { key: SeatKey; label: string; id: string }[] = [
  { key: 'director', label: '主任', id: 'seat-director' },
  { key: 'deputyDirector', label: '副主任', id: 'seat-deputyDirector' },
  { key: 'members', label: '委员', id: 'seat-members' },
];

export const statusName: Record<CandidateNomination['status'], string> = {
  awaiting_signatures: '等联名人签名',
  awaiting_acceptance: '等被提名人答复',
  accepted: '已接受',
  declined: '不接受',
  withdrawn: '已撤回',
};

/** `3月12日` for a `YYYY-MM-DD`. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Nominating candidates (提名), co-signing, the nominee's answer, and the committee fixing the list. */
export const candidateNominationsApi = {
  list: (electionId: string) => api.get<CandidateNominationList>(`/api/elections/${electionId}/candidate-nominations`),
  nominate: (electionId: string, body: z.input<typeof NewCandidateNomination>, key: string) =>
    api.post<CandidateNomination>(`/api/elections/${electionId}/candidate-nominations`, body, key),
  sign: (electionId: string, id: string) => api.post<CandidateNomination>(`/api/elections/${electionId}/candidate-nominations/${id}/sign`, {}),
  answer: (electionId: string, id: string, accept: boolean) =>
    api.post<CandidateNomination>(`/api/elections/${electionId}/candidate-nominations/${id}/answer`, { accept } satisfies z.input<typeof NominationAnswer>),
  fixCandidates: (electionId: string, seat: SeatKey) =>
    api.post<FixedCandidates>(`/api/elections/${electionId}/candidates/fix`, { seat } satisfies z.input<typeof CandidateFixing>),
};
