import type { IANAZone } from 'luxon';
import type { InactiveSpan } from '../staff/staff.status';
import type { OverrideReason, Position } from './roster.positions';
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

export { OVERRIDE_REASONS, type OverrideReason, POSITIONS, type Position } from './roster.positions';

export interface RotationWindow {
  start: string;
  end: string;
}

/** What a rotation says from `effectiveFrom` on; edits add versions, so the past keeps its answer. */
export interface RotationVersion {
  rotationId: number;
  effectiveFrom: string;
  name: string;
  position: Position;
  timezone: string;
  /** 'YYYY-MM-DDTHH:mm', the local wall-clock time of the first handoff. */
  startLocal: string;
  shiftHours: number;
  members: number[];
  weekdays: number[] | null;
  window: RotationWindow | null;
}

export interface Override {
  id: number;
  position: Position;
  absentStaffId: number | null;
  coverStaffId: number | null;
  from: string;
  to: string;
  reason: OverrideReason;
}

export interface Shift {
  index: number;
  from: Date;
  to: Date;
  staffId: number;
}

export type DutySource =
  | { kind: 'rotation'; rotationId: number }
  | { kind: 'override'; overrideId: number }
  | null;

/** Someone who should hold a position and does not: absent with no cover, or not active then. */
export interface Vacancy {
  staffId: number;
  why: 'absent' | 'inactive';
}

export interface Duty {
  staffId: number | null;
  source: DutySource;
  /** Whose absence or inactivity leaves the position empty; absent when nobody was due. */
  vacancy?: Vacancy;
}

export type ResolvedDuty = Record<Position, Duty>;

/** Resolution memoises per array, so a roster's arrays are treated as immutable once resolved. */
export interface Roster {
  versions: readonly RotationVersion[];
  overrides: readonly Override[];
  /** When staff were inactive: then they hold no position, from a rotation or as a cover. */
  inactive: readonly InactiveSpan[];
}

interface CompiledVersion {
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
function compileVersion(version: RotationVersion): CompiledVersion | null {
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

function staffOfVersionAt(compiled: CompiledVersion, at: number): number | null {
  const { members } = compiled.version;
  if (members.length === 0 || !isWithinWindowsAt(compiled, at)) return null;
  const bounds = shiftBoundsAt(compiled, at);
  return bounds ? members[bounds.index % members.length] : null;
}

interface RotationHistory {
  rotationId: number;
  /** Oldest first. */
  versions: CompiledVersion[];
}

const indexedRosters = new WeakMap<readonly RotationVersion[], RotationHistory[]>();

/** Rotations newest first (the newest one producing someone wins), each with its versions in order. */
function indexRotations(versions: readonly RotationVersion[]): RotationHistory[] {
  const cached = indexedRosters.get(versions);
  if (cached) return cached;
  const byRotation = new Map<number, CompiledVersion[]>();
  for (const version of versions) {
    const compiled = compileVersion(version);
    if (!compiled) continue;
    const list = byRotation.get(version.rotationId) ?? [];
    list.push(compiled);
    byRotation.set(version.rotationId, list);
  }
  const index = [...byRotation.entries()]
    .map(([rotationId, list]) => ({
      rotationId,
      versions: list.sort((a, b) => a.effectiveFromMs - b.effectiveFromMs),
    }))
    .sort((a, b) => b.rotationId - a.rotationId);
  indexedRosters.set(versions, index);
  return index;
}

function versionInForce(history: RotationHistory, at: number): CompiledVersion | null {
  for (let i = history.versions.length - 1; i >= 0; i--) {
    if (history.versions[i].effectiveFromMs <= at) return history.versions[i];
  }
  return null;
}

/** The version of each rotation in force at `at`; a rotation not yet in force shows its first version. */
export function currentVersions(versions: readonly RotationVersion[], at: Date): RotationVersion[] {
  return indexRotations(versions)
    .map((history) => (versionInForce(history, at.getTime()) ?? history.versions[0]).version)
    .sort((a, b) => a.rotationId - b.rotationId);
}

/** Version intervals [from, to) per rotation; `to` is null for the version still in force. */
export function versionPeriods(
  versions: readonly RotationVersion[],
): { version: RotationVersion; from: number; to: number | null }[] {
  return indexRotations(versions).flatMap((history) =>
    history.versions.map((compiled, i) => ({
      version: compiled.version,
      from: compiled.effectiveFromMs,
      to: history.versions[i + 1]?.effectiveFromMs ?? null,
    })),
  );
}

type IsActive = (staffId: number, at: number) => boolean;

/**
 * The newest rotation producing an active member. A rotation whose member is inactive then produces
 * nobody, and the next one of the position may still produce someone; with none, the first inactive
 * member found is the vacancy.
 */
function rotationDutyAt(index: RotationHistory[], position: Position, at: number, isActive: IsActive): Duty {
  let vacant: Duty | null = null;
  for (const history of index) {
    const compiled = versionInForce(history, at);
    if (!compiled || compiled.version.position !== position) continue;
    const staffId = staffOfVersionAt(compiled, at);
    if (staffId === null) continue;
    const source: DutySource = { kind: 'rotation', rotationId: history.rotationId };
    if (isActive(staffId, at)) return { staffId, source };
    vacant ??= { staffId: null, source, vacancy: { staffId, why: 'inactive' } };
  }
  return vacant ?? { staffId: null, source: null };
}

const compiledActivity = new WeakMap<readonly InactiveSpan[], Map<number, { from: number; to: number }[]>>();

function compileActivity(inactive: readonly InactiveSpan[]): IsActive {
  let byStaff = compiledActivity.get(inactive);
  if (!byStaff) {
    byStaff = new Map();
    for (const span of inactive) {
      const list = byStaff.get(span.staffId) ?? [];
      list.push({ from: Date.parse(span.from), to: span.to === null ? Infinity : Date.parse(span.to) });
      byStaff.set(span.staffId, list);
    }
    compiledActivity.set(inactive, byStaff);
  }
  const spans = byStaff;
  return (staffId, at) => !spans.get(staffId)?.some((span) => span.from <= at && at < span.to);
}

interface CompiledOverride {
  override: Override;
  from: number;
  to: number;
}

const compiledOverrideLists = new WeakMap<readonly Override[], CompiledOverride[]>();

function compileOverrides(overrides: readonly Override[]): CompiledOverride[] {
  const cached = compiledOverrideLists.get(overrides);
  if (cached) return cached;
  const compiled = overrides
    .map((override) => ({ override, from: Date.parse(override.from), to: Date.parse(override.to) }))
    .sort((a, b) => a.override.id - b.override.id);
  compiledOverrideLists.set(overrides, compiled);
  return compiled;
}

/**
 * Overrides apply in the order they were made: an absence replaces its person (even one inactive
 * then) with the cover, or with nobody (a gap the reports show); a cover with no absent person fills
 * an empty position. A cover who is inactive then covers nothing.
 */
function applyOverrides(
  duty: Duty,
  overrides: CompiledOverride[],
  position: Position,
  at: number,
  isActive: IsActive,
): Duty {
  let result = duty;
  for (const { override, from, to } of overrides) {
    if (override.position !== position || at < from || at >= to) continue;
    const source: DutySource = { kind: 'override', overrideId: override.id };
    const cover = override.coverStaffId;
    if (override.absentStaffId !== null) {
      const due = result.staffId ?? (result.vacancy?.why === 'inactive' ? result.vacancy.staffId : null);
      if (override.absentStaffId !== due) continue;
      if (cover !== null && isActive(cover, at)) result = { staffId: cover, source };
      else {
        const vacancy: Vacancy =
          cover === null
            ? { staffId: override.absentStaffId, why: 'absent' }
            : { staffId: cover, why: 'inactive' };
        result = { staffId: null, source, vacancy };
      }
    } else if (result.staffId === null && cover !== null && isActive(cover, at)) {
      result = { staffId: cover, source };
    }
  }
  return result;
}

/**
 * Who holds each position at `at`: the newest rotation producing an active member, then overrides
 * over it. The one answer to "who is on duty"; every view of the roster asks it.
 */
export function resolveOnDuty(roster: Roster, at: Date): ResolvedDuty {
  const atMs = at.getTime();
  const index = indexRotations(roster.versions);
  const overrides = compileOverrides(roster.overrides);
  const isActive = compileActivity(roster.inactive);
  const resolve = (position: Position) =>
    applyOverrides(rotationDutyAt(index, position, atMs, isActive), overrides, position, atMs, isActive);
  return { primary: resolve('primary'), backup: resolve('backup'), supervisor: resolve('supervisor') };
}
