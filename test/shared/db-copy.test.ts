import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { Pool } from 'pg';
import { migrations } from '../../db/migrations';
import { type OpenedDatabase, openDatabase } from '../../src/shared/db';
import { openPostgresDatabase } from '../../src/shared/db.postgres';
import { type CopyResult, copySqliteToPostgres } from '../../src/shared/db-copy';
import { MIGRATION_SEEDED_TABLES, tablesHoldingData } from '../../src/shared/db-copy.target';
import { OperatorError } from '../../src/shared/errors';
import { migrate } from '../../src/shared/migrator';
import { logLetter } from '../api/api-helpers';
import { callHotline } from '../helpers/calls';
import { createTestContext, type TestContext } from '../helpers/context';
import { TEST_PG_URL, type TestDatabase } from '../helpers/db';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { postgresAvailable } from '../helpers/postgres-reachable';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';
import { runCli } from '../helpers/server-process';

// `dutyline db copy`: a SQLite file filled through the real use cases, copied into a PostgreSQL
// schema of its own, then served from PostgreSQL. These need PostgreSQL whichever store the suite
// runs on: in the PostgreSQL pass they always run; on SQLite they run when a cluster answers.

const ON_POSTGRES = postgresAvailable();
if (!ON_POSTGRES) {
  console.warn(
    `db copy tests skipped: no PostgreSQL at ${TEST_PG_URL} (scripts/pg-test-cluster.sh start, then DUTYLINE_TEST_PG_URL)`,
  );
}

// Chinese, emoji outside the BMP and a joined family emoji: text that must arrive byte for byte.
const COMPLAINTS = [
  '小区门口的垃圾桶已经满了三天了 🚮🐀',
  'Street light out on 民主路 💡❌ since Monday',
  '夜间施工噪音 😡 the whole family 👨‍👩‍👧‍👦 cannot sleep',
];
const KPI_WINDOW = { from: '2027-02-01T00:00:00+08:00', to: '2027-03-08T00:00:00+08:00' };

/** A connection to one schema of the test cluster; `url` is how `--to` names it. */
function schemaUrl(schema: string): string {
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-csearch_path=${schema}`);
  return url.toString();
}

(ON_POSTGRES ? describe : describe.skip)('dutyline db copy into PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-db-copy-'));
  const sqlitePath = path.join(dir, 'hotline.sqlite');
  let admin: Pool;
  const schemas: string[] = [];
  let fake: FakeTwilio;
  let target: TestContext;
  let copied: CopyResult;
  let kpisOnSqlite: unknown;
  let supervisorToken: string;
  let endedAt: Date;

  async function newSchema(): Promise<string> {
    const schema = `copy_${process.pid}_${schemas.length}_${randomBytes(3).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return schema;
  }

  const openSchema = (schema: string) =>
    openPostgresDatabase(TEST_PG_URL, { searchPath: schema, maxConnections: 3, allowExitOnIdle: true });

  /** An opened store as the test context takes it (neither test reads `sqlite` or loses the store). */
  const asTestDatabase = (opened: OpenedDatabase) => ({ ...opened, lose: async () => {} }) as TestDatabase;

  /** Every row of every copied table on one store, each table's rows in a fixed order. */
  async function everyRow(database: OpenedDatabase, tables: string[]) {
    const all: Record<string, string[]> = {};
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
        database.db,
      );
      all[table] = rows.map((row) => JSON.stringify(Object.entries(row).sort())).sort();
    }
    return all;
  }

  beforeAll(async () => {
    admin = new Pool({ connectionString: TEST_PG_URL, max: 1, allowExitOnIdle: true });
    fake = await startFakeTwilio();
    const file = openDatabase(sqlitePath);
    await migrate(file);
    const source = await createTestContext({ fake, database: asTestDatabase(file) });
    try {
      const team = await seedDutyTeam(source);
      supervisorToken = await issueToken(source, team.supervisor.id);
      for (const [index, text] of COMPLAINTS.entries()) {
        expect((await source.sms(`+861391234000${index}`, text)).status).toBe(200);
        source.clock.advance(3_600_000);
      }
      // An older case merged into a newer one: cases.merged_into points at a later row.
      const older = await logLetter(source, { description: '路灯坏了 (letter) 🔦' });
      source.clock.advance(60_000);
      const newer = await logLetter(source, { phone: PHONES.neighbour });
      expect(
        (await source.api('post', `/api/cases/${older.ref}/merge`).send({ into: newer.ref })).status,
      ).toBe(200);
      expect(
        (await source.api('post', `/api/cases/${newer.ref}/result`).send({ text: '已修复 ✅ Lamp replaced' }))
          .status,
      ).toBe(200);
      await callHotline(
        source,
        '+8613700000009',
        { actions: [{ silence: true }, { hangup: true }] },
        { fake },
      );
      await source.flushOutbox();
      source.clock.advance(3 * 86_400_000);
      endedAt = source.clock.now();
      const kpis = await source.api('get', '/api/reports/kpis', supervisorToken).query(KPI_WINDOW);
      expect(kpis.status).toBe(200);
      kpisOnSqlite = kpis.body;
    } finally {
      // As an operator would: the SQLite server stops before its data moves.
      await source.close();
    }
    // A lease the SQLite server still held when it stopped (killed mid-job).
    const leftOver = new SqliteDatabase(sqlitePath);
    leftOver
      .prepare('INSERT OR REPLACE INTO job_leases (name, holder, expires_at, last_tick) VALUES (?, ?, ?, ?)')
      .run('sla-watch', 'old-sqlite-server', '2099-01-01T00:00:00.000Z', null);
    leftOver.close();

    const schema = await newSchema();
    // One row per INSERT, so that tables span many pages and the merged case goes in before the
    // case it points at (the other copies below take the default batch).
    copied = await copySqliteToPostgres({ sqlitePath, targetUrl: schemaUrl(schema), batchSize: 1 });
    target = await createTestContext({
      fake,
      database: asTestDatabase(openSchema(schema)),
      start: endedAt.toISOString(),
    });
  });

  afterAll(async () => {
    await target?.close();
    await fake?.close();
    for (const schema of schemas) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table, and the counts on both sides match', () => {
    const tables = copied.tables.map((count) => count.table);
    expect(tables).toEqual(
      expect.arrayContaining(['staff', 'cases', 'case_events', 'calls', 'outbox', 'rotation_versions']),
    );
    expect(tables).not.toContain('schema_migrations');
    // A lease belongs to the server that held it; copied, it would hold its job on the cluster.
    expect(tables).not.toContain('job_leases');
    for (const count of copied.tables) expect(count.target).toBe(count.source);
    const rowsOf = (table: string) => copied.tables.find((count) => count.table === table)?.source;
    expect(rowsOf('cases')).toBe(COMPLAINTS.length + 2 + 1);
    for (const table of [
      'staff',
      'staff_tokens',
      'rotation_versions',
      'case_events',
      'inbound_messages',
      'outbox',
      'calls',
    ]) {
      expect(rowsOf(table)).toBeGreaterThan(0);
    }
  });

  it('no job lease of the old server holds a job on PostgreSQL', async () => {
    expect(await target.container.db.selectFrom('job_leases').selectAll().execute()).toEqual([]);
  });

  it('every row arrives unchanged: integers, floats, nulls, and text byte for byte', async () => {
    const tables = copied.tables.map((count) => count.table);
    const sqliteFile = openDatabase(sqlitePath);
    try {
      expect(await everyRow(target.database, tables)).toEqual(await everyRow(sqliteFile, tables));
    } finally {
      await sqliteFile.close();
    }
    const descriptions = await target.container.db.selectFrom('cases').select('description').execute();
    for (const text of COMPLAINTS) {
      const found = descriptions.find((row) => row.description.includes(text));
      expect(Buffer.from(found?.description ?? '', 'utf8').includes(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('serves the same KPIs from PostgreSQL as from the SQLite file', async () => {
    const res = await target.api('get', '/api/reports/kpis', supervisorToken).query(KPI_WINDOW);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(kpisOnSqlite);
  });

  it('a case logged on PostgreSQL after the copy takes the next id', async () => {
    const before = await target.container.db
      .selectFrom('cases')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const logged = await logLetter(target, { phone: '+8613911110000' });
    const row = await target.container.db
      .selectFrom('cases')
      .select('id')
      .where('ref', '=', logged.ref)
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(Number(before.id) + 1);
  });

  it('the audit trail stays append-only: its triggers are enabled and refuse UPDATE, DELETE and TRUNCATE', async () => {
    const db = target.container.db;
    const { rows: triggers } = await sql<{ name: string; enabled: string }>`
      SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
      WHERE tgrelid = 'case_events'::regclass AND NOT tgisinternal ORDER BY tgname`.execute(db);
    expect(triggers).toEqual([
      { name: 'case_events_no_delete', enabled: 'O' },
      { name: 'case_events_no_truncate', enabled: 'O' },
      { name: 'case_events_no_update', enabled: 'O' },
    ]);
    await expect(sql`UPDATE case_events SET data = '{}'`.execute(db)).rejects.toThrow('append-only');
    await expect(sql`DELETE FROM case_events`.execute(db)).rejects.toThrow('append-only');
    await expect(sql`TRUNCATE case_events CASCADE`.execute(db)).rejects.toThrow('append-only');
  });

  it('refuses a target that already holds data, naming its tables, and leaves it as it was', async () => {
    const [schema] = schemas;
    const copy = copySqliteToPostgres({ sqlitePath, targetUrl: schemaUrl(schema) });
    await expect(copy).rejects.toThrow(OperatorError);
    await expect(copy).rejects.toThrow(
      /already holds data \(.*cases.*\); db copy fills an empty database only/,
    );
    const cases = await target.container.db.selectFrom('cases').select('id').execute();
    expect(cases).toHaveLength(COMPLAINTS.length + 2 + 1 + 1);
  });

  it('a row PostgreSQL refuses fails the copy in one line naming its table, and leaves the target empty to copy again', async () => {
    // SQLite keeps text in an INTEGER column; PostgreSQL will not.
    const bad = path.join(dir, 'bad.sqlite');
    fs.copyFileSync(sqlitePath, bad);
    const file = openDatabase(bad);
    await file.db
      .updateTable('calls')
      .set({ duration_seconds: 'a long time' as never })
      .execute();
    await file.close();
    const schema = await newSchema();
    await expect(copySqliteToPostgres({ sqlitePath: bad, targetUrl: schemaUrl(schema) })).rejects.toThrow(
      /^error: copying calls: invalid input syntax for type integer: "a long time"; nothing was copied$/,
    );
    const opened = openSchema(schema);
    try {
      expect(await tablesHoldingData(opened.db)).toEqual([]);
      const again = await copySqliteToPostgres({ sqlitePath, targetUrl: schemaUrl(schema) });
      expect(again.tables).toEqual(copied.tables);
    } finally {
      await opened.close();
    }
  });

  it('refuses a SQLite file that is not fully migrated', async () => {
    const behind = path.join(dir, 'behind.sqlite');
    const file = openDatabase(behind);
    await migrate(file, migrations.slice(0, -1));
    await file.close();
    const schema = await newSchema();
    await expect(copySqliteToPostgres({ sqlitePath: behind, targetUrl: schemaUrl(schema) })).rejects.toThrow(
      /is at migration \d+, this dutyline at \d+; run dutyline migrate on it first/,
    );
  });

  it('a freshly migrated database has rows only where the copy expects the migrations to write them', async () => {
    const opened = openSchema(await newSchema());
    try {
      await migrate(opened);
      const { rows } = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(opened.db);
      const withRows: string[] = [];
      for (const { table_name: table } of rows) {
        const found = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
          opened.db,
        );
        if (Number(found.rows[0].n) > 0) withRows.push(table);
      }
      expect(withRows.sort()).toEqual([...MIGRATION_SEEDED_TABLES, 'schema_migrations'].sort());
    } finally {
      await opened.close();
    }
  });
});

describe('dutyline db copy refuses bad input in one line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-db-copy-input-'));
  const sqlitePath = path.join(dir, 'hotline.sqlite');

  beforeAll(async () => {
    const file = openDatabase(sqlitePath);
    await migrate(file);
    await file.close();
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a target that is not a PostgreSQL URL, or a server that does not answer', async () => {
    await expect(copySqliteToPostgres({ sqlitePath, targetUrl: 'mysql://db/hotline' })).rejects.toThrow(
      'error: --to must be a PostgreSQL URL such as postgres://user:password@host:5432/dutyline (got "mysql://db/hotline")',
    );
    await expect(
      copySqliteToPostgres({ sqlitePath, targetUrl: 'postgres://dutyline:secret@127.0.0.1:1/hotline' }),
    ).rejects.toThrow(
      /^error: cannot use PostgreSQL at postgres:\/\/dutyline@127\.0\.0\.1:1\/hotline: .*ECONNREFUSED/,
    );
  });

  it('a SQLite file that does not exist is not created', async () => {
    const missing = path.join(dir, 'missing.sqlite');
    await expect(copySqliteToPostgres({ sqlitePath: missing, targetUrl: TEST_PG_URL })).rejects.toThrow(
      `error: there is no SQLite database at ${missing} (set DATABASE_PATH)`,
    );
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('the command prints the one line and exits non-zero, with no stack', async () => {
    const result = await runCli(['db', 'copy', '--to', 'postgres://127.0.0.1:1/hotline'], {
      DATABASE_PATH: sqlitePath,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: cannot use PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/hotline: .+\n$/,
    );
    expect(result.stdout).toBe('');
  });
});
