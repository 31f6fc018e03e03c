import type { SchemaDialect } from './schema-dialect';

/** Every change the roster's readers must notice moves this counter on. */
export const BUMP_ROSTER_REVISION = 'UPDATE roster_revision SET revision = revision + 1 WHERE id = 1';

export function up(d: SchemaDialect): string[] {
  return [
    // When each staff member became active or inactive, so that deactivating someone today leaves who
    // was on duty last week as it was. Written only by the staff repository.
    `CREATE TABLE staff_status_changes (
  ${d.autoId},
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  at TEXT NOT NULL
)`,
    `CREATE INDEX staff_status_changes_by_staff ON staff_status_changes (staff_id, at)`,
    // Staff already on the books: active since they were added; those inactive now since their last update,
    // the best record there is of when they left.
    `INSERT INTO staff_status_changes (staff_id, active, at) SELECT id, 1, created_at FROM staff`,
    `INSERT INTO staff_status_changes (staff_id, active, at) SELECT id, 0, updated_at FROM staff WHERE active = 0`,
    // A counter every process reads before trusting the roster it keeps in memory: the triggers bump it on
    // any change to what resolution reads besides overrides (which are read fresh on every look-up), so a
    // rotation imported with the CLI counts in the running server at once.
    `CREATE TABLE roster_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
)`,
    `INSERT INTO roster_revision (id, revision) VALUES (1, 0)`,
    ...d.afterEachRow('roster_revision_on_version_insert', 'INSERT', 'rotation_versions', BUMP_ROSTER_REVISION),
    ...d.afterEachRow('roster_revision_on_version_update', 'UPDATE', 'rotation_versions', BUMP_ROSTER_REVISION),
    ...d.afterEachRow('roster_revision_on_status_change', 'INSERT', 'staff_status_changes', BUMP_ROSTER_REVISION),
  ];
}
