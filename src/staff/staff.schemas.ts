import { z } from 'zod';
import { rowIdSchema } from '../shared/schemas';
import { LANGUAGES, ROLES } from './staff.models';

export const newStaffSchema = z.object({
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().min(1).max(32),
  role: z.enum(ROLES),
  language: z.enum(LANGUAGES).optional(),
});

export const staffChangesSchema = newStaffSchema
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const staffIdSchema = rowIdSchema;
