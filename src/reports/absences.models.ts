import { absenceCoverage } from '../roster/roster.coverage';
import type { Override } from '../roster/roster.models';
import type { Segment } from '../roster/roster.segments';

export interface Absence {
  overrideId: number;
  position: Override['position'];
  staffId: number;
  /** Who held the position during it in the window: its own cover, or covers recorded after. */
  coverStaffIds: number[];
  from: Date;
  to: Date;
  reason: Override['reason'];
  /** No stretch of the window is empty because of it. */
  covered: boolean;
}

/**
 * Every override naming an absent person that overlaps [from, to), with its own times (not cut to
 * the window), earliest first. A cover alone adds someone and is no absence. Whether it is covered
 * is read from the segments resolved for the window, as the roster page reads it: a cover recorded
 * as its own override covers it too.
 */
export function findAbsences(
  overrides: readonly Override[],
  segments: readonly Segment[],
  from: Date,
  to: Date,
): Absence[] {
  return overrides
    .filter((override) => override.absentStaffId !== null)
    .filter(
      (override) => Date.parse(override.from) < to.getTime() && Date.parse(override.to) > from.getTime(),
    )
    .map((override) => {
      const coverage = absenceCoverage(override, segments);
      return {
        overrideId: override.id,
        position: override.position,
        staffId: override.absentStaffId!,
        coverStaffIds: coverage.coverIds,
        from: new Date(override.from),
        to: new Date(override.to),
        reason: override.reason,
        covered: !coverage.uncovered,
      };
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime() || a.overrideId - b.overrideId);
}
