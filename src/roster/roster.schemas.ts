import { z } from 'zod';
import { instantSchema, rowIdSchema } from '../shared/schemas';
import { isValidIanaZone } from '../shared/timezone';
import { OVERRIDE_REASONS, POSITIONS } from './roster.models';
import { isStartText, START_FORMS } from './roster.start';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

const staffId = z.number().int().positive();

const timezone = z.string().trim().refine(isValidIanaZone, 'must be an IANA time zone such as Asia/Shanghai');

// Read in the rotation's zone by the service (roster.start.ts), which knows the zone of an edit too.
const start = z.string().trim().refine(isStartText, `must be ${START_FORMS}, and a real one`);

const shiftHours = z
  .number()
  .min(1)
  .max(168)
  // Whole minutes keep handoffs on readable clock times.
  .refine(
    (hours) => Number.isInteger(Math.round(hours * 60 * 1e6) / 1e6),
    'must be a whole number of minutes',
  );

const weekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
  .nullable();

const window = z.strictObject({ start: timeOfDay, end: timeOfDay }).nullable();

const rotationFields = {
  name: z.string().trim().min(1).max(100),
  position: z.enum(POSITIONS),
  timezone,
  start,
  shiftHours,
  handoffTime: timeOfDay.optional(),
  members: z.array(staffId).min(1).max(1000),
  weekdays: weekdays.optional(),
  window: window.optional(),
};

// effectiveFrom: a new rotation takes effect from its creation, or from a later moment given here.
export const createRotationSchema = z.strictObject({
  ...rotationFields,
  effectiveFrom: instantSchema.optional(),
});

export const updateRotationSchema = z
  .strictObject({ ...rotationFields, effectiveFrom: instantSchema })
  .partial();

export const onDutyQuerySchema = z.object({ at: instantSchema.optional() });

const MAX_SHIFTS_WINDOW_MS = 366 * 86_400_000;

// Zod still runs these refinements when a time failed to parse, with the raw text in its place.
const bothTimes = (query: { from: unknown; to: unknown }) =>
  query.from instanceof Date && query.to instanceof Date;

export const shiftsQuerySchema = z
  .object({ from: instantSchema, to: instantSchema })
  .refine((query) => !bothTimes(query) || query.from < query.to, {
    path: ['to'],
    message: 'must be after from',
  })
  .refine((query) => !bothTimes(query) || query.to.getTime() - query.from.getTime() <= MAX_SHIFTS_WINDOW_MS, {
    path: ['to'],
    message: 'the window may span at most 366 days',
  });

export const createOverrideSchema = z
  .strictObject({
    absentStaffId: staffId.nullable().optional(),
    coverStaffId: staffId.nullable().optional(),
    from: instantSchema,
    to: instantSchema,
    reason: z.enum(OVERRIDE_REASONS),
    position: z.enum(POSITIONS).optional(),
  })
  .refine((body) => body.absentStaffId != null || body.coverStaffId != null, {
    path: ['absentStaffId'],
    message: 'an override needs an absent or a covering person',
  })
  .refine((body) => body.absentStaffId == null || body.absentStaffId !== body.coverStaffId, {
    path: ['coverStaffId'],
    message: 'must differ from absentStaffId',
  })
  .refine((body) => body.from < body.to, { path: ['to'], message: 'must be after from' });

export const rotationIdSchema = rowIdSchema;
export const overrideIdSchema = rowIdSchema;

/** The same window as the shifts': both times, at most a year and a day apart. */
export const overridesQuerySchema = shiftsQuerySchema;
