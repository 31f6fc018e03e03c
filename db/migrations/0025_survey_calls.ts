import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Satisfaction survey calls (SPEC §19, HOTLINE_REGION=cn): where citizens cannot text back,
    // "are you satisfied?" is a short outbound call. One row per attempt, scheduled in the
    // transaction that asked, so a crash or a Twilio outage loses none. Written only by
    // src/satisfaction/survey.
    `CREATE TABLE survey_calls (
  ${d.autoId},
  case_id INTEGER NOT NULL REFERENCES cases (id),
  about_ref TEXT NOT NULL,
  phone TEXT NOT NULL,
  language TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'requested', 'queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled')),
  status_sequence INTEGER,
  call_sid TEXT UNIQUE,
  due_at TEXT NOT NULL,
  repeats INTEGER NOT NULL DEFAULT 0,
  digits TEXT,
  outcome TEXT CHECK (outcome IN ('satisfied', 'unsatisfied', 'no_answer', 'no_key', 'failed', 'canceled')),
  error_code TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ended_at TEXT
)`,
    `CREATE INDEX survey_calls_due ON survey_calls (status, due_at)`,
    `CREATE INDEX survey_calls_by_case ON survey_calls (case_id, id)`,
  ];
}
