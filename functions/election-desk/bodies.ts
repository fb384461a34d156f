import * as z from 'zod';

/**
 * The bodies the committee's desk routes take (routes.ts validates with them); the mini-program
 * types what it sends from them, as it types replies from ./replies.ts.
 */

/** POST /api/elections/:id/voter-list/publish: now, or at `publishAt`. */
export const VoterListPublication = z.object({ publishAt: z.iso.datetime({ offset: true, error: '发布时间格式不对' }).optional() });
