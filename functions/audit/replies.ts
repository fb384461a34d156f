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
  /** When broken: the first anchor (lowest seq) the chain no longer matches, and what it was printed on. */
  brokenAnchor: z.object({ seq: z.number(), code: z.string(), what: z.string(), label: z.string(), at: z.string() }).optional(),
});
export type AuditVerify = z.infer<typeof AuditVerify>;

/** What a notice or printed sheet carries: the chain's head when it was made (API.md "Anchors"). */
export const Anchor = z.object({ seq: z.number(), code: z.string() });
export type Anchor = z.infer<typeof Anchor>;

/** The public check of a printed code: only what was printed and when, nothing personal. */
export const AnchorCheck = z.object({
  matches: z.boolean(),
  at: z.string().optional(),
  /** What carried it: `notice`, `proxy_list`, `voter_card`, `results_poster`, `certificate`. */
  what: z.string().optional(),
  label: z.string().optional(),
});
export type AnchorCheck = z.infer<typeof AnchorCheck>;
