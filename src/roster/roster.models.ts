import type { InactiveSpan } from '../staff/staff.status';
import type { OverrideReason, Position } from './roster.positions';
import { type CompiledVersion, compileVersion, staffOfVersionAt } from './roster.version-shifts';

export { OVERRIDE_REASONS, type OverrideReason, POSITIONS, type Position } from './roster.positions';
export { firstHandoff, handoffsBetween, isWithinWindows, shiftAt } from './roster.version-shifts';

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
