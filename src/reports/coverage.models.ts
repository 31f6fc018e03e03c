import type { Position } from '../roster/roster.models';
import type { Segment } from '../roster/roster.segments';

/** Why nobody held a position: no rotation covered the time, or the person on it was absent. */
export type GapCause = 'no_rotation' | 'absence_without_cover';

export interface Gap {
  position: Position;
  from: Date;
  to: Date;
  cause: GapCause;
  /** The absence that caused it, when there is one. */
  overrideId: number | null;
}

/**
 * The stretches of a position with nobody on duty, each with its cause; touching stretches with
 * the same cause (and the same absence) are one gap.
 */
export function findGaps(segments: readonly Segment[], position: Position): Gap[] {
  const gaps: Gap[] = [];
  const empty = segments
    .filter((segment) => segment.position === position && segment.staffId === null)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const segment of empty) {
    const overrideId = segment.source?.kind === 'override' ? segment.source.overrideId : null;
    const cause: GapCause = overrideId === null ? 'no_rotation' : 'absence_without_cover';
    const last = gaps.at(-1);
    if (
      last &&
      last.to.getTime() === segment.from.getTime() &&
      last.cause === cause &&
      last.overrideId === overrideId
    ) {
      last.to = segment.to;
    } else {
      gaps.push({ position, from: segment.from, to: segment.to, cause, overrideId });
    }
  }
  return gaps;
}
