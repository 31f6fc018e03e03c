import type { Override } from '../roster/roster.models';

export interface Absence {
  overrideId: number;
  position: Override['position'];
  staffId: number;
  coverStaffId: number | null;
  from: Date;
  to: Date;
  reason: Override['reason'];
  covered: boolean;
}

/**
 * Every override naming an absent person that overlaps [from, to), with its own times (not cut to
 * the window), earliest first. A cover alone adds someone and is no absence.
 */
export function findAbsences(overrides: readonly Override[], from: Date, to: Date): Absence[] {
  return overrides
    .filter((override) => override.absentStaffId !== null)
    .map((override) => ({
      overrideId: override.id,
      position: override.position,
      staffId: override.absentStaffId!,
      coverStaffId: override.coverStaffId,
      from: new Date(override.from),
      to: new Date(override.to),
      reason: override.reason,
      covered: override.coverStaffId !== null,
    }))
    .filter((absence) => absence.from < to && absence.to > from)
    .sort((a, b) => a.from.getTime() - b.from.getTime() || a.overrideId - b.overrideId);
}
