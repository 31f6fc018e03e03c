import { DateTime } from 'luxon';
import { z } from 'zod';

// An unencoded `+` in a query string arrives as a space; these schemas put it back.

// Stored instants are compared as ISO text, which sorts only while toISOString() writes four-digit
// years; zone data before 1900 also gives odd local-mean-time offsets. No duty or case lies outside.
const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
const LATEST_INSTANT_MS = Date.UTC(2200, 0, 1) - 1;

/** An ISO 8601 instant that says its offset, so "08:00" is never guessed in some zone. */
export const instantSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .pipe(
    z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
        'must be an ISO 8601 time with an offset, such as 2027-03-14T08:00:00+08:00',
      )
      .refine((value) => DateTime.fromISO(value, { setZone: true }).isValid, 'is not a real time'),
  )
  .transform((value) => DateTime.fromISO(value, { setZone: true }).toJSDate())
  .refine(
    (date) => date.getTime() >= EARLIEST_INSTANT_MS && date.getTime() <= LATEST_INSTANT_MS,
    'must be between 2000-01-01 and 2199-12-31 (UTC)',
  );

/**
 * The largest row id: PostgreSQL's INTEGER, which its id columns are. A larger id (or cursor) given in a
 * URL or form is refused as bad input on either store; PostgreSQL would fail the query on it instead.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** A row id (or an id cursor) from a URL, a query string or a form. */
export const rowIdSchema = z.coerce.number().int().positive().max(MAX_ROW_ID);

/** The same, as the UTC ISO text the database stores. */
export const storedInstantSchema = instantSchema.transform((date) => date.toISOString());

/** A phone number in a query string, E.164 once the `+` is restored. */
export const phoneQuerySchema = z
  .string()
  .trim()
  .regex(/^\+?\d{4,15}$/, 'must be an E.164 number')
  .transform((value) => (value.startsWith('+') ? value : `+${value}`));
