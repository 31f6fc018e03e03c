import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // A group petition carried by one case (SPEC §18). Its representatives are a JSON array of
    // { name, phone } read whole with the petition, as a campaign's places are; the merged cases are
    // read from cases.merged_into, never stored here. visit_date is a local date (YYYY-MM-DD).
    `CREATE TABLE petitions (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  headcount INTEGER NOT NULL CHECK (headcount >= 1),
  representatives TEXT NOT NULL,
  visit_date TEXT,
  demands TEXT NOT NULL,
  recorded_by INTEGER REFERENCES staff (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    // The duty-gap report and the KPIs read petitions by when they were recorded.
    `CREATE INDEX petitions_by_created ON petitions (created_at)`,
  ];
}
