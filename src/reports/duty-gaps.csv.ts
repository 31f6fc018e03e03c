import { stringify } from 'csv-stringify/sync';
import type { DutyGapReport } from './duty-gaps.render';

export const DUTY_GAP_CSV_COLUMNS = [
  'kind',
  'position',
  'staff_id',
  'staff',
  'from',
  'to',
  'cause',
  'reason',
  'covered',
  'offered',
  'connected',
  'message',
  'missed',
  'abandoned',
  'callbacks_due',
  'callbacks_done',
  'ref',
  'missing',
  'due_at',
  'priority',
  'resolved_at',
  'hours',
  'percent',
  'balance',
  'headcount',
  'representatives',
  'visit_date',
  'merged_cases',
] as const;

type Column = (typeof DUTY_GAP_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

const staffColumns = (staff: { id: number; name: string } | null): Row => ({
  staff_id: staff?.id ?? null,
  staff: staff?.name ?? null,
});

/** One row per finding, so a spreadsheet can filter by `kind`; the window's figures come first. */
export function toDutyGapRows(report: DutyGapReport): Row[] {
  return [
    { kind: 'coverage', from: report.from, to: report.to, percent: report.coverage.percent },
    { kind: 'balance', from: report.from, to: report.to, balance: report.balance },
    ...report.gaps.map((gap) => ({
      kind: 'gap',
      position: gap.position,
      ...staffColumns(gap.staff),
      from: gap.from,
      to: gap.to,
      cause: gap.cause,
    })),
    ...report.noBackup.map((stretch) => ({
      kind: 'no_backup',
      position: 'backup',
      from: stretch.from,
      to: stretch.to,
    })),
    ...report.absences.map((absence) => ({
      kind: 'absence',
      position: absence.position,
      ...staffColumns(absence.staff),
      from: absence.from,
      to: absence.to,
      reason: absence.reason,
      covered: String(absence.covered),
    })),
    ...report.slots.map((slot) => ({
      kind: 'slot',
      position: slot.position,
      ...staffColumns(slot.staff),
      from: slot.from,
      to: slot.to,
      offered: slot.calls.offered,
      connected: slot.calls.connected,
      message: slot.calls.message,
      missed: slot.calls.missed,
      abandoned: slot.calls.abandoned,
      callbacks_due: slot.callbacks.due,
      callbacks_done: slot.callbacks.done,
    })),
    ...report.cases.map((item) => ({
      kind: 'case',
      ...staffColumns(item.assignee),
      ref: item.ref,
      missing: item.missing.join(';'),
      due_at: item.dueAt,
    })),
    ...report.awaitingSignOff.map((item) => ({
      kind: 'awaiting_sign_off',
      ...staffColumns(item.assignee),
      ref: item.ref,
      priority: item.priority,
      resolved_at: item.resolvedAt,
    })),
    ...report.petitions.map((item) => ({
      kind: 'petition',
      ...staffColumns(item.assignee),
      ref: item.ref,
      missing: item.missing.join(';'),
      due_at: item.dueAt,
      priority: item.priority,
      headcount: item.headcount,
      representatives: item.representatives,
      visit_date: item.visitDate,
      merged_cases: item.mergedCases.join(';'),
    })),
    ...report.hours.map((entry) => ({ kind: 'hours', ...staffColumns(entry.staff), hours: entry.hours })),
  ];
}

export function renderDutyGapCsv(report: DutyGapReport): string {
  return stringify(toDutyGapRows(report), {
    header: true,
    columns: [...DUTY_GAP_CSV_COLUMNS],
    cast: { number: (value) => String(value) },
    // Staff names are typed by people; a leading `=` must not run as a spreadsheet formula.
    escape_formulas: true,
  });
}
