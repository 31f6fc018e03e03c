import { DateTime } from 'luxon';
import type { Gap } from '../roster/roster.coverage';
import type { DutyShift } from '../roster/roster.shifts';

/**
 * A gap's notice key: its position, cause, absence and start. The end is left out on purpose: the
 * search window cuts long gaps, so their visible end moves from run to run, and a gap that grows or
 * shrinks is still the gap the supervisor was told about. A start cut by the window is "ongoing".
 */
export function gapNoticeKey(gap: Gap, windowFrom?: Date): string {
  const start = windowFrom && gap.from.getTime() <= windowFrom.getTime() ? 'ongoing' : gap.from.toISOString();
  return `gap:${gap.position}:${gap.cause}:${gap.overrideId ?? '-'}:${start}`;
}

export function shiftReminderKey(shift: DutyShift): string {
  return `shift:${shift.staffId}:${shift.position}:${shift.from.toISOString()}`;
}

export function handoverKey(shift: DutyShift): string {
  return `handover:${shift.staffId}:${shift.from.toISOString()}`;
}

export function summaryKey(localDate: string): string {
  return `gap-summary:${localDate}`;
}

/** The local date (YYYY-MM-DD) whose daily summary is due at `now`; null before that day's `summaryTime`. */
export function summaryDateDue(now: Date, zone: string, summaryTime: string): string | null {
  const local = DateTime.fromJSDate(now, { zone });
  const [hour, minute] = summaryTime.split(':').map(Number);
  return local.hour * 60 + local.minute >= hour * 60 + minute ? local.toISODate() : null;
}

/** "12345678 23456789 +3": a capped list that still says how many there are. */
export function listRefs(refs: readonly string[], total: number): string {
  const more = total - refs.length;
  return more > 0 ? `${refs.join(' ')} +${more}` : refs.join(' ');
}

/** Recipients once each, in order, without the people to leave out. */
export function uniqueRecipients(ids: readonly (number | null)[], without: readonly number[] = []): number[] {
  const seen = new Set<number>(without);
  const result: number[] = [];
  for (const id of ids) {
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    result.push(id);
  }
  return result;
}
