import { z } from 'zod';
import { PRIORITIES } from '../content/categories';
import { badRequest } from '../shared/errors';
import { toE164 } from '../shared/phone';
import type { Representative } from './petitions.models';

const representativeSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().min(1).max(32),
});

/** A real calendar date, YYYY-MM-DD (2027-02-30 is refused). */
const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  // Zod runs this even when the pattern failed; an unreadable text must be refused, not thrown on.
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
  }, 'no such date');

const fields = {
  headcount: z.number().int().min(1).max(1_000_000),
  representatives: z.array(representativeSchema).min(1).max(50),
  // Blank clears it.
  visitDate: z
    .union([localDateSchema, z.literal('')])
    .nullable()
    .transform((value) => value || null),
  demands: z.string().trim().min(1).max(4000),
};

/** POST /api/cases/:ref/petition. A priority given is kept; otherwise the petition makes the case important. */
export const recordPetitionSchema = z.strictObject({
  ...fields,
  visitDate: fields.visitDate.optional().transform((value) => value ?? null),
  priority: z.enum(PRIORITIES).optional(),
});

/** PATCH /api/cases/:ref/petition: at least one field; those left out stay. */
export const updatePetitionSchema = z
  .strictObject({
    headcount: fields.headcount.optional(),
    representatives: fields.representatives.optional(),
    visitDate: fields.visitDate.optional(),
    demands: fields.demands.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'give at least one of headcount, representatives, visitDate and demands',
  });

export const listPetitionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/** Representatives' phones in E.164, as staff numbers are; a number that cannot be one is a 400. */
export function normaliseRepresentatives(representatives: readonly Representative[]): Representative[] {
  return representatives.map((each, i) => {
    const phone = toE164(each.phone);
    if (!phone)
      throw badRequest(
        'petition.invalid_phone',
        `representatives.${i}.phone: ${each.phone} is not a valid phone number in international form`,
        { field: `representatives.${i}.phone` },
      );
    return { name: each.name, phone };
  });
}
