import { z } from 'zod';
import { refSchema } from '../cases/cases.schemas';
import { instantSchema, rowIdSchema } from '../shared/schemas';
import { windowProblem } from '../shared/time-window';
import { CAMPAIGN_STATUSES } from './campaigns.models';

const idList = (max: number) =>
  z
    .array(z.string().trim().min(1).max(64))
    .min(1)
    .max(max)
    .transform((ids) => [...new Set(ids)]);

/** POST /api/campaigns. Places and categories are ids of flows/places.json and categories.json. */
export const createCampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    places: idList(50),
    categories: idList(20),
    from: instantSchema,
    to: instantSchema,
    owner: rowIdSchema,
  })
  .superRefine((input, ctx) => {
    // Zod still runs this when a time failed to parse, with the raw text in its place.
    if (!(input.from instanceof Date && input.to instanceof Date)) return;
    // As long as a report window may be: the "before" and "after" windows are as long again.
    const problem = windowProblem(input.from, input.to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem.replace(/^to: /, '') });
  });

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

const resultText = z.string().trim().min(1).max(2000);

export const closeCampaignSchema = z.object({ result: resultText });

/**
 * PATCH /api/campaigns/:id: corrects an open campaign's name, scope, window or owner, and/or closes
 * it (`status: "closed"` with its result). The window is checked against the stored ends in the use case.
 */
export const updateCampaignSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    places: idList(50).optional(),
    categories: idList(20).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    owner: rowIdSchema.optional(),
    status: z.literal('closed').optional(),
    result: resultText.optional(),
  })
  .superRefine((input, ctx) => {
    if (Object.keys(input).length === 0) ctx.addIssue({ code: 'custom', message: 'nothing to change' });
    if ((input.status === 'closed') !== (input.result !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: 'closing takes status "closed" with its result, and a result only comes with closing',
      });
    }
  });

export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

export const linkCaseSchema = z.object({ ref: refSchema });

export const listCampaignsQuerySchema = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: rowIdSchema.optional(),
});
