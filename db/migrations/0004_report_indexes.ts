import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // Reports read cases by deadline and call-backs by creation; these keep a 90-day report fast at 1M cases.
    `CREATE INDEX cases_by_due ON cases (due_at)`,
    `CREATE INDEX cases_by_category ON cases (category, created_at)`,
  ];
}
