import { z } from 'zod';
import { VERDICTS } from './review.models';

export const reviewRequestSchema = z.strictObject({
  reviewers: z.array(z.number().int().positive()).min(1).max(50),
  quorum: z.number().int().min(1),
});

export const opinionSchema = z.strictObject({
  verdict: z.enum(VERDICTS),
  opinion: z.string().trim().min(1).max(2000),
});
