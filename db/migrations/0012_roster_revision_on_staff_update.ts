import { BUMP_ROSTER_REVISION } from './0009_staff_status_roster_revision';
import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // Who is on duty is answered with the staff's names, phones and languages kept in memory beside the
    // rotations: a change to any of them counts at once too, in every process.
    ...d.afterEachRow('roster_revision_on_staff_update', 'UPDATE', 'staff', BUMP_ROSTER_REVISION),
  ];
}
