import type * as z from 'zod';
import type { Assignment, NewServiceRequest, RatingIn, Reopening, ServiceReplyIn, StatusChange } from '../../../functions/service-requests/bodies';
import { NETWORK_ERROR } from '../locale/zh-CN';
import { platform } from '../platform';
import type { PickedPhoto } from '../platform/types';
import { ApiError, api, downloadFile, getToken, problemMessage } from './client';
import type { Dashboard, Photo, Problem, Rating, ServiceCategoryList, ServiceReply, ServiceRequest, ServiceRequestPage, ServiceStatus } from './types';

/** At most this many photos on a request and on each reply (the server refuses a tenth). */
export const MAX_PHOTOS = 9;

/** What the queue and the lists filter by. */
export type ServiceFilters = {
  status?: ServiceStatus;
  categoryCode?: string;
  overdue?: boolean;
  flagged?: boolean;
  q?: string;
};

/**
 * Uploads one photo (POST /api/attachments, multipart `file`); the server re-encodes it without
 * its location and answers the stored photo with short-lived links.
 */
async function uploadPhoto(photo: PickedPhoto): Promise<Photo> {
  const header: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  const result = await platform.uploadPhoto(`${API_BASE}/api/attachments`, header, photo);
  if (result.status === 0) throw new ApiError(NETWORK_ERROR, 0, 'NETWORK');
  let body: unknown = result.body;
  try {
    body = JSON.parse(result.body);
  } catch {}
  if (result.status === 201 || result.status === 200) return body as Photo;
  const problem = (body && typeof body === 'object' ? body : {}) as Problem;
  throw new ApiError(problemMessage(body), result.status, problem.code ?? `HTTP_${result.status}`, problem);
}

/** The service window: categories, requests and their replies, the staff's queue and dashboard, photos. */
export const serviceApi = {
  categories: () => api.get<ServiceCategoryList>('/api/service-categories'),
  create: (body: z.input<typeof NewServiceRequest>, key: string) => api.post<ServiceRequest>('/api/service-requests', body, key),
  list: (query: ServiceFilters & { cursor?: string; sort?: 'newest' | 'urgency' }) =>
    api.get<ServiceRequestPage>('/api/service-requests', { ...query, overdue: query.overdue || undefined, flagged: query.flagged || undefined }),
  get: (id: string) => api.get<ServiceRequest>(`/api/service-requests/${id}`),
  reply: (id: string, body: z.input<typeof ServiceReplyIn>, key: string) => api.post<ServiceReply>(`/api/service-requests/${id}/replies`, body, key),
  changeStatus: (id: string, body: z.input<typeof StatusChange>) => api.post<ServiceRequest>(`/api/service-requests/${id}/status`, body),
  reopen: (id: string, body: z.input<typeof Reopening>) => api.post<ServiceRequest>(`/api/service-requests/${id}/reopen`, body),
  rate: (id: string, body: z.input<typeof RatingIn>, key: string) => api.post<Rating>(`/api/service-requests/${id}/rating`, body, key),
  dashboard: () => api.get<Dashboard>('/api/service-requests/dashboard'),
  /** Hands a request to a staff member, or takes it back with null (administrators). */
  assign: (id: string, body: z.input<typeof Assignment>) => api.post<ServiceRequest>(`/api/service-requests/${id}/assignee`, body),
  /** The filtered queue as a spreadsheet (staff). */
  exportQueue: (filters: ServiceFilters) => downloadFile('/api/service-requests/export.xlsx', { ...filters }, '办事申请.xlsx'),
  uploadPhoto,
};
