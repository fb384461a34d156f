import * as z from 'zod';
import { stepKeys } from './steps.js';

export const Step = z.object({
  key: z.enum(stepKeys),
  title: z.string(),
  state: z.enum(['done', 'due', 'late', 'open', 'waiting']),
  dueBy: z.string().nullable(),
  doneAt: z.string().nullable(),
  waitingFor: z.string().nullable(),
  detail: z.string(),
});
export type Step = z.infer<typeof Step>;

export const ElectionSteps = z.object({
  electionId: z.string(),
  today: z.string(),
  mode: z.enum(['voters', 'households', 'representatives']),
  steps: z.array(Step),
});
export type ElectionSteps = z.infer<typeof ElectionSteps>;

export const ElectionCalendarPreview = z.object({
  electionDay: z.string(),
  today: z.string(),
  deadlines: z.object({
    voterListNoticeBy: z.string(),
    candidateListBy: z.string(),
    proxyApplyBy: z.string(),
    proxyApplyClosesAt: z.string(),
    electionDay: z.string(),
    resultsNoticeBy: z.string(),
  }),
  /** The steps whose deadline is already past today, in words. */
  missed: z.array(z.string()),
});
export type ElectionCalendarPreview = z.infer<typeof ElectionCalendarPreview>;
