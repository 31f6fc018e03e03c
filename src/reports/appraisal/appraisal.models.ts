import {
  type AnswerCounts,
  feedbackRate,
  onTimeCompletionRate,
  type ResolutionCounts,
  reopenRate,
  satisfactionRate,
} from '../../kpis/kpis.models';
import type { Role } from '../../staff/staff.models';
import type { Absence } from '../absences.models';
import type { SlotFindings } from '../duty-gaps.models';
import { hoursCovered } from '../duty-hours.models';

// SPEC §18: the KPIs' definitions restricted to one officer. The rates come from kpis.models; this
// file only gathers each officer's counts and decides who gets a row.

/** What one officer is counted for in [from, to); every field is read by officer id. */
export interface OfficerCounts {
  /** Cases (not merged) that arrived in the window and that the officer holds. */
  assigned: number;
  resolutions: ResolutionCounts;
  answers: AnswerCounts;
  /** acknowledged_at − created_at, in ms, of the cases they hold acknowledged in the window. */
  acknowledgeMs: number[];
  callbacksDone: number;
}

export interface StaffAppraisal {
  staffId: number;
  name: string;
  active: boolean;
  casesAssigned: number;
  casesResolved: number;
  /** Null when they acknowledged nothing in the window. */
  medianAcknowledgeSeconds: number | null;
  onTimeRate: number | null;
  feedbackRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  missedCalls: number;
  abandonedCalls: number;
  callbacksDone: number;
  dutyHours: number;
  sickHours: number;
  leaveHours: number;
}

export const NO_COUNTS: OfficerCounts = {
  assigned: 0,
  resolutions: { resolved: 0, onTime: 0, withFeedback: 0, reopened: 0 },
  answers: { answers: 0, satisfied: 0 },
  acknowledgeMs: [],
  callbacksDone: 0,
};

/** The middle value, or the mean of the two middle ones; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Missed and abandoned calls of the primary shift slots each officer held (the duty-gap report's slots). */
export function callsOnShifts(
  slots: readonly SlotFindings[],
): Map<number, { missed: number; abandoned: number }> {
  const byStaff = new Map<number, { missed: number; abandoned: number }>();
  for (const slot of slots) {
    if (slot.staffId === null) continue;
    const entry = byStaff.get(slot.staffId) ?? { missed: 0, abandoned: 0 };
    entry.missed += slot.calls.missed;
    entry.abandoned += slot.calls.abandoned;
    byStaff.set(slot.staffId, entry);
  }
  return byStaff;
}

export type AbsenceHours = { sick: number; leave: number };

/**
 * Hours of sickness and leave inside [from, to), per person: one absence recorded for two positions
 * at once is one absence of that person's time, so overlaps count once.
 */
export function absenceHours(absences: readonly Absence[], from: Date, to: Date): Map<number, AbsenceHours> {
  const spans = new Map<number, Record<keyof AbsenceHours, { from: number; to: number }[]>>();
  for (const absence of absences) {
    if (absence.reason !== 'sick' && absence.reason !== 'leave') continue;
    const start = Math.max(absence.from.getTime(), from.getTime());
    const end = Math.min(absence.to.getTime(), to.getTime());
    if (!(start < end)) continue;
    const entry = spans.get(absence.staffId) ?? { sick: [], leave: [] };
    entry[absence.reason].push({ from: start, to: end });
    spans.set(absence.staffId, entry);
  }
  return new Map(
    [...spans].map(([staffId, entry]) => [
      staffId,
      { sick: hoursCovered(entry.sick), leave: hoursCovered(entry.leave) },
    ]),
  );
}

export interface AppraisalInput {
  counts: ReadonlyMap<number, OfficerCounts>;
  calls: ReadonlyMap<number, { missed: number; abandoned: number }>;
  dutyHours: ReadonlyMap<number, number>;
  absences: ReadonlyMap<number, AbsenceHours>;
}

export function appraiseOfficer(
  staff: { id: number; name: string; active: boolean },
  input: AppraisalInput,
): StaffAppraisal {
  const counts = input.counts.get(staff.id) ?? NO_COUNTS;
  const calls = input.calls.get(staff.id) ?? { missed: 0, abandoned: 0 };
  const absences = input.absences.get(staff.id) ?? { sick: 0, leave: 0 };
  const acknowledgeMs = median(counts.acknowledgeMs);
  return {
    staffId: staff.id,
    name: staff.name,
    active: staff.active,
    casesAssigned: counts.assigned,
    casesResolved: counts.resolutions.resolved,
    // To the millisecond, as the KPIs' speed of answer.
    medianAcknowledgeSeconds: acknowledgeMs === null ? null : Math.round(acknowledgeMs) / 1000,
    onTimeRate: onTimeCompletionRate(counts.resolutions),
    feedbackRate: feedbackRate(counts.resolutions),
    satisfactionRate: satisfactionRate(counts.answers),
    reopenRate: reopenRate(counts.resolutions),
    missedCalls: calls.missed,
    abandonedCalls: calls.abandoned,
    callbacksDone: counts.callbacksDone,
    dutyHours: input.dutyHours.get(staff.id) ?? 0,
    sickHours: absences.sick,
    leaveHours: absences.leave,
  };
}

/** Who the window has anything to say about: cases, call-backs, shifts or absences in it. */
export function appraisedStaffIds(input: AppraisalInput): number[] {
  const ids = new Set<number>([...input.counts.keys(), ...input.calls.keys(), ...input.absences.keys()]);
  for (const [staffId, hours] of input.dutyHours) if (hours > 0) ids.add(staffId);
  return [...ids].sort((a, b) => a - b);
}

/** Supervisors and admins appraise everyone; a staff member sees their own row and nobody else's. */
export function appraisalScope(viewer: { role: 'admin' } | { role: Role; staffId: number }): {
  only?: number;
} {
  return viewer.role === 'staff' && 'staffId' in viewer ? { only: viewer.staffId } : {};
}
