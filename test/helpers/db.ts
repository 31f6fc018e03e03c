import { randomBytes } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { Pool } from 'pg';
import { type OpenedDatabase, openDatabase } from '../../src/shared/db';
import { openPostgresDatabase } from '../../src/shared/db.postgres';
import { migrate } from '../../src/shared/migrator';

/**
 * Which store the tests run on: SQLite in memory unless DUTYLINE_TEST_DB=postgres, then a schema of
 * its own per test database on the cluster at DUTYLINE_TEST_PG_URL (scripts/pg-test-cluster.sh
 * starts one and prints its URL; this default is the port it tries first).
 */
export const TEST_STORE = process.env.DUTYLINE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_PG_URL = process.env.DUTYLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres';

/**
 * A test database: `sqlite` is there for the tests that read SQLite directly; on PostgreSQL reading
 * it fails such a test with a message saying so, rather than with an undefined.
 */
export type TestDatabase = OpenedDatabase & {
  sqlite: SqliteDatabase.Database;
  /** Loses the store under the running app: every query fails from now on (closing still works). */
  lose(): Promise<void>;
};

/** A fresh, empty database with every migration applied (or none, for the migrations' own tests). */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const database = TEST_STORE === 'sqlite' ? createSqliteTestDatabase() : await createPostgresTestDatabase();
  if (migrated) await migrate(database);
  return database;
}

function createSqliteTestDatabase(): TestDatabase {
  const opened = openDatabase(':memory:');
  return {
    ...opened,
    async lose() {
      opened.sqlite.close();
    },
  };
}

let schemas = 0;

// One connection per test process creates and drops the schemas; it lets the process end when idle.
let admin: Pool | undefined;
function adminQuery(statement: string) {
  admin ??= new Pool({ connectionString: TEST_PG_URL, max: 1, allowExitOnIdle: true });
  return admin.query(statement);
}

/** A schema of its own, first on the search path of every connection; dropped with everything in it on close. */
async function createPostgresTestDatabase(): Promise<TestDatabase> {
  schemas += 1;
  const schema = `test_${process.pid}_${schemas}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const opened = openPostgresDatabase(TEST_PG_URL, {
    searchPath: schema,
    maxConnections: 5,
    allowExitOnIdle: true,
  });
  let closed = false;
  let lost = false;
  const database = {
    ...opened,
    async lose() {
      lost = true;
      await opened.pool.end();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!lost) await opened.close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
  return Object.defineProperty(database, 'sqlite', {
    get() {
      throw new Error('this test reads database.sqlite directly, so it runs on SQLite only');
    },
  }) as TestDatabase;
}
