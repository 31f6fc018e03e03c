import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openDatabase } from '../../src/shared/db';
import { migrate, readMigrations } from '../../src/shared/migrator';

// Until issue 11 the schema was 14 SQLite files, applied by plain `exec` and recorded in
// schema_migrations. They are kept as a fixture, as they were, to show that the TypeScript migrations
// build the very same SQLite schema, and that databases migrated by the files go on unchanged.
// Later migrations have no file to compare with, so the comparison stops where the files did.
// This is about SQLite's files, so it runs on SQLite whatever store the suite runs on.
const LEGACY_DIR = path.join(__dirname, 'fixtures/legacy-sqlite-migrations');
const legacyFiles = fs
  .readdirSync(LEGACY_DIR)
  .filter((file) => file.endsWith('.sql'))
  .sort();
/** The TypeScript migrations that replaced the files, one for one. */
const replacing = readMigrations().slice(0, legacyFiles.length);

/** What the old migrator did: each file in a transaction, recorded with its name. */
function applyLegacy(sqlite: SqliteDatabase.Database, upToVersion = legacyFiles.length) {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const file of legacyFiles.slice(0, upToVersion)) {
    sqlite.transaction(() => {
      sqlite.exec(fs.readFileSync(path.join(LEGACY_DIR, file), 'utf8'));
      sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(Number(file.slice(0, 4)), file.replace(/\.sql$/, ''), '2027-01-01T00:00:00.000Z');
    })();
  }
}

/** Every table, index and trigger with its SQL, comments dropped and white space made single. */
function schemaOf(sqlite: SqliteDatabase.Database) {
  return (
    sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as {
      type: string;
      name: string;
      tbl_name: string;
      sql: string | null;
    }[]
  ).map((row) => ({
    ...row,
    sql: row.sql
      ?.replace(/--[^\n]*/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

/** Column by column, as SQLite itself reads the tables (types, defaults, keys, foreign keys). */
function columnsOf(sqlite: SqliteDatabase.Database) {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables.map((table) => ({
    table,
    columns: sqlite.pragma(`table_xinfo(${table})`),
    foreignKeys: sqlite.pragma(`foreign_key_list(${table})`),
    indexes: sqlite.pragma(`index_list(${table})`),
  }));
}

describe('the TypeScript migrations against the SQL files they replace, on SQLite', () => {
  const legacy = new SqliteDatabase(':memory:');
  applyLegacy(legacy);
  afterAll(() => legacy.close());

  it('build the same schema on a new database', async () => {
    const opened = openDatabase(':memory:');
    try {
      await migrate(opened, replacing);
      expect(legacyFiles.map((file) => file.replace(/\.sql$/, ''))).toEqual(replacing.map((m) => m.name));
      expect(schemaOf(opened.sqlite)).toEqual(schemaOf(legacy));
      expect(columnsOf(opened.sqlite)).toEqual(columnsOf(legacy));
      // Not vacuous: the comparison sees every table, index and trigger.
      expect(
        schemaOf(legacy)
          .filter((row) => row.type === 'trigger')
          .map((row) => row.name),
      ).toEqual([
        'case_events_no_delete',
        'case_events_no_update',
        'roster_revision_on_staff_update',
        'roster_revision_on_status_change',
        'roster_revision_on_version_insert',
        'roster_revision_on_version_update',
      ]);
      expect(schemaOf(legacy).length).toBeGreaterThan(60);
    } finally {
      await opened.close();
    }
  });

  it('record the same names, so a database the files migrated has nothing left to apply', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-legacy-'));
    const file = path.join(dir, 'dutyline.sqlite');
    const old = new SqliteDatabase(file);
    applyLegacy(old);
    old
      .prepare(
        "INSERT INTO staff (name, phone, role, language, created_at, updated_at) VALUES ('Wang Fang', '+8613800000001', 'staff', 'en', ?, ?)",
      )
      .run('2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
    old.close();

    const opened = openDatabase(file);
    try {
      expect(await migrate(opened, replacing)).toEqual([]);
      expect(schemaOf(opened.sqlite)).toEqual(schemaOf(legacy));
      expect(opened.sqlite.prepare('SELECT name FROM staff').pluck().all()).toEqual(['Wang Fang']);
    } finally {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('take over from where the files stopped, on a database migrated only part of the way', async () => {
    const opened = openDatabase(':memory:');
    try {
      applyLegacy(opened.sqlite, 8);
      expect(await migrate(opened, replacing)).toEqual(replacing.slice(8).map((m) => m.name));
      expect(schemaOf(opened.sqlite)).toEqual(schemaOf(legacy));
    } finally {
      await opened.close();
    }
  });
});
