import * as z from 'zod';

/** What the consultation routes answer (API.md "Consultation and review"). */
export const QuestionKind = z.enum(['single', 'multiple', 'scale', 'text']);
export const Question = z.object({ kind: QuestionKind, text: z.string(), options: z.array(z.string()).optional() });
export const Audience = z.object({ groups: z.array(z.string()).optional(), votersOf: z.string().optional(), households: z.array(z.string()).optional() });
export const AnswerItem = z.object({
  option: z.number().optional(),
  options: z.array(z.number()).optional(),
  value: z.number().optional(),
  text: z.string().optional(),
});

export const Consultation = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string(),
  questions: z.array(Question),
  audience: Audience,
  per: z.enum(['resident', 'household']),
  anonymous: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(['upcoming', 'open', 'closed']),
});
export type Consultation = z.infer<typeof Consultation>;

export const ConsultationListItem = Consultation.extend({ inAudience: z.boolean(), answered: z.boolean(), canEnterForOthers: z.boolean() });
export const ConsultationList = z.object({ items: z.array(ConsultationListItem) });
export type ConsultationList = z.infer<typeof ConsultationList>;

export const ConsultationDetail = ConsultationListItem.extend({ myAnswers: z.array(AnswerItem).nullable() });
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

export const AnswerReceipt = z.object({
  consultationId: z.string(),
  answered: z.literal(true),
  changed: z.boolean(),
  onBehalf: z.boolean(),
  /** Anonymous consultations: keep it to change the answer later; it is the only link to the answer. */
  receipt: z.string().optional(),
  closesAt: z.string(),
});
export type AnswerReceipt = z.infer<typeof AnswerReceipt>;

const QuestionResult = z.object({
  kind: QuestionKind,
  text: z.string(),
  options: z.array(z.string()),
  answered: z.number(),
  counts: z.array(z.number()),
  mean: z.number().nullable(),
  texts: z.array(z.string()),
});
const GroupTurnout = z.object({ groupId: z.string(), groupName: z.string(), audience: z.number(), answered: z.number() });

export const ConsultationResults = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string(),
  per: z.enum(['resident', 'household']),
  anonymous: z.boolean(),
  state: z.enum(['upcoming', 'open', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  answered: z.number(),
  audience: z.number(),
  questions: z.array(QuestionResult),
  byGroup: z.array(GroupTurnout.extend({ questions: z.array(z.object({ counts: z.array(z.number()), mean: z.number().nullable() })) })),
});
export type ConsultationResults = z.infer<typeof ConsultationResults>;

export const ConsultationTurnout = z.object({
  id: z.string(),
  title: z.string(),
  per: z.enum(['resident', 'household']),
  state: z.enum(['upcoming', 'open', 'closed']),
  groups: z.array(GroupTurnout.extend({ waiting: z.array(z.object({ residentId: z.string(), name: z.string(), household: z.string().nullable() })) })),
});
export type ConsultationTurnout = z.infer<typeof ConsultationTurnout>;

export const ConsultationTemplate = z.object({
  title: z.string(),
  purpose: z.string(),
  per: z.enum(['resident', 'household']),
  anonymous: z.boolean(),
  questions: z.array(Question),
});
export type ConsultationTemplate = z.infer<typeof ConsultationTemplate>;
