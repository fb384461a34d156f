import type { MediaCheckStatus } from '../../db/schema/index.js';

/**
 * What a caller who may see a request sees of one of its photos (the request's own visibility
 * comes first: visibility.ts). WeChat's media check decides the rest:
 * - `pass`: everyone who sees the request sees the photo;
 * - `pending` (no verdict yet): only its uploader and staff, so nothing unchecked reaches
 *   anyone else (the resident's group leader who filed for them, the resident seeing a leader's);
 * - `risky`: nobody, the image itself included; its place says it was hidden, so the resident
 *   knows why a photo is missing.
 * `omit`: the photo is not even listed for this caller.
 */
export type PhotoShown = 'show' | 'hidden' | 'omit';

export function photoShownTo(viewer: { accountId: string; staff: boolean }, photo: { uploaderAccountId: string; checkStatus: MediaCheckStatus }): PhotoShown {
  if (photo.checkStatus === 'risky') return 'hidden';
  if (photo.checkStatus === 'pass') return 'show';
  return viewer.staff || photo.uploaderAccountId === viewer.accountId ? 'show' : 'omit';
}
