import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Group complaints and KPIs: where a complaint is about, and the indexes the KPI report reads by.
    // Each KPI is one aggregate over one of these, so a year of a million cases stays under a second.
    // Free text (a district or a street) given when staff log a letter, visit or web complaint.
    `ALTER TABLE cases ADD COLUMN place TEXT`,
    // The reporters of a case are its own citizen and those of the cases merged into it.
    `CREATE INDEX cases_by_merged_into ON cases (merged_into) WHERE merged_into IS NOT NULL`,
    // Resolutions and satisfaction answers, by when they happened (answers: covering).
    `CREATE INDEX cases_by_resolved ON cases (resolved_at) WHERE resolved_at IS NOT NULL`,
    `CREATE INDEX cases_by_answered ON cases (satisfaction_answered_at, satisfaction_answer)
  WHERE satisfaction_answered_at IS NOT NULL`,
    // Volumes by channel (cases_by_category serves categories) and the hotspots, without sorting the window.
    `CREATE INDEX cases_by_channel ON cases (channel, created_at)`,
    `CREATE INDEX cases_by_place ON cases (created_at, place) WHERE place IS NOT NULL`,
    // The reopen rate asks which cases ever had a 'reopened' event.
    `CREATE INDEX case_events_by_type ON case_events (type, case_id)`,
  ];
}
