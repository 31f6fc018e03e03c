import type { SchemaDialect } from './schema-dialect';

export function up(d: SchemaDialect): string[] {
  return [
    // The console's sign-ins. A session is a random token in an HttpOnly cookie; only its hash is kept,
    // with the form token (CSRF) that every form of that session carries. Written only by src/web.
    `CREATE TABLE console_sessions (
  ${d.autoId},
  token_hash TEXT NOT NULL UNIQUE,
  -- Null for the ADMIN_TOKEN bootstrap, which is nobody on the staff list.
  staff_id INTEGER REFERENCES staff (id),
  role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
  language TEXT NOT NULL CHECK (language IN ('zh-CN', 'en')),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at TEXT
)`,
    `CREATE INDEX console_sessions_by_staff ON console_sessions (staff_id)`,
    // One-time codes texted to a staff member's phone: single use, ten minutes, a few tries each.
    `CREATE TABLE login_codes (
  ${d.autoId},
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at TEXT
)`,
    `CREATE INDEX login_codes_by_staff ON login_codes (staff_id, created_at)`,
  ];
}
