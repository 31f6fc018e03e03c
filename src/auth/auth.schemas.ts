import { z } from 'zod';
import { rowIdSchema } from '../shared/schemas';
import { MAX_TOKEN_DAYS } from './auth.models';

export const newTokenSchema = z.strictObject({
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
});

export const tokenIdSchema = rowIdSchema;
