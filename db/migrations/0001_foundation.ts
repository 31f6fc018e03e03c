import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Foundation: settings, staff and tokens, roster, cases with their audit trail, messages and the outbox.
    // Times are ISO 8601 UTC strings ('2027-03-14T07:00:00.000Z'), which sort as text.
    `CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
)`,
    `CREATE TABLE staff (
  ${d.autoId},
  name TEXT NOT NULL,
  phone TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
  language TEXT NOT NULL CHECK (language IN ('zh-CN', 'en')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE TABLE staff_tokens (
  ${d.autoId},
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
)`,
    // A rotation is an identity; what it says lives in versions, so that an edit takes effect from
    // `effective_from` and never rewrites who was on duty before it.
    `CREATE TABLE rotations (
  ${d.autoId},
  created_at TEXT NOT NULL
)`,
    `CREATE TABLE rotation_versions (
  ${d.autoId},
  rotation_id INTEGER NOT NULL REFERENCES rotations (id),
  effective_from TEXT NOT NULL,
  name TEXT NOT NULL,
  position TEXT NOT NULL CHECK (position IN ('primary', 'backup', 'supervisor')),
  timezone TEXT NOT NULL,
  start_local TEXT NOT NULL,            -- local wall-clock date-time of the first handoff
  shift_hours ${d.real} NOT NULL CHECK (shift_hours > 0),
  members TEXT NOT NULL,                -- JSON array of staff ids, in order
  weekdays TEXT,                        -- JSON array of ISO weekdays (1 = Monday), or NULL for every day
  window_start TEXT,                    -- 'HH:mm' local, or NULL for the whole day
  window_end TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (rotation_id, effective_from)
)`,
    `CREATE INDEX rotation_versions_by_rotation ON rotation_versions (rotation_id, effective_from)`,
    `CREATE TABLE overrides (
  ${d.autoId},
  position TEXT NOT NULL CHECK (position IN ('primary', 'backup', 'supervisor')),
  absent_staff_id INTEGER REFERENCES staff (id),
  cover_staff_id INTEGER REFERENCES staff (id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('sick', 'leave', 'swap', 'other')),
  created_by INTEGER REFERENCES staff (id),
  created_at TEXT NOT NULL,
  cancelled_at TEXT,
  CHECK (absent_staff_id IS NOT NULL OR cover_staff_id IS NOT NULL),
  CHECK (ends_at > starts_at)
)`,
    `CREATE INDEX overrides_by_time ON overrides (starts_at, ends_at)`,
    `CREATE TABLE cases (
  ${d.autoId},
  ref TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('received', 'assigned', 'acknowledged', 'resolved', 'closed', 'reopened', 'merged')),
  channel TEXT NOT NULL CHECK (channel IN ('voice', 'sms', 'letter', 'visit', 'web', 'open311')),
  phone TEXT,
  language TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('normal', 'important', 'urgent')),
  description TEXT NOT NULL DEFAULT '',
  assignee_id INTEGER REFERENCES staff (id),
  on_duty TEXT NOT NULL DEFAULT '{}',    -- JSON {primary, backup, supervisor} staff ids when the case arrived
  result TEXT,
  acknowledged_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  due_at TEXT,
  recording_sid TEXT,
  recording_duration INTEGER,
  feedback_sent_at TEXT,
  feedback_delivered_at TEXT,
  feedback_via TEXT CHECK (feedback_via IN ('sms', 'call')),
  satisfaction_asked_at TEXT,
  satisfaction_answer TEXT CHECK (satisfaction_answer IN ('satisfied', 'unsatisfied')),
  satisfaction_answered_at TEXT,
  merged_into INTEGER REFERENCES cases (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE INDEX cases_by_phone ON cases (phone, created_at)`,
    `CREATE INDEX cases_by_assignee ON cases (assignee_id, status)`,
    `CREATE INDEX cases_by_status ON cases (status, due_at)`,
    `CREATE INDEX cases_by_created ON cases (created_at)`,
    // The audit trail. Append-only: the triggers refuse any change or removal.
    `CREATE TABLE case_events (
  ${d.autoId},
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('citizen', 'staff', 'system')),
  actor_id INTEGER REFERENCES staff (id),
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'voice', 'api', 'cli', 'system', 'letter', 'visit', 'web')),
  data TEXT NOT NULL DEFAULT '{}'
)`,
    `CREATE INDEX case_events_by_case ON case_events (case_id, id)`,
    ...d.appendOnly('case_events'),
    // Every text that reached the hotline, deduplicated on Twilio's MessageSid.
    `CREATE TABLE inbound_messages (
  ${d.autoId},
  message_sid TEXT NOT NULL UNIQUE,
  from_phone TEXT NOT NULL,
  to_phone TEXT,
  body TEXT NOT NULL,
  num_media INTEGER NOT NULL DEFAULT 0,
  sender_type TEXT NOT NULL CHECK (sender_type IN ('citizen', 'staff')),
  staff_id INTEGER REFERENCES staff (id),
  intent TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id),
  received_at TEXT NOT NULL
)`,
    `CREATE INDEX inbound_messages_by_from ON inbound_messages (from_phone, received_at)`,
    `CREATE INDEX inbound_messages_by_case ON inbound_messages (case_id)`,
    // Outgoing SMS. A row is written in the same transaction as the change that caused it;
    // the dispatcher sends it later and records what Twilio said.
    `CREATE TABLE outbox (
  ${d.autoId},
  to_phone TEXT NOT NULL,
  body TEXT NOT NULL,
  purpose TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id),
  staff_id INTEGER REFERENCES staff (id),
  status TEXT NOT NULL,
  status_rank INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at TEXT,
  twilio_sid TEXT UNIQUE,
  error_code TEXT,
  error_message TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  delivered_at TEXT,
  updated_at TEXT NOT NULL
)`,
    `CREATE INDEX outbox_due ON outbox (status, next_attempt_at)`,
    `CREATE INDEX outbox_by_case ON outbox (case_id)`,
    `CREATE INDEX outbox_by_to ON outbox (to_phone, created_at)`,
    `CREATE TABLE opt_outs (
  phone TEXT PRIMARY KEY,
  opted_out_at TEXT NOT NULL,
  source TEXT NOT NULL
)`,
  ];
}
