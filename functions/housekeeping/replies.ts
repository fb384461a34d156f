import * as z from 'zod';

/** How many expired records the daily clean-up removed, by kind. */
export const CleanUp = z.object({ loginFailures: z.number(), qrTickets: z.number(), sessions: z.number(), idempotencyKeys: z.number() });
export type CleanUp = z.infer<typeof CleanUp>;
