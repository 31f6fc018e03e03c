import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // A token may expire, and shows when it was last used (recorded at most every few minutes).
    `ALTER TABLE staff_tokens ADD COLUMN expires_at TEXT`,
    `ALTER TABLE staff_tokens ADD COLUMN last_used_at TEXT`,
    `CREATE INDEX staff_tokens_by_staff ON staff_tokens (staff_id)`,
    // Deactivating someone now revokes their tokens, so re-activating them never revives old ones.
    // Members deactivated before this change kept live tokens: revoke those too.
    `UPDATE staff_tokens
SET revoked_at = ${d.nowIso}
WHERE revoked_at IS NULL AND staff_id IN (SELECT id FROM staff WHERE active = 0)`,
  ];
}
