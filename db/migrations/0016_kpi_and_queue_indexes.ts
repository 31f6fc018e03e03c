import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // The KPIs count a year of calls by when they started: this index holds every column that count
    // reads, so it never visits the table row by row. Its first column serves every range look-up
    // the single-column index it replaces served.
    `CREATE INDEX calls_kpi ON calls (started_at, outcome, officer_requested_at, accepted_at)`,
    `DROP INDEX calls_by_started`,
    // The satisfaction job asks resolved cases oldest first, a batch at a time: in this order it
    // stops at the batch's end, where it sorted every resolved case (tens of milliseconds with the
    // event loop held, on a busy year's database) first. Partial, so the sign-off look-ups, which
    // name no satisfaction_asked_at, keep reaching their few cases by priority.
    `CREATE INDEX cases_never_asked ON cases (status, resolved_at) WHERE satisfaction_asked_at IS NULL`,
    // A number's next message waits while another is being sent to it, by any dispatcher on any
    // node: the claim asks whether one is, once per candidate, among the few rows in flight.
    `CREATE INDEX outbox_sending_by_to ON outbox (to_phone) WHERE status = 'sending'`,
  ];
}
