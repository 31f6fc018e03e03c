import { formatReportTime } from './report-time';
import type { LabelledShift } from './shifts.usecases';

export function renderShift(shift: LabelledShift, zone: string) {
  return {
    position: shift.position,
    staff: shift.staff,
    from: formatReportTime(shift.from, zone),
    to: formatReportTime(shift.to, zone),
    source: shift.source,
  };
}
