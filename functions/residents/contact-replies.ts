import * as z from 'zod';

/** A resident's number, whole, for the one about to call (the reveal is recorded). */
export const RevealedPhone = z.object({ phone: z.string() });
export type RevealedPhone = z.infer<typeof RevealedPhone>;

/** A household's original village and resettlement year (staff only). */
export const HouseholdOriginReply = z.object({
  id: z.string(),
  label: z.string(),
  originVillage: z.string().nullable(),
  resettledYear: z.number().int().nullable(),
});
export type HouseholdOriginReply = z.infer<typeof HouseholdOriginReply>;
