import { asc, eq } from 'drizzle-orm';
import { partyMeetings } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { chinaDate } from '../_shared/china-time.js';
import { officialOf } from './access.js';
import { candidatesOfMeeting, meetingResults } from './count.js';
import { memberView, ownEntry } from './members.js';

/**
 * What a member sees: their own entry, and the branch's meetings — the notice (date, what it
 * elects, the fixed candidates) and, once counted, who was elected. Never another member's entry.
 */
export async function myPartyEntry({ ctx }: { ctx: AuthedCtx }) {
  const member = await ownEntry(ctx);
  const meetings = await ctx.db.select().from(partyMeetings).where(eq(partyMeetings.communityId, ctx.communityId)).orderBy(asc(partyMeetings.createdAt));
  const items = [];
  for (const m of meetings) {
    const published = !!m.candidatesPublishedAt;
    const candidates = published ? (await candidatesOfMeeting(ctx, m.id)).map((c) => ({ name: c.name, post: c.post })) : [];
    const results = published ? await meetingResults(ctx, m) : null;
    items.push({
      id: m.id,
      kind: m.kind,
      date: m.date,
      seats: m.seats,
      candidates,
      elected: results?.complete ? Object.entries(results.elected).flatMap(([post, list]) => (list ?? []).map((e) => ({ name: e.name, post }))) : [],
      complete: results?.complete ?? false,
      /** The member's office at this meeting: a counter enters the count from their phone. */
      myRole: (await officialOf(ctx, m.id))?.role ?? null,
    });
  }
  return { member: memberView(member, chinaDate(ctx.now)), meetings: items };
}
