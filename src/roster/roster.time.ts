import { IANAZone } from 'luxon';
import { zoneOffsetMs } from '../shared/timezone';

// Wall-clock arithmetic for rotations. A "wall" value is a local date-time in some zone encoded as
// milliseconds as if it were UTC, so that adding 24 h of wall time always lands on the same local
// clock reading, whatever the zone's offset does in between.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function zoneOf(name: string): IANAZone | null {
  const zone = IANAZone.create(name);
  return zone.isValid ? zone : null;
}

/** 'YYYY-MM-DDTHH:mm' → wall ms, or NaN when it is not a real calendar date-time. */
export function parseLocalDateTime(text: string): number {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2027-02-30 over into March; a round trip catches that.
  return formatLocalDateTime(wall) === text ? wall : Number.NaN;
}

export function formatLocalDateTime(wall: number): string {
  return new Date(wall).toISOString().slice(0, 16);
}

/** 'HH:mm' → minutes since midnight, or NaN. */
export function parseTimeOfDay(text: string): number {
  const match = TIME_OF_DAY.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

export function instantToWall(zone: IANAZone, instant: number): number {
  return instant + zoneOffsetMs(zone, instant);
}

export interface WallInstant {
  instant: number;
  /** false when the wall time was skipped by a spring-forward gap. */
  exists: boolean;
}

/**
 * The instant a wall time denotes, following RFC 5545 (so the iCal feeds agree): a repeated wall time
 * (fall back) is its first occurrence; a skipped one (spring forward) is read with the offset in force
 * before the gap, so 02:30 on a 1-hour-gap day becomes 03:30 new time.
 */
export function wallToInstant(zone: IANAZone, wall: number): WallInstant {
  // Real zones never change offset twice within two days, so the offsets a day either side are the
  // only candidates.
  const before = zoneOffsetMs(zone, wall - DAY_MS);
  const after = zoneOffsetMs(zone, wall + DAY_MS);
  const candidates = (before === after ? [before] : [before, after])
    .map((offset) => wall - offset)
    .filter((instant) => instantToWall(zone, instant) === wall);
  if (candidates.length === 0) return { instant: wall - before, exists: false };
  return { instant: Math.min(...candidates), exists: true };
}

/** Every instant whose wall time is `wall` (two in a repeated hour, none in a gap). */
export function occurrencesOfWall(zone: IANAZone, wall: number): number[] {
  const offsets = new Set([zoneOffsetMs(zone, wall - DAY_MS), zoneOffsetMs(zone, wall + DAY_MS)]);
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => instantToWall(zone, instant) === wall);
}

/** Instants in [from, to) where the zone's offset changes, to the millisecond. */
export function offsetTransitions(zone: IANAZone, from: number, to: number): number[] {
  const transitions: number[] = [];
  // Half-day steps: no real zone changes offset twice within twelve hours.
  const step = DAY_MS / 2;
  for (let low = from; low < to; low += step) {
    let high = Math.min(low + step, to);
    const startOffset = zone.offset(low);
    if (zone.offset(high) === startOffset) continue;
    let lastSame = low;
    while (high - lastSame > 1) {
      const middle = Math.floor((lastSame + high) / 2);
      if (zone.offset(middle) === startOffset) lastSame = middle;
      else high = middle;
    }
    if (high < to) transitions.push(high);
  }
  return transitions;
}
