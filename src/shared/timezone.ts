import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;

export function isValidIanaZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

// Asking a zone for its offset goes through Intl and dominates roster resolution and time formatting,
// so offsets are memoised per quarter hour. A quarter is only cached when its two ends agree: no zone
// changes offset twice within fifteen minutes, so the whole quarter then has that offset.
const QUARTER_MS = 15 * MINUTE_MS;
const MAX_CACHED_QUARTERS = 100_000;
const offsetCaches = new WeakMap<IANAZone, Map<number, number>>();

/** The zone's UTC offset at an instant, in milliseconds. */
export function zoneOffsetMs(zone: IANAZone, instant: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const quarter = Math.floor(instant / QUARTER_MS);
  const cached = cache.get(quarter);
  if (cached !== undefined) return cached;
  const atStart = zone.offset(quarter * QUARTER_MS);
  if (zone.offset((quarter + 1) * QUARTER_MS - 1) !== atStart) return zone.offset(instant) * MINUTE_MS;
  if (cache.size >= MAX_CACHED_QUARTERS) cache.clear();
  cache.set(quarter, atStart * MINUTE_MS);
  return atStart * MINUTE_MS;
}
