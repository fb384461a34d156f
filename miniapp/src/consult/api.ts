import Taro from '@tarojs/taro';
import type * as z from 'zod';
import type { AnswerIn, NewConsultation } from '../../../functions/consultations/bodies';
import type {
  AnswerReceipt,
  Consultation,
  ConsultationDetail,
  ConsultationList,
  ConsultationResults,
  ConsultationTemplate,
  ConsultationTurnout,
} from '../../../functions/consultations/replies';
import type { ReviewSections } from '../../../functions/reviews/bodies';
import type { ReviewReport, SavedReviewSections } from '../../../functions/reviews/replies';
import { api, downloadFile } from '../api/client';

export type { AnswerReceipt, Consultation, ConsultationDetail, ConsultationList, ConsultationResults, ConsultationTurnout, ReviewReport };
export type Question = Consultation['questions'][number];
/** A new consultation, as the server's NewConsultation takes it. */
export type NewConsultationBody = z.input<typeof NewConsultation>;
/** One answer, as the server's AnswerIn takes it. */
export type AnswerItem = z.input<typeof AnswerIn>['answers'][number];

/**
 * The receipt of an anonymous answer stays on this phone only: the server keeps no link from the
 * answer to the person, so the receipt is the one way to change it.
 */
const receiptKey = (id: string, residentId?: string) => `consult-receipt-${id}${residentId ? `-${residentId}` : ''}`;
export const savedReceipt = (id: string, residentId?: string): string | undefined => Taro.getStorageSync(receiptKey(id, residentId)) || undefined;
export const keepReceipt = (id: string, receipt: string, residentId?: string) => Taro.setStorageSync(receiptKey(id, residentId), receipt);

/** Consultations (征求意见) and the review report (回头检视). */
export const consultApi = {
  list: () => api.get<ConsultationList>('/api/consultations'),
  get: (id: string) => api.get<ConsultationDetail>(`/api/consultations/${id}`),
  satisfactionTemplate: () => api.get<ConsultationTemplate>('/api/consultations/templates/satisfaction'),
  create: (body: z.input<typeof NewConsultation>, key: string) => api.post<Consultation>('/api/consultations', body, key),
  /** The caller's answer, with this phone's receipt of an earlier anonymous one (it is the only way to change it). */
  answer: (id: string, answers: AnswerItem[], onBehalfOfResidentId?: string) =>
    api.put<AnswerReceipt>(`/api/consultations/${id}/answer`, {
      answers,
      ...(onBehalfOfResidentId ? { onBehalfOfResidentId } : {}),
      ...(savedReceipt(id, onBehalfOfResidentId) ? { receipt: savedReceipt(id, onBehalfOfResidentId) } : {}),
    } satisfies z.input<typeof AnswerIn>),
  results: (id: string) => api.get<ConsultationResults>(`/api/consultations/${id}/results`),
  turnout: (id: string) => api.get<ConsultationTurnout>(`/api/consultations/${id}/turnout`),
  exportResults: (id: string, title: string) => downloadFile(`/api/consultations/${id}/results.xlsx`, undefined, `${title}.xlsx`),
  review: (electionId: string, from: string, to: string) => api.get<ReviewReport>('/api/reviews', { electionId, from, to }),
  saveSections: (electionId: string, body: z.input<typeof ReviewSections>) => api.put<SavedReviewSections>(`/api/reviews/${electionId}/sections`, body),
  exportReview: (electionId: string, from: string, to: string) => downloadFile('/api/reviews/report.xlsx', { electionId, from, to }, '回头检视报告.xlsx'),
};

/** `1月20日 08:00` in China time for an ISO instant. */
export function whenZh(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

export const stateName = { upcoming: '还没开始', open: '正在征求意见', closed: '已结束' } as const;
export const kindName = { single: '单选', multiple: '多选', scale: '打分', text: '填写' } as const;
