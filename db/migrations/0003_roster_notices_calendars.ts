import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Notices the jobs send once (a gap alert, a shift reminder, a handover, a daily summary): the key
    // is written in the same transaction as the SMS, so a second run finds it and sends nothing.
    `CREATE TABLE notices_sent (
  key TEXT PRIMARY KEY,
  sent_at TEXT NOT NULL
)`,
    // Calendar feeds behind secret URLs; only the token's hash is kept. staff_id NULL is the whole roster.
    `CREATE TABLE calendar_feeds (
  ${d.autoId},
  token_hash TEXT NOT NULL UNIQUE,
  staff_id INTEGER REFERENCES staff (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
)`,
    `CREATE INDEX overrides_by_absent ON overrides (absent_staff_id, starts_at)`,
    `CREATE INDEX calls_by_outcome ON calls (outcome, started_at)`,
  ];
}
