import type { Segment } from '../roster/roster.segments';

/** A stretch of one shift: one person (or nobody) from one source, never across a handoff. */
export type Slot = Segment;

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
