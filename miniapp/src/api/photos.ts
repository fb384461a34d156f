import { NETWORK_ERROR } from '../locale/zh-CN';
import { platform } from '../platform';
import type { PickedPhoto } from '../platform/types';
import { ApiError, getToken, problemMessage } from './client';
import type { Photo, Problem } from './types';

/** At most this many photos on a request and on each reply (the server refuses a tenth). */
export const MAX_PHOTOS = 9;

/**
 * Uploads one photo (POST /api/attachments, multipart `file`); the server re-encodes it without
 * its location and answers the stored photo with short-lived links.
 */
export async function uploadPhoto(photo: PickedPhoto): Promise<Photo> {
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
