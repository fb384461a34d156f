import type * as z from 'zod';
import type { NewObjection, ObjectionDecision, VoterApplication } from '../../../functions/voter-objections/bodies';
import type { Objection, ObjectionPage, ObjectionPeople } from '../../../functions/voter-objections/replies';
import { api } from '../api/client';

export type { Objection, ObjectionPage };
export type Person = ObjectionPeople['items'][number];
export type ObjectionKind = 'omitted' | 'wrongly_included' | 'wrong_details';
export type Basis = 'hukou' | 'residence' | 'worker';

/** The kinds as a resident says them. */
export const kindChoices: { key: ObjectionKind; label: string; id: string }[] = [
  { key: 'omitted', label: '有人漏登了', id: 'kind-omitted' },
  { key: 'wrongly_included', label: '有人不该登记', id: 'kind-wrongly_included' },
  { key: 'wrong_details', label: '登记信息有误', id: 'kind-wrong_details' },
];

/** 第十六条's three ways onto the list, in a resident's words. */
export const basisChoices: { key: Basis; label: string; hint: string }[] = [
  { key: 'hukou', label: '户籍在本社区', hint: '户口本在本社区' },
  { key: 'residence', label: '在本社区居住满六个月', hint: '户口在外地，在这里住了半年以上' },
  { key: 'worker', label: '在本社区工作满六个月', hint: '社区工作者，户口和住处都不在这里' },
];

export const statusName: Record<Objection['status'], string> = { open: '等待处理', upheld: '成立', dismissed: '不成立' };

/** `3月6日` for a `YYYY-MM-DD`. */
export const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Objections to the voter list, applications to be on it, and the committee's decisions. */
export const objectionsApi = {
  list: (electionId: string) => api.get<ObjectionPage>(`/api/elections/${electionId}/objections`, { limit: 100 }),
  searchPeople: (electionId: string, name: string) => api.get<ObjectionPeople>(`/api/elections/${electionId}/objection-people`, { name }),
  file: (electionId: string, body: z.input<typeof NewObjection>, key: string) => api.post<Objection>(`/api/elections/${electionId}/objections`, body, key),
  applyToVote: (electionId: string, basis: Basis, key: string) =>
    api.post<Objection>(`/api/elections/${electionId}/voter-applications`, { basis } satisfies z.input<typeof VoterApplication>, key),
  decide: (electionId: string, id: string, uphold: boolean, reason: string) =>
    api.post<Objection>(`/api/elections/${electionId}/objections/${id}/decision`, { uphold, reason } satisfies z.input<typeof ObjectionDecision>),
};
