import type { SchemaDialect } from './schema-dialect';

export function up(_d: SchemaDialect): string[] {
  return [
    // The gazetteer's id (flows/places.json) of the place a case is about. `place` stays the name
    // shown, in the case's language or as staff typed it; reports group by the id, which a renamed
    // or translated place keeps.
    `ALTER TABLE cases ADD COLUMN place_id TEXT`,
    // As cases_by_place: the hotspots count a window's cases by place without sorting them.
    `CREATE INDEX cases_by_place_id ON cases (created_at, place_id) WHERE place_id IS NOT NULL`,
  ];
}
