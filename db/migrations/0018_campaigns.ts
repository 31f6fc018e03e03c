import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // A rectification campaign: some gazetteer places and categories, worked on over [starts_at,
    // ends_at). Places and categories are JSON arrays of ids (flows/places.json, categories.json), as
    // a rotation's members are: they are read whole with the campaign and never joined on.
    `CREATE TABLE campaigns (
  ${d.autoId},
  name TEXT NOT NULL,
  places TEXT NOT NULL,
  categories TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES staff (id),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  result TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  CHECK (starts_at < ends_at),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
)`,
    `CREATE INDEX campaigns_by_window ON campaigns (starts_at, ends_at)`,
    // Only the cases staff linked or unlinked by hand; the cases in a campaign's scope (its places ×
    // categories × window) are a query, so a triage that moves a case in or out is right at once.
    // included = 0 takes a case in scope out of the campaign.
    `CREATE TABLE campaign_cases (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  case_id INTEGER NOT NULL REFERENCES cases (id),
  included INTEGER NOT NULL CHECK (included IN (0, 1)),
  at TEXT NOT NULL,
  PRIMARY KEY (campaign_id, case_id)
)`,
    // The campaign's audit trail, as case_events is the case's.
    `CREATE TABLE campaign_events (
  ${d.autoId},
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  actor_id INTEGER REFERENCES staff (id),
  channel TEXT NOT NULL,
  data TEXT NOT NULL
)`,
    `CREATE INDEX campaign_events_by_campaign ON campaign_events (campaign_id, id)`,
    ...d.appendOnly('campaign_events'),
  ];
}
