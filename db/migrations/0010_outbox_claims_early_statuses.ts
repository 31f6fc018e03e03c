import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // The outbox as a queue shared by several dispatchers: per-row claims, and status callbacks that
    // arrive before the send they report on is recorded.
    // Each claim gets its own token: a dispatcher records the outcome of a send only while the row
    // still carries its token, and sends only while its claim is live (see claimed_at and the lease).
    `ALTER TABLE outbox ADD COLUMN claim_token TEXT`,
    // Twilio can post a message's status before the REST answer that gives the dispatcher its Sid.
    // Such a callback waits here, once per Sid and status, and is applied when the Sid is recorded;
    // the dispatch job prunes the ones nobody claimed after a week.
    `CREATE TABLE outbox_early_statuses (
  ${d.autoId},
  message_sid TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT,
  received_at TEXT NOT NULL,
  UNIQUE (message_sid, status)
)`,
    `CREATE INDEX outbox_early_statuses_by_received ON outbox_early_statuses (received_at)`,
  ];
}
