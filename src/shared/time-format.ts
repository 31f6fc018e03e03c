import { DateTime } from 'luxon';

/** Stored times are UTC; the API shows them in the hotline's zone, with its offset. */
export function formatTime(iso: string | null, zone: string): string | null {
  return iso === null ? null : DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISO();
}

/** Accepts ISO 8601 with an offset or Z; returns the UTC ISO form, or null if it is not one. */
export function parseInstant(input: string): string | null {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(input.trim())) return null;
  const parsed = DateTime.fromISO(input.trim(), { setZone: true });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}
