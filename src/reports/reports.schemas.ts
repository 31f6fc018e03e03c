import { z } from 'zod';
import { instantSchema } from '../shared/schemas';
import { windowProblem } from '../shared/time-window';

/** A report's window `[from, to)` and its format: the duty-gap and hotspot reports share it. */
export const reportQuerySchema = z
  .object({
    from: instantSchema,
    to: instantSchema,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine((query, ctx) => {
    // Zod still runs this when a time failed to parse, with the raw text in its place.
    if (!(query.from instanceof Date && query.to instanceof Date)) return;
    const problem = windowProblem(query.from, query.to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem.replace(/^to: /, '') });
  });

export const dutyGapQuerySchema = reportQuerySchema;
