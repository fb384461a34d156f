import * as z from 'zod';

/** What the audit routes answer (API.md "Audit"). */
export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  subject: z.string(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerify = z.object({
  ok: z.boolean(),
  length: z.number(),
  head: z.string(),
  /** When broken: the first entry that no longer matches its hash. */
  brokenAt: z.number().optional(),
  brokenEntry: z.object({ seq: z.number(), at: z.string(), action: z.string(), subject: z.string(), actorName: z.string() }).nullable().optional(),
});
export type AuditVerify = z.infer<typeof AuditVerify>;
