import SqliteDatabase from 'better-sqlite3';
import { migrate, readMigrations } from '../../src/shared/migrator';

describe('migrations', () => {
  it('are numbered without gaps and apply in order to an empty database', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));

    const sqlite = new SqliteDatabase(':memory:');
    const applied = migrate(sqlite);
    expect(applied).toEqual(migrations.map((m) => m.name));

    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'cases',
        'case_events',
        'inbound_messages',
        'opt_outs',
        'outbox',
        'overrides',
        'rotation_versions',
        'rotations',
        'schema_migrations',
        'settings',
        'staff',
        'staff_tokens',
      ]),
    );
  });

  it('applies nothing the second time', () => {
    const sqlite = new SqliteDatabase(':memory:');
    migrate(sqlite);
    expect(migrate(sqlite)).toEqual([]);
  });

  it('keeps the audit trail append-only in the database itself', () => {
    const sqlite = new SqliteDatabase(':memory:');
    migrate(sqlite);
    const now = new Date().toISOString();
    sqlite
      .prepare(
        "INSERT INTO cases (ref, status, channel, language, category, priority, created_at, updated_at) VALUES ('10000009', 'received', 'sms', 'en', 'other', 'normal', ?, ?)",
      )
      .run(now, now);
    sqlite
      .prepare(
        "INSERT INTO case_events (case_id, at, type, actor_type, channel) VALUES (1, ?, 'created', 'system', 'system')",
      )
      .run(now);
    expect(() => sqlite.prepare("UPDATE case_events SET type = 'forged'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
  });
});
