import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate, readMigrations } from '../../src/shared/migrator';
import { createTestDatabase, TEST_STORE } from '../helpers/db';

/**
 * The message a query failed with. Not `rejects.toThrow`: better-sqlite3's error class comes from the
 * first test file a Jest worker loaded it in, so in later files it is no `Error` of theirs, and
 * toThrow would report that nothing was thrown.
 */
const failureOf = (query: Promise<unknown>) =>
  query.then(
    () => 'no error',
    (error: { message?: string }) => String(error?.message),
  );

// On the store the suite runs on (SQLite, or PostgreSQL with DUTYLINE_TEST_DB=postgres).
describe(`migrations on ${TEST_STORE}`, () => {
  it('are numbered without gaps, and every file in db/migrations is listed in order', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
    const files = fs
      .readdirSync(path.resolve(__dirname, '../../db/migrations'))
      .filter((file) => /^\d{4}_[a-z0-9_]+\.ts$/.test(file))
      .sort()
      .map((file) => file.replace(/\.ts$/, ''));
    expect(migrations.map((m) => m.name)).toEqual(files);
    expect(migrations.map((m) => Number(m.name.slice(0, 4)))).toEqual(migrations.map((m) => m.version));
  });

  it('apply in order to an empty database, and nothing the second time', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      expect(await migrate(database)).toEqual(readMigrations().map((m) => m.name));
      expect(await migrate(database)).toEqual([]);
      const { rows } = await sql<{ version: number; name: string }>`
        SELECT version, name FROM schema_migrations ORDER BY version`.execute(database.db);
      expect(rows).toEqual(readMigrations().map(({ version, name }) => ({ version, name })));
    } finally {
      await database.close();
    }
  });

  it('are applied once when two connections migrate the same database at the same time', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      const results = await Promise.all([migrate(database), migrate(database)]);
      expect(results.map((applied) => applied.length).sort()).toEqual([0, readMigrations().length]);
    } finally {
      await database.close();
    }
  });

  it('keep the audit trail append-only in the database itself', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const now = new Date().toISOString();
      await sql`INSERT INTO cases (ref, status, channel, language, category, priority, created_at, updated_at)
        VALUES ('10000009', 'received', 'sms', 'en', 'other', 'normal', ${now}, ${now})`.execute(db);
      await sql`INSERT INTO case_events (case_id, at, type, actor_type, channel)
        VALUES (1, ${now}, 'created', 'system', 'system')`.execute(db);
      expect(await failureOf(sql`UPDATE case_events SET type = 'forged'`.execute(db))).toMatch(
        /case_events is append-only/,
      );
      expect(await failureOf(sql`DELETE FROM case_events`.execute(db))).toMatch(/case_events is append-only/);
      if (database.dialect === 'postgres')
        expect(await failureOf(sql`TRUNCATE case_events`.execute(db))).toMatch(/case_events is append-only/);
      const { rows } = await sql<{ type: string }>`SELECT type FROM case_events`.execute(db);
      expect(rows).toEqual([{ type: 'created' }]);
    } finally {
      await database.close();
    }
  });

  it('count every roster change in roster_revision, through triggers', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const revision = async () =>
        (await sql<{ revision: number }>`SELECT revision FROM roster_revision`.execute(db)).rows[0].revision;
      const at = '2027-03-01T00:00:00.000Z';
      expect(await revision()).toBe(0);
      await sql`INSERT INTO staff (name, phone, role, language, created_at, updated_at)
        VALUES ('Wang Fang', '+8613800000001', 'staff', 'en', ${at}, ${at})`.execute(db);
      await sql`INSERT INTO staff_status_changes (staff_id, active, at) VALUES (1, 1, ${at})`.execute(db);
      expect(await revision()).toBe(1);
      await sql`UPDATE staff SET name = 'Wang Fang (desk)'`.execute(db);
      expect(await revision()).toBe(2);
      await sql`INSERT INTO rotations (created_at) VALUES (${at})`.execute(db);
      await sql`INSERT INTO rotation_versions (rotation_id, effective_from, name, position, timezone, start_local, shift_hours, members, created_at)
        VALUES (1, ${at}, 'primary desk', 'primary', 'Asia/Shanghai', '2027-03-01T08:00', 12.5, '[1]', ${at})`.execute(
        db,
      );
      await sql`UPDATE rotation_versions SET name = 'front desk'`.execute(db);
      expect(await revision()).toBe(4);
      const { rows } = await sql<{ shift_hours: number }>`SELECT shift_hours FROM rotation_versions`.execute(
        db,
      );
      expect(rows).toEqual([{ shift_hours: 12.5 }]);
    } finally {
      await database.close();
    }
  });

  it('give counts as numbers, as the repositories expect on either store', async () => {
    const database = await createTestDatabase();
    try {
      const counted = await database.db
        .selectFrom('staff')
        .select((eb) => [eb.fn.countAll().as('total'), eb.fn.sum(eb.lit(2)).as('twice')])
        .executeTakeFirstOrThrow();
      expect(counted).toEqual({ total: 0, twice: null });
    } finally {
      await database.close();
    }
  });
});
