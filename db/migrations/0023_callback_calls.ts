import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Masked call-backs (SPEC §18): Twilio rings the officer, who presses 1 to be bridged to the
    // citizen under the hotline's number. One row per call; written only by src/callbacks/calls.
    `CREATE TABLE callback_calls (
  ${d.autoId},
  case_id INTEGER NOT NULL REFERENCES cases (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  call_sid TEXT UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('requested', 'queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled')),
  status_sequence INTEGER,
  officer_digits TEXT,
  citizen_dialed INTEGER NOT NULL DEFAULT 0,
  citizen_status TEXT,
  citizen_call_sid TEXT,
  citizen_duration_seconds INTEGER,
  duration_seconds INTEGER,
  recording_sid TEXT,
  recording_url TEXT,
  recording_duration_seconds INTEGER,
  error_code TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ended_at TEXT
)`,
    `CREATE INDEX callback_calls_by_case ON callback_calls (case_id, id)`,
    // At most one live call per case: a second start while one rings or talks is refused.
    `CREATE UNIQUE INDEX callback_calls_one_live ON callback_calls (case_id) WHERE ended_at IS NULL`,
  ];
}
