import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // The partners (apps, city portals) allowed to file complaints through Open311 GeoReport v2. A key
    // is shown once when issued; only its SHA-256 hash is kept. Written only by src/open311.
    `CREATE TABLE open311_keys (
  ${d.autoId},
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
)`,
  ];
}
