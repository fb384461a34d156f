import Taro from '@tarojs/taro';
import type * as z from 'zod';
import { chinaMinute } from '../../../functions/_shared/china-time';
import type { AnchorCheck } from '../../../functions/audit/replies';
import type { GrantReport, NewNotice, SubscriptionChoice } from '../../../functions/notices/bodies';
import { platform } from '../platform';
import { api } from './client';
import type {
  DeliveryReport,
  Grants,
  InformedMark,
  Notice,
  NoticeCategory,
  NoticePage,
  NotReached,
  PublishedNotice,
  Subscriptions,
  TemplateKey,
  ToTell,
} from './types';

export type { DeliveryReport, Notice, NoticeCategory, NoticePage, NotReached, Subscriptions, TemplateKey } from './types';
export type { AnchorCheck };

export const categories: { code: NoticeCategory; name: string }[] = [
  { code: 'community', name: '社区公告' },
  { code: 'service', name: '办事通知' },
  { code: 'election', name: '选举公告' },
];

/** Notices, their deliveries and the not-reached list, and what a resident subscribes to. */
export const noticesApi = {
  list: (query: { category?: NoticeCategory; cursor?: string; limit?: number; scheduled?: boolean } = {}) =>
    api.get<NoticePage>('/api/notices', {
      ...(query.category ? { category: query.category } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.limit ? { limit: String(query.limit) } : {}),
      ...(query.scheduled ? { scheduled: 'true' } : {}),
    }),
  get: (id: string) => api.get<Notice>(`/api/notices/${id}`),
  /** 公告核验: whether a printed code still matches the election record (no sign-in needed). */
  checkAnchor: (code: string) => api.get<AnchorCheck>(`/api/public/anchors/${encodeURIComponent(code)}`),
  publish: (body: z.input<typeof NewNotice>, key: string) => api.post<PublishedNotice>('/api/notices', body, key),
  deliveryReport: (id: string) => api.get<DeliveryReport>(`/api/notices/${id}/deliveries`),
  notReached: (id: string) => api.get<NotReached>(`/api/notices/${id}/not-reached`),
  /** The leader marks a resident told in person or by phone (已告知). */
  markInformed: (id: string, residentId: string) => api.post<InformedMark>(`/api/notices/${id}/not-reached/${residentId}/informed`, {}),
  /** The leader's notices of the last 30 days with people still to tell. */
  toTell: () => api.get<ToTell>('/api/notices/to-tell'),
  subscriptions: () => api.get<Subscriptions>('/api/subscriptions'),
  setSubscriptions: (body: z.input<typeof SubscriptionChoice>) => api.put<Subscriptions>('/api/subscriptions', body),
  reportGrants: (body: z.input<typeof GrantReport>) => api.post<Grants>('/api/subscriptions/grants', body),
};

/** Only the WeChat mini-program can ask for message permission; H5 (browsers) has no such API. */
export const canAskForMessages = platform.subscribeMessages;

/**
 * Asks WeChat for one-time message permission for up to 3 templates, then tells the server
 * what the user chose (each 允许 = one message later). Must be called straight from a tap
 * handler, before any other await: WeChat refuses the call otherwise. Never on page load.
 */
export async function askForMessages(templateIds: string[]): Promise<Record<TemplateKey, number> | null> {
  if (!canAskForMessages || templateIds.length === 0) return null;
  const ids = templateIds.slice(0, 3);
  const answer = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<
    string,
    string
  >;
  const results = Object.fromEntries(ids.filter((id) => typeof answer[id] === 'string').map((id) => [id, answer[id]!]));
  if (Object.keys(results).length === 0) return null;
  return (await noticesApi.reportGrants({ results })).credits;
}

/** `YYYY-MM-DD HH:mm` in China time. */
export const chinaTime = (iso: string): string => chinaMinute(iso);
