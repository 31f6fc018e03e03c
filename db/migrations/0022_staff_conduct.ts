import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // A complaint about a staff member names them: the case is never theirs, they never see it, and
    // it needs a sign-off (SPEC §18). Null on every other case.
    `ALTER TABLE cases ADD COLUMN concerns_staff_id INTEGER REFERENCES staff (id)`,
  ];
}
