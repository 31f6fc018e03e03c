import { formatInstant } from '../shared/time-format';
import type { LabelledShift } from './roster.shifts-query';

export function renderShift(shift: LabelledShift, zone: string) {
  return {
    position: shift.position,
    staff: shift.staff,
    from: formatInstant(shift.from, zone),
    to: formatInstant(shift.to, zone),
    source: shift.source,
  };
}
