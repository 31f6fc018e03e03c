import {
  handoffsBetween,
  isWithinWindows,
  POSITIONS,
  type Position,
  type Roster,
  type RotationVersion,
  versionPeriods,
} from './roster.models';
import { resolveSegments } from './roster.segments';

/** One person's unbroken time in a position, up to a handoff: what a sick note or a shift reminder is about. */
export interface DutyShift {
  position: Position;
  staffId: number;
  from: Date;
  to: Date;
}

/**
 * Handoff instants in [from, to) per rotation of the position, from the version in force at each
 * moment, so an edit made today never moves last week's boundaries. A handoff outside the
 * rotation's weekday or time-of-day windows is no shift boundary: nobody from it is on duty then.
 */
export function handoffsByRotation(
  versions: readonly RotationVersion[],
  position: Position,
  from: Date,
  to: Date,
): Map<number, number[]> {
  const byRotation = new Map<number, number[]>();
  for (const period of versionPeriods(versions)) {
    if (period.version.position !== position) continue;
    const start = Math.max(from.getTime(), period.from);
    const end = Math.min(to.getTime(), period.to ?? to.getTime());
    if (start >= end) continue;
    const list = byRotation.get(period.version.rotationId) ?? [];
    for (const handoff of handoffsBetween(period.version, new Date(start), new Date(end))) {
      if (isWithinWindows(period.version, handoff)) list.push(handoff.getTime());
    }
    byRotation.set(period.version.rotationId, list);
  }
  for (const list of byRotation.values()) list.sort((a, b) => a - b);
  return byRotation;
}

/** Every handoff of any rotation of the position, in order. */
export function handoffsOfPosition(
  versions: readonly RotationVersion[],
  position: Position,
  from: Date,
  to: Date,
) {
  return [...new Set([...handoffsByRotation(versions, position, from, to).values()].flat())].sort(
    (a, b) => a - b,
  );
}

/**
 * The resolved timeline over [from, to) as shifts, earliest first. Touching segments with the same
 * person merge whatever their source (a rotation edit is no new shift), then split at every handoff,
 * so that someone who stays on across a handoff starts a new shift there. Shifts touching `from` or
 * `to` are cut to the window: only a start after `from` is a real one.
 */
export function dutyShifts(roster: Roster, from: Date, to: Date): DutyShift[] {
  const merged: DutyShift[] = [];
  for (const segment of resolveSegments(roster, from, to)) {
    if (segment.staffId === null) continue;
    const last = merged.at(-1);
    if (
      last &&
      last.position === segment.position &&
      last.staffId === segment.staffId &&
      last.to.getTime() === segment.from.getTime()
    ) {
      last.to = segment.to;
    } else {
      merged.push({
        position: segment.position,
        staffId: segment.staffId,
        from: segment.from,
        to: segment.to,
      });
    }
  }
  const handoffs = new Map(
    POSITIONS.map((position) => [position, handoffsOfPosition(roster.versions, position, from, to)]),
  );
  const shifts = merged.flatMap((shift) => {
    const pieces: DutyShift[] = [];
    let start = shift.from.getTime();
    for (const handoff of handoffs.get(shift.position)!) {
      if (handoff <= start || handoff >= shift.to.getTime()) continue;
      pieces.push({ ...shift, from: new Date(start), to: new Date(handoff) });
      start = handoff;
    }
    pieces.push({ ...shift, from: new Date(start), to: shift.to });
    return pieces;
  });
  const order = (position: Position) => POSITIONS.indexOf(position);
  return shifts.sort((a, b) => a.from.getTime() - b.from.getTime() || order(a.position) - order(b.position));
}
