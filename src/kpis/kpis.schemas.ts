import { z } from 'zod';
import { instantSchema } from '../shared/schemas';
import { windowProblem } from '../shared/time-window';

export const DEFAULT_TOP_PLACES = 10;

export const kpisQuerySchema = z
  .object({
    from: instantSchema,
    to: instantSchema,
    /** How many hotspots `volumes.byPlace` lists. */
    top: z.coerce.number().int().min(1).max(100).default(DEFAULT_TOP_PLACES),
  })
  .superRefine((query, ctx) => {
    // Zod still runs this when a time failed to parse, with the raw text in its place.
    if (!(query.from instanceof Date && query.to instanceof Date)) return;
    const problem = windowProblem(query.from, query.to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem.replace(/^to: /, '') });
  });
