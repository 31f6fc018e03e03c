import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Call-backs and supervisor sign-off.
    // A supervisor's sign-off on an important or urgent case, needed before it closes. Cleared when
    // the case is reopened, so each resolution is signed off on its own; the events keep the history.
    `ALTER TABLE cases ADD COLUMN signed_off_at TEXT`,
    `ALTER TABLE cases ADD COLUMN signed_off_by INTEGER REFERENCES staff (id)`,
    // A phone call someone owes a citizen: the result could not be texted to them, or they hung up
    // before reaching anyone. `attempts` counts calls nobody answered; each moves `due_at` on.
    `CREATE TABLE callback_tasks (
  ${d.autoId},
  case_id INTEGER NOT NULL REFERENCES cases (id),
  reason TEXT NOT NULL CHECK (reason IN ('feedback_undeliverable', 'abandoned_call')),
  outbox_id INTEGER REFERENCES outbox (id),       -- the result message that did not arrive
  error_code TEXT,                                -- what Twilio said about it (21614, 21610, ...)
  assignee_id INTEGER REFERENCES staff (id),      -- the case's assignee when the task was raised
  due_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  done_at TEXT,
  outcome TEXT CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'sms_delivered', 'message_left')),
  note TEXT,
  done_by INTEGER REFERENCES staff (id),
  updated_at TEXT NOT NULL,
  CHECK ((done_at IS NULL) = (outcome IS NULL))
)`,
    // One open task per case and reason: a second failed text for the same case raises nothing new.
    `CREATE UNIQUE INDEX callback_tasks_open_per_case ON callback_tasks (case_id, reason) WHERE done_at IS NULL`,
    `CREATE INDEX callback_tasks_by_case ON callback_tasks (case_id, id)`,
    `CREATE INDEX callback_tasks_open_by_due ON callback_tasks (due_at) WHERE done_at IS NULL`,
  ];
}
