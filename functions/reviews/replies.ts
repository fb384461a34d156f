import * as z from 'zod';

/** The review report (回头检视报告): every figure says what it counts. */
export const ReviewFigure = z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), unit: z.string(), source: z.string() });
export const ReviewTable = z.object({
  key: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  source: z.string(),
});
export const ReviewSectionsText = z.object({ experience: z.string(), shortcomings: z.string(), highlights: z.string() });

export const ReviewReport = z.object({
  electionId: z.string(),
  electionTitle: z.string(),
  electionDay: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  sections: z.array(
    z.object({
      key: z.enum(['calendar', 'election', 'service', 'consultations']),
      title: z.string(),
      figures: z.array(ReviewFigure),
      tables: z.array(ReviewTable),
    }),
  ),
  own: ReviewSectionsText.extend({ updatedAt: z.string().nullable() }),
});
export type ReviewReport = z.infer<typeof ReviewReport>;

export const SavedReviewSections = ReviewSectionsText.extend({ electionId: z.string(), updatedAt: z.string() });
export type SavedReviewSections = z.infer<typeof SavedReviewSections>;
