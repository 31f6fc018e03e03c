import type { IANAZone } from 'luxon';
import type { RotationVersion, Shift } from './roster.models';
import {
  DAY_MS,
  HOUR_MS,
  instantToWall,
  MINUTE_MS,
  parseLocalDateTime,
  parseTimeOfDay,
  wallToInstant,
  zoneOf,
} from './roster.time';

// One rotation version's shift arithmetic: when its handoffs fall, which shift holds an instant, and
// whose turn that shift is, in the rotation's own time zone (DST-safe).

export interface CompiledVersion {
  version: RotationVersion;
  effectiveFromMs: number;
  zone: IANAZone;
  startWall: number;
  shiftMs: number;
  firstHandoff: number;
  weekdays: Set<number> | null;
  window: { start: number; end: number } | null;
  /** The last shift found; consecutive look-ups usually land in it again. */
  lastShift: { index: number; from: number; to: number } | null;
}

const compiledVersions = new WeakMap<RotationVersion, CompiledVersion | null>();

// Memoised per object: the service keeps its loaded versions, so the parsing happens once per load.
export function compileVersion(version: RotationVersion): CompiledVersion | null {
  const cached = compiledVersions.get(version);
  if (cached !== undefined) return cached;
  const zone = zoneOf(version.timezone);
  const startWall = parseLocalDateTime(version.startLocal);
  const shiftMs = Math.round(version.shiftHours * HOUR_MS);
  const effectiveFromMs = Date.parse(version.effectiveFrom);
  const window = version.window
    ? { start: parseTimeOfDay(version.window.start), end: parseTimeOfDay(version.window.end) }
    : null;
  const valid =
    zone !== null &&
    Number.isFinite(startWall) &&
    // Shorter shifts than a minute are no roster, and would make gap handling step through millions.
    shiftMs >= MINUTE_MS &&
    Number.isFinite(effectiveFromMs) &&
    (window === null || (Number.isFinite(window.start) && Number.isFinite(window.end)));
  // A version that cannot be read never puts anyone on duty rather than throwing in the call path.
  const compiled: CompiledVersion | null = valid
    ? {
        version,
        effectiveFromMs,
        zone,
        startWall,
        shiftMs,
        firstHandoff: 0,
        weekdays: version.weekdays ? new Set(version.weekdays) : null,
        window,
        lastShift: null,
      }
    : null;
  if (compiled) compiled.firstHandoff = handoffAt(compiled, 0);
  compiledVersions.set(version, compiled);
  return compiled;
}

/**
 * Handoff k is at wall time start + k × shiftHours in the rotation's zone. A handoff that falls in a
 * spring-forward gap is never later than the next one that survives the gap, so that shifts shorter
 * than the gap shrink to nothing instead of running backwards.
 */
function handoffAt(compiled: CompiledVersion, k: number): number {
  const wallOf = (index: number) => compiled.startWall + index * compiled.shiftMs;
  const handoff = wallToInstant(compiled.zone, wallOf(k));
  if (handoff.exists) return handoff.instant;
  for (let j = k + 1; ; j++) {
    const next = wallToInstant(compiled.zone, wallOf(j));
    if (next.exists) return Math.min(handoff.instant, next.instant);
  }
}

function shiftBoundsAt(
  compiled: CompiledVersion,
  at: number,
): { index: number; from: number; to: number } | null {
  if (at < compiled.firstHandoff) return null;
  const last = compiled.lastShift;
  if (last && last.from <= at && at < last.to) return last;
  // Estimate from the naive local time, then step to the shift whose real boundaries contain `at`.
  let index = Math.max(
    0,
    Math.floor((instantToWall(compiled.zone, at) - compiled.startWall) / compiled.shiftMs),
  );
  while (index > 0 && handoffAt(compiled, index) > at) index--;
  let next = handoffAt(compiled, index + 1);
  while (next <= at) {
    index++;
    next = handoffAt(compiled, index + 1);
  }
  compiled.lastShift = { index, from: handoffAt(compiled, index), to: next };
  return compiled.lastShift;
}

/** The shift of the rotation's cycle containing `at`, ignoring weekday and time-of-day windows. */
export function shiftAt(version: RotationVersion, at: Date): Shift | null {
  const compiled = compileVersion(version);
  if (!compiled || version.members.length === 0) return null;
  const bounds = shiftBoundsAt(compiled, at.getTime());
  if (!bounds) return null;
  return {
    index: bounds.index,
    from: new Date(bounds.from),
    to: new Date(bounds.to),
    staffId: version.members[bounds.index % version.members.length],
  };
}

/** The instant of the first handoff, or null when the version cannot be read. */
export function firstHandoff(version: RotationVersion): Date | null {
  const compiled = compileVersion(version);
  return compiled ? new Date(compiled.firstHandoff) : null;
}

/** Handoff instants in [from, to), for shift notices and resolved timelines. */
export function handoffsBetween(version: RotationVersion, from: Date, to: Date): Date[] {
  const compiled = compileVersion(version);
  if (!compiled) return [];
  const start = Math.max(from.getTime(), compiled.firstHandoff);
  const bounds = shiftBoundsAt(compiled, start);
  const handoffs: Date[] = [];
  if (!bounds) return handoffs;
  if (bounds.from >= from.getTime() && bounds.from < to.getTime()) handoffs.push(new Date(bounds.from));
  for (let index = bounds.index + 1; ; index++) {
    const handoff = handoffAt(compiled, index);
    if (handoff >= to.getTime()) return handoffs;
    handoffs.push(new Date(handoff));
  }
}

const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

function isoWeekday(wall: number): number {
  return new Date(wall).getUTCDay() || 7;
}

function isWithinWindowsAt(compiled: CompiledVersion, at: number): boolean {
  if (!compiled.weekdays && !compiled.window) return true;
  const wall = instantToWall(compiled.zone, at);
  let dayWall = wall;
  if (compiled.window) {
    const minute = Math.floor(modulo(wall, DAY_MS) / MINUTE_MS);
    const { start, end } = compiled.window;
    const wraps = end <= start;
    const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
    if (!inside) return false;
    // The small hours of a window that wraps past midnight belong to the day it opened, so a Friday
    // 22:00–06:00 night duty still covers Saturday 03:00.
    if (wraps && minute < end) dayWall -= DAY_MS;
  }
  return !compiled.weekdays || compiled.weekdays.has(isoWeekday(dayWall));
}

/** Whether the rotation's weekday and time-of-day windows let it apply at `at` (its local time). */
export function isWithinWindows(version: RotationVersion, at: Date): boolean {
  const compiled = compileVersion(version);
  return compiled !== null && isWithinWindowsAt(compiled, at.getTime());
}

export function staffOfVersionAt(compiled: CompiledVersion, at: number): number | null {
  const { members } = compiled.version;
  if (members.length === 0 || !isWithinWindowsAt(compiled, at)) return null;
  const bounds = shiftBoundsAt(compiled, at);
  return bounds ? members[bounds.index % members.length] : null;
}
