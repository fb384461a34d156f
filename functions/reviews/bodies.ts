import * as z from 'zod';

/**
 * The bodies the review report's routes take (routes.ts validates with them); the mini-program
 * types what it sends from them, as it types replies from ./replies.ts.
 */

const text = (what: string) => z.string({ error: `请填写${what}` }).max(5000, `${what}最多 5000 字`);

/** PUT /api/reviews/:electionId/sections: the committee's own sections of the report. */
export const ReviewSections = z.object({ experience: text('经验'), shortcomings: text('短板和整改'), highlights: text('亮点') });
