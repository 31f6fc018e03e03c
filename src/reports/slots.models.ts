import {
  handoffsBetween,
  isWithinWindows,
  type Position,
  type RotationVersion,
  versionPeriods,
} from '../roster/roster.models';
import type { Segment } from '../roster/roster.segments';

/** A stretch of one shift: one person (or nobody) from one source, never across a handoff. */
export type Slot = Segment;

/**
 * Handoff instants in [from, to) per rotation of the position, from the version in force at each
 * moment, so an edit made today never moves last week's boundaries. A handoff falling outside the
 * rotation's weekday or time-of-day windows is no shift boundary: nobody from it is on duty then.
 */
export function shiftBoundaries(
  versions: readonly RotationVersion[],
  position: Position,
  from: Date,
  to: Date,
): Map<number, number[]> {
  const boundaries = new Map<number, number[]>();
  for (const period of versionPeriods(versions)) {
    if (period.version.position !== position) continue;
    const start = Math.max(from.getTime(), period.from);
    const end = Math.min(to.getTime(), period.to ?? to.getTime());
    if (start >= end) continue;
    const list = boundaries.get(period.version.rotationId) ?? [];
    for (const handoff of handoffsBetween(period.version, new Date(start), new Date(end))) {
      if (isWithinWindows(period.version, handoff)) list.push(handoff.getTime());
    }
    boundaries.set(period.version.rotationId, list);
  }
  for (const list of boundaries.values()) list.sort((a, b) => a - b);
  return boundaries;
}

/**
 * Resolution merges a person's consecutive shifts into one segment; slots split them back at each
 * handoff, so that every shift is accounted for on its own.
 */
export function splitIntoSlots(segments: readonly Segment[], boundaries: Map<number, number[]>): Slot[] {
  const slots: Slot[] = [];
  const everyBoundary = [...new Set([...boundaries.values()].flat())].sort((a, b) => a - b);
  for (const segment of segments) {
    let start = segment.from.getTime();
    const end = segment.to.getTime();
    // A rotation's shift ends only at its own handoffs; a cover or an empty stretch follows the
    // shifts of every rotation of the position, so a two-day sick note shows as two shifts.
    const cuts =
      segment.source?.kind === 'rotation' ? (boundaries.get(segment.source.rotationId) ?? []) : everyBoundary;
    for (const cut of cuts) {
      if (cut <= start || cut >= end) continue;
      slots.push({ ...segment, from: new Date(start), to: new Date(cut) });
      start = cut;
    }
    slots.push({ ...segment, from: new Date(start), to: new Date(end) });
  }
  return slots.sort((a, b) => a.from.getTime() - b.from.getTime());
}
