import { CompiledQuery, type Kysely, sql } from 'kysely';
import { OperatorError } from './errors';

// The PostgreSQL side of `dutyline db copy`: whether the target may be filled, writing rows, and
// setting the identity sequences after the copied ids.

// biome-ignore lint/suspicious/noExplicitAny: the copy moves whatever tables the source has, by name.
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/**
 * Tables the migrations themselves fill: 0009 writes roster_revision's single counter row. Such a
 * table does not make the target "hold data", and its rows are replaced by the source's, last,
 * after the triggers on the copied roster tables have bumped the counter.
 * (test/shared/db-copy.test.ts checks that a freshly migrated database has rows nowhere else.)
 */
export const MIGRATION_SEEDED_TABLES = ['roster_revision'];
/** The migrator's own record, written by migrating the target. */
const MIGRATION_RECORD = 'schema_migrations';

/** Parameters in one statement stay below PostgreSQL's limit of 65,535. */
const MAX_PARAMETERS = 60_000;

/** How many rows of `columns` columns fit in one INSERT, at most `wanted`. */
export function rowsPerInsert(columns: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));
}

/**
 * The schema the copy writes into (the first one on the URL's search_path that exists) and a check
 * that text survives byte for byte: a database in another encoding would mangle Chinese text.
 */
export async function describeTarget(db: AnyDb): Promise<{ schema: string }> {
  const { rows } = await sql<{
    schema: string | null;
    encoding: string;
  }>`SELECT current_schema() AS schema, current_setting('server_encoding') AS encoding`.execute(db);
  const [{ schema, encoding }] = rows;
  if (!schema) {
    throw new OperatorError(
      'error: no schema on the target search_path exists; create it first (CREATE SCHEMA …)',
    );
  }
  if (encoding !== 'UTF8') {
    throw new OperatorError(
      `error: the target database's encoding is ${encoding}; create it with ENCODING 'UTF8' so that every text copies unchanged`,
    );
  }
  return { schema };
}

/** The target's tables (in its current schema) that hold rows a copy would collide with. */
export async function tablesHoldingData(db: AnyDb): Promise<string[]> {
  const tables = await targetTables(db);
  const holding: string[] = [];
  for (const table of tables) {
    if (table === MIGRATION_RECORD || MIGRATION_SEEDED_TABLES.includes(table)) continue;
    const { rows } = await sql<{
      found: boolean;
    }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS found`.execute(db);
    if (rows[0].found) holding.push(table);
  }
  return holding;
}

export async function targetTables(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
    ORDER BY table_name`.execute(db);
  return rows.map((row) => row.table_name);
}

/** Each table's columns in the target, to check that every source column has somewhere to go. */
export async function targetColumns(db: AnyDb): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()`.execute(db);
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = columns.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    columns.set(row.table_name, set);
  }
  return columns;
}

export async function migrationVersions(db: AnyDb): Promise<number[]> {
  const { rows } = await sql<{
    version: number;
  }>`SELECT version FROM schema_migrations ORDER BY version`.execute(db);
  return rows.map((row) => Number(row.version));
}

/**
 * One multi-row INSERT. PostgreSQL types each parameter from the column it goes into, so SQLite's
 * integers, floats and text arrive as the schema's INTEGER, DOUBLE PRECISION and TEXT. The text is
 * built here with one flat parameter list: a Kysely node per value costs more than the insert itself.
 */
export async function insertRows(db: AnyDb, table: string, columns: string[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      parameters.push(row[column] ?? null);
      return `$${parameters.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const names = columns.map(quoteIdentifier).join(', ');
  await db.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO ${quoteIdentifier(table)} (${names}) VALUES ${tuples.join(', ')}`,
      parameters,
    ),
  );
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Sets one column of one row, found by its id (the copy's second pass over self-references). */
export async function setColumn(db: AnyDb, table: string, column: string, id: unknown, value: unknown) {
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${value} WHERE id = ${id}`.execute(db);
}

export async function deleteAll(db: AnyDb, table: string): Promise<void> {
  await sql`DELETE FROM ${sql.table(table)}`.execute(db);
}

/**
 * Statistics for the planner and the visibility map for index-only scans: until autovacuum gets to
 * them, the copied tables look empty, and the KPIs' covering indexes send every row back to the
 * table (a year's KPIs on the 100k-case bench database took 0.9–1.4 s before, 0.3–0.4 s after).
 */
export async function vacuumAnalyze(db: AnyDb, table: string): Promise<void> {
  await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

/**
 * Moves every identity (or serial) sequence in the schema past the copied ids, so that the next
 * row the hotline inserts gets max(id) + 1 rather than colliding with a copied one.
 */
export async function resetSequences(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`.execute(
    db,
  );
  for (const { table_name: table, column_name: column } of rows) {
    await sql`SELECT setval(
        pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(${table}), ${column}),
        coalesce(max(${sql.ref(column)}), 0) + 1,
        false)
      FROM ${sql.table(table)}`.execute(db);
  }
  return rows.length;
}
