import { z } from 'zod';

// What Twilio posts to the voice webhooks; only the fields the hotline uses are checked.

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a Twilio call SID');
const optionalInt = z.coerce.number().int().min(0).optional().catch(undefined);

export const callParamsSchema = z.object({
  CallSid: callSid,
  // Withheld numbers arrive as words ("Anonymous"): the call is still answered and logged. Over a
  // BYOC trunk both are SIP addresses, display name and parameters included (read by sip-address.ts).
  From: z.string().max(256).default(''),
  To: z.string().max(256).optional(),
  CallStatus: z.string().max(32).default('ringing'),
});

export const stepParamsSchema = callParamsSchema.extend({
  Digits: z.string().max(64).optional(),
  RecordingSid: z.string().max(64).optional(),
  RecordingUrl: z.string().url().max(512).optional(),
  RecordingDuration: optionalInt,
  DialCallStatus: z.string().max(32).optional(),
  DialCallSid: z.string().max(64).optional(),
  DialBridged: z.string().max(8).optional(),
  // A speech <Gather>'s answer. A recogniser may hear more than a place; only its start is kept.
  SpeechResult: z
    .string()
    .transform((heard) => heard.slice(0, 500))
    .optional(),
  Confidence: z.coerce.number().min(0).max(1).optional().catch(undefined),
});

export const statusParamsSchema = callParamsSchema.extend({
  CallStatus: z.string().min(1).max(32),
  CallDuration: optionalInt,
  SequenceNumber: optionalInt,
});

export const recordingParamsSchema = z.object({
  CallSid: callSid,
  RecordingSid: z.string().min(2).max(64),
  RecordingUrl: z.string().url().max(512),
  RecordingStatus: z.string().min(1).max(32),
  RecordingDuration: optionalInt,
});

export const whisperQuerySchema = z.object({
  call: callSid,
  s: z.string().regex(/^[a-z][a-z0-9_]*$/),
  a: z.coerce.number().int().min(0).max(20),
});
