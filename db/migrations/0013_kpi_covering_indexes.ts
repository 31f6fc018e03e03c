import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // The KPIs count a year of cases by when they were resolved and by their deadline. These indexes
    // hold every column those counts read, so a year of a million cases is counted from the index
    // alone, never row by row from the table. They replace the single-column ones.
    `CREATE INDEX cases_kpi_resolved ON cases (resolved_at, status, due_at, feedback_delivered_at, feedback_via)
  WHERE resolved_at IS NOT NULL`,
    `DROP INDEX cases_by_resolved`,
    `CREATE INDEX cases_kpi_due ON cases (due_at, status, assignee_id, resolved_at, feedback_delivered_at, feedback_via)`,
    `DROP INDEX cases_by_due`,
  ];
}
