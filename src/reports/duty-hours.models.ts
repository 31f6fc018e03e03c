import type { Segment } from '../roster/roster.segments';

const HOUR_MS = 3_600_000;

export interface DutyHours {
  staffId: number;
  hours: number;
}

/**
 * Hours each person was on duty in any position, most first. Holding two positions at once counts
 * once: it is still one hour of that person's time.
 */
export function dutyHours(segments: readonly Segment[]): DutyHours[] {
  const byStaff = new Map<number, { from: number; to: number }[]>();
  for (const segment of segments) {
    if (segment.staffId === null) continue;
    const list = byStaff.get(segment.staffId) ?? [];
    list.push({ from: segment.from.getTime(), to: segment.to.getTime() });
    byStaff.set(segment.staffId, list);
  }
  const totals: DutyHours[] = [];
  for (const [staffId, intervals] of byStaff) totals.push({ staffId, hours: hoursCovered(intervals) });
  return totals.sort((a, b) => b.hours - a.hours || a.staffId - b.staffId);
}

/** The hours a set of intervals (ms since the epoch) covers, overlaps counted once, two decimals. */
export function hoursCovered(intervals: readonly { from: number; to: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  let totalMs = 0;
  let current: { from: number; to: number } | null = null;
  for (const interval of sorted) {
    if (current && interval.from <= current.to) {
      current.to = Math.max(current.to, interval.to);
      continue;
    }
    if (current) totalMs += current.to - current.from;
    current = { ...interval };
  }
  if (current) totalMs += current.to - current.from;
  return Math.round((totalMs / HOUR_MS) * 100) / 100;
}

/**
 * How evenly duty is shared: the most hours anyone had ÷ the mean over the people with duty, two
 * decimals. 1 is perfectly even; 2 means someone carried twice the average. Null with nobody on duty.
 */
export function dutyBalance(hours: readonly DutyHours[]): number | null {
  const onDuty = hours.filter((entry) => entry.hours > 0);
  if (onDuty.length === 0) return null;
  const mean = onDuty.reduce((sum, entry) => sum + entry.hours, 0) / onDuty.length;
  const most = Math.max(...onDuty.map((entry) => entry.hours));
  return Math.round((most / mean) * 100) / 100;
}
