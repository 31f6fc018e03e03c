import { IANAZone } from 'luxon';
import { zoneOffsetMs } from './timezone';

function offsetText(offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000;
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hours}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * An instant in the hotline's zone with its offset, e.g. 2027-03-01T10:00:00.000+08:00. Reports
 * format tens of thousands of times, so this uses the memoised offset rather than a DateTime each.
 */
export function formatInstant(instant: Date, zone: string): string {
  const ms = instant.getTime();
  const offset = zoneOffsetMs(IANAZone.create(zone), ms);
  return new Date(ms + offset).toISOString().slice(0, 23) + offsetText(offset);
}

/** Stored times are UTC ISO text; the API shows them in the hotline's zone, with its offset. */
export function formatTime(iso: string | null, zone: string): string | null {
  return iso === null ? null : formatInstant(new Date(iso), zone);
}
