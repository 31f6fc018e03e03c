import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // Cases waiting for sign-off are a handful among a million: reach them by priority, not by status.
    `CREATE INDEX cases_by_priority ON cases (priority, status)`,
  ];
}
