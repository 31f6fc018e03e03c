import { z } from 'zod';

/** What Twilio posts for an incoming text; only the fields the hotline uses are checked. */
export const incomingSmsSchema = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
  From: z.string().min(1).max(32),
  To: z.string().max(32).optional(),
  Body: z.string().max(1600),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  OptOutType: z.string().max(16).optional(),
});
