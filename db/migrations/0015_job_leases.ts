import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // One row per scheduled job: which node runs it now and until when, and the last scheduled tick any
    // node took, so that several nodes on one store run each tick once. A lease whose holder died
    // (kill -9) simply expires. Written only by src/jobs/job-leases.ts; times are ISO 8601 UTC text.
    `CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT,
  expires_at TEXT,
  last_tick TEXT
)`,
  ];
}
