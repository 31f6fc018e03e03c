import { z } from 'zod';
import { CALLBACK_OUTCOMES } from '../callbacks/callbacks.models';
import { PRIORITIES } from '../content/categories';
import { storedInstantSchema as instant, phoneQuerySchema, rowIdSchema } from '../shared/schemas';
import { LANGUAGES } from '../staff/staff.models';
import { STATUSES } from './cases.models';

export const refSchema = z.string().regex(/^\d{8}$/, 'must be an 8-digit reference');

export const listCasesQuerySchema = z.object({
  status: z.enum(STATUSES).optional(),
  phone: phoneQuerySchema.optional(),
  assignee: rowIdSchema.optional(),
  category: z.string().max(64).optional(),
  priority: z.enum(PRIORITIES).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: rowIdSchema.optional(),
});

export const newCaseSchema = z.object({
  phone: z.string().trim().max(32).nullable().optional(),
  description: z.string().trim().min(1).max(10_000),
  category: z.string().min(1).max(64),
  channel: z.enum(['letter', 'visit', 'web']),
  priority: z.enum(PRIORITIES).default('normal'),
  language: z.enum(LANGUAGES).optional(),
  // Blank means not known; the KPI hotspots count those as "unknown".
  place: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null)),
  // The staff member a complaint about staff names (category staff-conduct, SPEC §18).
  concernsStaffId: z.number().int().positive().nullable().optional(),
});

/**
 * PATCH /api/cases/:ref: triage. At least one field; a blank place clears it; a placeId is a
 * gazetteer place (flows/places.json) and null clears it; nothing else is accepted.
 */
export const triageSchema = z
  .strictObject({
    category: z.string().min(1).max(64).optional(),
    priority: z.enum(PRIORITIES).optional(),
    place: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .optional()
      .transform((value) => (value === undefined ? undefined : value || null)),
    placeId: z.string().trim().min(1).max(64).nullable().optional(),
    // Supervisors only: the staff member the complaint is about; null clears it.
    concernsStaffId: z.number().int().positive().nullable().optional(),
  })
  .refine(
    (triage) =>
      triage.category !== undefined ||
      triage.priority !== undefined ||
      triage.place !== undefined ||
      triage.placeId !== undefined ||
      triage.concernsStaffId !== undefined,
    { message: 'give at least one of category, priority, place, placeId and concernsStaffId' },
  );

export const assignSchema = z.object({ staffId: z.number().int().positive() });
export const textSchema = z.object({ text: z.string().trim().min(1).max(2000) });
export const mergeSchema = z.object({ into: refSchema });
export const reasonSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export const callbackSchema = z.object({
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.string().trim().max(2000).default(''),
  close: z.boolean().optional(),
  satisfaction: z.enum(['satisfied', 'unsatisfied']).optional(),
});
