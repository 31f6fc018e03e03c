import { DateTime } from 'luxon';

/** Stored times are UTC; the API shows them in the hotline's zone, with its offset. */
export function formatTime(iso: string | null, zone: string): string | null {
  return iso === null ? null : DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISO();
}

/** An instant shown in the hotline's zone, as every API time is. */
export function formatInstant(instant: Date, zone: string): string {
  return formatTime(instant.toISOString(), zone)!;
}
