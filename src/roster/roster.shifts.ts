import {
  handoffsBetween,
  isWithinWindows,
  POSITIONS,
  type Position,
  type Roster,
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

/** Handoffs of each position's rotations in [from, to), only where the rotation applies at that instant. */
function handoffsByPosition(roster: Roster, from: number, to: number): Map<Position, number[]> {
  const byPosition = new Map<Position, Set<number>>(POSITIONS.map((position) => [position, new Set()]));
  for (const period of versionPeriods(roster.versions)) {
    const periodStart = Math.max(from, period.from);
    const periodEnd = Math.min(to, period.to ?? to);
    if (periodStart >= periodEnd) continue;
    for (const handoff of handoffsBetween(period.version, new Date(periodStart), new Date(periodEnd))) {
      if (isWithinWindows(period.version, handoff)) {
        byPosition.get(period.version.position)!.add(handoff.getTime());
      }
    }
  }
  return new Map(
    [...byPosition].map(([position, set]) => [position, [...set].sort((a, b) => a - b)] as const),
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
  const handoffs = handoffsByPosition(roster, from.getTime(), to.getTime());
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
