import { stringify } from 'csv-stringify/sync';
import type { StaffAppraisal } from './appraisal.models';

// One row per officer, the JSON's figures under snake_case names; a rate with nothing measured is
// an empty cell, as null is in the JSON.
const COLUMNS: [string, keyof StaffAppraisal][] = [
  ['staff_id', 'staffId'],
  ['name', 'name'],
  ['active', 'active'],
  ['cases_assigned', 'casesAssigned'],
  ['cases_resolved', 'casesResolved'],
  ['median_acknowledge_seconds', 'medianAcknowledgeSeconds'],
  ['on_time_rate', 'onTimeRate'],
  ['feedback_rate', 'feedbackRate'],
  ['satisfaction_rate', 'satisfactionRate'],
  ['reopen_rate', 'reopenRate'],
  ['missed_calls', 'missedCalls'],
  ['abandoned_calls', 'abandonedCalls'],
  ['callbacks_done', 'callbacksDone'],
  ['duty_hours', 'dutyHours'],
  ['sick_hours', 'sickHours'],
  ['leave_hours', 'leaveHours'],
];

export const STAFF_APPRAISAL_CSV_COLUMNS = COLUMNS.map(([column]) => column);

export function renderStaffAppraisalCsv(rows: readonly StaffAppraisal[]): string {
  return stringify(
    rows.map((row) => COLUMNS.map(([, key]) => row[key])),
    { header: true, columns: STAFF_APPRAISAL_CSV_COLUMNS, cast: { boolean: (value) => String(value) } },
  );
}
