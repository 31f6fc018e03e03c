import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Voice: the call log, each attempt to reach a duty officer, and recordings.
    `CREATE TABLE calls (
  ${d.autoId},
  call_sid TEXT NOT NULL UNIQUE,
  from_phone TEXT NOT NULL,
  to_phone TEXT,
  language TEXT NOT NULL,
  status TEXT NOT NULL,                 -- Twilio's latest CallStatus
  last_sequence INTEGER NOT NULL DEFAULT -1,
  outcome TEXT CHECK (outcome IN ('connected', 'message', 'status', 'abandoned')),
  on_duty TEXT NOT NULL DEFAULT '{}',   -- JSON {primary, backup, supervisor} when the call arrived
  officer_requested_at TEXT,            -- when the caller pressed 0
  accepted_at TEXT,
  accepted_by INTEGER REFERENCES staff (id),
  missed INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1)),
  case_id INTEGER REFERENCES cases (id),
  callback_case_id INTEGER REFERENCES cases (id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  duration_seconds INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE INDEX calls_by_started ON calls (started_at)`,
    `CREATE INDEX calls_by_from ON calls (from_phone, started_at)`,
    `CREATE INDEX calls_by_case ON calls (case_id)`,
    // One row per person the hunt rang: who, in which position, and how it ended.
    `CREATE TABLE call_attempts (
  ${d.autoId},
  call_id INTEGER NOT NULL REFERENCES calls (id),
  attempt INTEGER NOT NULL,
  position TEXT NOT NULL CHECK (position IN ('primary', 'backup', 'supervisor')),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  started_at TEXT NOT NULL,
  accepted_at TEXT,
  ended_at TEXT,
  result TEXT CHECK (result IN ('accepted', 'declined', 'no-answer', 'busy', 'failed', 'canceled')),
  dial_call_sid TEXT,
  dial_call_status TEXT,
  UNIQUE (call_id, attempt)
)`,
    `CREATE TABLE recordings (
  recording_sid TEXT PRIMARY KEY,
  call_sid TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'conversation', 'fallback')),
  url TEXT NOT NULL,                    -- Twilio's media URL: never sent to a browser or an SMS
  duration_seconds INTEGER,
  status TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE INDEX recordings_by_case ON recordings (case_id)`,
    `CREATE INDEX recordings_by_call ON recordings (call_sid)`,
    `ALTER TABLE cases ADD COLUMN missed INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1))`,
    `ALTER TABLE cases ADD COLUMN call_sid TEXT`,
  ];
}
