import * as z from 'zod';
import type { AuthedCtx } from '../_platform/context.js';
import { anchorPrintedSheet } from '../audit/anchors.js';
import { Anchor } from '../audit/replies.js';
import { requireElection } from '../elections/elections.js';
import { voterCard, voterCards } from './ballots.js';
import { VoterCard, VoterCardPage } from './replies.js';

/** A voter card as printed: with the chain's head when it was made (API.md "Anchors"). */
export const PrintedVoterCard = VoterCard.extend({ anchor: Anchor });
export type PrintedVoterCard = z.infer<typeof PrintedVoterCard>;

/** A page of cards printed together carries one anchor, on every card of it. */
export const PrintedVoterCardPage = VoterCardPage.extend({ items: z.array(PrintedVoterCard), anchor: Anchor });
export type PrintedVoterCardPage = z.infer<typeof PrintedVoterCardPage>;

/*
 * The anchor's label is what the public check (公告核验) shows anyone holding the code: the
 * election's card, never the voter's name.
 */
const cardLabel = (electionTitle: string) => `${electionTitle}选民证`;

/** One voter card, anchored when it is produced (committee, officials, the voter). */
export async function printVoterCard({ ctx, input }: { ctx: AuthedCtx; input: { electionId: string; residentId: string; origin: string } }) {
  const card = await voterCard({ ctx, input });
  const anchor = await anchorPrintedSheet(ctx, {
    action: 'voter_cards.printed',
    what: 'voter_card',
    subject: `election:${card.electionId}`,
    label: cardLabel(card.electionTitle),
    electionId: card.electionId,
    payload: { cards: 1 },
  });
  return { ...card, anchor };
}

/** A page of voter cards for printing (committee), one anchor for the page. */
export async function printVoterCards({
  ctx,
  input,
}: {
  ctx: AuthedCtx;
  input: { electionId: string; groupId?: string; limit: number; cursor?: string; origin: string };
}) {
  const page = await voterCards({ ctx, input });
  const election = await requireElection(ctx, input.electionId);
  const anchor = await anchorPrintedSheet(ctx, {
    action: 'voter_cards.printed',
    what: 'voter_card',
    subject: `election:${election.id}`,
    label: cardLabel(election.title),
    electionId: election.id,
    payload: { cards: page.items.length, groupId: input.groupId ?? null },
  });
  return { items: page.items.map((card) => ({ ...card, anchor })), nextCursor: page.nextCursor, anchor };
}
