import { formatTime } from '../shared/time-format';

/** Report times carry the hotline's offset, as every API time does. */
export function formatReportTime(instant: Date, zone: string): string {
  return formatTime(instant.toISOString(), zone)!;
}
