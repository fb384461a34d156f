import * as z from 'zod';

/** What the voter-list objection routes answer (API.md "Election lifecycle and the law"). */
export const ObjectionKind = z.enum(['omitted', 'wrongly_included', 'wrong_details', 'application']);
export const ObjectionStatus = z.enum(['open', 'upheld', 'dismissed']);
export const RegistrationBasis = z.enum(['hukou', 'residence', 'worker']);

export const Objection = z.object({
  id: z.string(),
  electionId: z.string(),
  kind: ObjectionKind,
  /** The kind in words (应登记而未登记…). */
  kindName: z.string(),
  /** Whom it is about (the applicant for an application), and their name. */
  residentId: z.string().nullable(),
  subjectName: z.string().nullable(),
  /** An application's basis (户籍 / 居住 / 工作), with its words. */
  basis: RegistrationBasis.nullable(),
  basisName: z.string().nullable(),
  reason: z.string(),
  status: ObjectionStatus,
  /** China-time date by which the committee must decide. */
  dueBy: z.string(),
  /** Still open after its due date. */
  overdue: z.boolean(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Filed by the caller. */
  mine: z.boolean(),
  /** The objector's account name: the committee only. */
  objectorName: z.string().optional(),
});
export type Objection = z.infer<typeof Objection>;

export const ObjectionPage = z.object({
  items: z.array(Objection),
  nextCursor: z.string().nullable(),
  /** The committee's counts over the whole election (open, and of those overdue); others: their own. */
  open: z.number(),
  overdue: z.number(),
  /** The objection window as it stands: from the list's publication to its last day (China time), null before the notice. */
  window: z.object({ publishedOn: z.string(), lastDay: z.string(), open: z.boolean() }).nullable(),
});
export type ObjectionPage = z.infer<typeof ObjectionPage>;

/** People an objection may name: verified residents of voting age, by name and group, and whether they are on the list. */
export const ObjectionPeople = z.object({
  items: z.array(z.object({ residentId: z.string(), name: z.string(), groupName: z.string(), onList: z.boolean() })),
});
export type ObjectionPeople = z.infer<typeof ObjectionPeople>;
