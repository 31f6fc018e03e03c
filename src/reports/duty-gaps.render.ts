import type { RosterLabels } from '../roster/roster.labels';
import { formatInstant } from '../shared/time-format';
import type { DutyGapFindings } from './duty-gaps.models';

/** The JSON of SPEC §9: its top-level keys are the contract; the extra keys only add detail. */
export function renderDutyGapReport(
  findings: DutyGapFindings,
  { labels, zone, now }: { labels: RosterLabels; zone: string; now: Date },
) {
  const time = (instant: Date) => formatInstant(instant, zone);
  return {
    from: time(findings.from),
    to: time(findings.to),
    generatedAt: time(now),
    timezone: zone,
    coverage: { percent: findings.coverage.percent },
    gaps: findings.gaps.map((gap) => ({
      position: gap.position,
      from: time(gap.from),
      to: time(gap.to),
      cause: gap.cause,
      overrideId: gap.overrideId,
      staff: labels.staff(gap.staffId),
    })),
    noBackup: findings.noBackup.map((stretch) => ({ from: time(stretch.from), to: time(stretch.to) })),
    absences: findings.absences.map((absence) => ({
      staff: labels.staff(absence.staffId),
      from: time(absence.from),
      to: time(absence.to),
      reason: absence.reason,
      covered: absence.covered,
      covers: absence.coverStaffIds.map((id) => labels.staff(id)),
      position: absence.position,
      overrideId: absence.overrideId,
    })),
    slots: findings.slots.map((slot) => ({
      position: slot.position,
      staff: labels.staff(slot.staffId),
      from: time(slot.from),
      to: time(slot.to),
      source: labels.source(slot.source, slot.from),
      calls: slot.calls,
      callbacks: slot.callbacks,
    })),
    cases: findings.cases.map((item) => ({
      ref: item.ref,
      missing: item.missing,
      dueAt: time(item.dueAt),
      status: item.status,
      assignee: labels.staff(item.assigneeId),
    })),
    awaitingSignOff: findings.awaitingSignOff.map((item) => ({
      ref: item.ref,
      priority: item.priority,
      resolvedAt: time(item.resolvedAt),
      assignee: labels.staff(item.assigneeId),
    })),
    // Group petitions, listed on their own until their case has all four haves (SPEC §18).
    petitions: findings.petitions.map((item) => ({
      ref: item.ref,
      status: item.status,
      priority: item.priority,
      headcount: item.headcount,
      representatives: item.representatives,
      visitDate: item.visitDate,
      mergedCases: item.mergedRefs,
      assignee: labels.staff(item.assigneeId),
      missing: item.missing,
      recordedAt: time(item.recordedAt),
      dueAt: item.dueAt === null ? null : time(item.dueAt),
    })),
    hours: findings.hours.map((entry) => ({ staff: labels.staff(entry.staffId), hours: entry.hours })),
    balance: findings.balance,
  };
}

export type DutyGapReport = ReturnType<typeof renderDutyGapReport>;
export type GapView = DutyGapReport['gaps'][number];
