import * as z from 'zod';

/** What the resident routes answer (API.md "Residents"): ID number and phone always masked. */
export const ResidentStatus = z.enum(['pending', 'verified', 'returned']);
export type ResidentStatus = z.infer<typeof ResidentStatus>;

export const Resident = z.object({
  id: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  idNumberMasked: z.string(),
  birthDate: z.string(),
  status: ResidentStatus,
  relocatedFrom: z.string().optional(),
  phone: z.string().optional(),
  hasAccount: z.boolean(),
  household: z.object({ id: z.string(), label: z.string() }).optional(),
  /** Why staff returned a claim (status returned): the resident reads it. */
  returnReason: z.string().optional(),
});
export type Resident = z.infer<typeof Resident>;

export const ResidentReply = z.object({ resident: Resident });
export type ResidentReply = z.infer<typeof ResidentReply>;

export const ResidentPage = z.object({ items: z.array(Resident), nextCursor: z.string().nullable() });
export type ResidentPage = z.infer<typeof ResidentPage>;

export const Group = z.object({ id: z.string(), name: z.string(), leaderName: z.string().optional() });
export type Group = z.infer<typeof Group>;

export const GroupList = z.object({ items: z.array(Group) });
export type GroupList = z.infer<typeof GroupList>;

export const TemporaryPassword = z.object({ temporaryPassword: z.string(), residentName: z.string() });
export type TemporaryPassword = z.infer<typeof TemporaryPassword>;

/** POST /api/residents/{id}/relations: "relatedResidentId is residentId's relation". */
export const ResidentRelation = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  relatedResidentId: z.string(),
  relatedName: z.string(),
  relation: z.enum(['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild']),
  relationName: z.string(),
  createdAt: z.string(),
});
export type ResidentRelation = z.infer<typeof ResidentRelation>;
