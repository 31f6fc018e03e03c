import { DateTime } from 'luxon';

/** Stored times are UTC; the API shows them in the hotline's zone, with its offset. */
export function formatTime(iso: string | null, zone: string): string | null {
  return iso === null ? null : DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISO();
}
