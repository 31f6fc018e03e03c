import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // Service commitments: each case keeps its acknowledge deadline beside its result deadline (due_at).
    // Cases opened before this migration have none; sla-watch then watches only their result deadline.
    `ALTER TABLE cases ADD COLUMN ack_due_at TEXT`,
    // sla-watch reads open cases whose deadline falls in a window around now. cases_by_status
    // (status, due_at) serves the result deadline; this serves the acknowledge deadline.
    `CREATE INDEX cases_by_status_ack ON cases (status, ack_due_at)`,
  ];
}
