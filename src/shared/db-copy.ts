import type { Kysely } from 'kysely';
import { postgresUrl } from '../config';
import { describeDatabase } from './db';
import { type CopySource, openCopySource, type SourceTable } from './db-copy.source';
import {
  countRows,
  deleteAll,
  describeTarget,
  insertRows,
  MIGRATION_SEEDED_TABLES,
  migrationVersions,
  resetSequences,
  rowsPerInsert,
  setColumn,
  tablesHoldingData,
  targetColumns,
  vacuumAnalyze,
} from './db-copy.target';
import { OperatorError } from './errors';
import { migrate, readMigrations } from './migrator';

// `dutyline db copy --to postgres://…`: a SQLite database moved into an empty PostgreSQL one, for a
// hotline outgrowing one node (SPEC §16). The source is read from one snapshot; the target is
// migrated to the same level and then filled in ONE transaction, so a copy that fails anywhere
// (a bad row, a lost connection, counts that disagree) leaves the target empty and the command can
// simply be run again, rather than leaving half a database that the next run refuses as not empty.

// biome-ignore lint/suspicious/noExplicitAny: the copy moves whatever tables the source has, by name.
type AnyDb = Kysely<any>;

/** What the command shows while it works; the CLI draws a bar per table, tests pass nothing. */
export interface CopyProgress {
  startTable(table: string, rows: number): void;
  advance(rows: number): void;
  endTable(): void;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyResult {
  target: string;
  tables: TableCount[];
  sequences: number;
  elapsedMs: number;
}

export interface CopyOptions {
  sqlitePath: string;
  targetUrl: string;
  progress?: CopyProgress;
  /** Rows per INSERT, fewer for wide tables (PostgreSQL takes at most 65,535 parameters). */
  batchSize?: number;
}

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const started = Date.now();
  const targetUrl = parseTargetUrl(options.targetUrl);
  const where = describeDatabase({ databaseUrl: targetUrl, databasePath: '' });
  const source = openCopySource(options.sqlitePath);
  const { openPostgresDatabase } = await import('./db.postgres');
  const target = openPostgresDatabase(targetUrl, { maxConnections: 2, allowExitOnIdle: true });
  try {
    const expected = readMigrations().map((migration) => migration.version);
    const sourceVersions = source.migrationVersions();
    if (!sameVersions(sourceVersions, expected)) {
      const newer = (sourceVersions.at(-1) ?? 0) > (expected.at(-1) ?? 0);
      throw new OperatorError(
        `error: ${options.sqlitePath} is at migration ${sourceVersions.at(-1) ?? 'none'}, this dutyline at ${expected.at(-1)}; ${newer ? 'copy it with the newer dutyline that migrated it' : 'run dutyline migrate on it first'}`,
      );
    }
    await reachable(where, () => describeTarget(target.db));
    const holding = await tablesHoldingData(target.db);
    if (holding.length > 0) {
      throw new OperatorError(
        `error: ${where} already holds data (${holding.join(', ')}); db copy fills an empty database only`,
      );
    }
    await migrate(target);
    const targetVersions = await migrationVersions(target.db);
    if (!sameVersions(targetVersions, expected)) {
      throw new OperatorError(
        `error: ${where} records migrations ${targetVersions.join(', ')}, not those of this dutyline`,
      );
    }

    const tables = source.tables();
    const columns = await targetColumns(target.db);
    for (const table of tables) {
      const missing = table.columns.filter((column) => !columns.get(table.name)?.has(column));
      if (missing.length > 0) {
        throw new OperatorError(
          `error: the target has no ${missing.map((c) => `${table.name}.${c}`).join(', ')}; the SQLite file has tables this dutyline does not know`,
        );
      }
    }
    // The rows the migrations wrote are replaced last, after the copied roster's triggers have run.
    const seededLast = [
      ...tables.filter((table) => !MIGRATION_SEEDED_TABLES.includes(table.name)),
      ...tables.filter((table) => MIGRATION_SEEDED_TABLES.includes(table.name)),
    ];

    const { counts, sequences } = await target.db.transaction().execute(async (trx) => {
      for (const table of seededLast) await copyTable(trx, source, table, options);
      const sequences = await resetSequences(trx);
      // Counted inside the transaction: a mismatch rolls the whole copy back.
      const counts: TableCount[] = [];
      for (const table of tables) {
        counts.push({
          table: table.name,
          source: source.count(table.name),
          target: await countRows(trx, table.name),
        });
      }
      const wrong = counts.filter((count) => count.source !== count.target);
      if (wrong.length > 0) {
        throw new OperatorError(
          `error: row counts differ (${wrong.map((c) => `${c.table}: ${c.source} in SQLite, ${c.target} in PostgreSQL`).join('; ')}); nothing was copied`,
        );
      }
      return { counts, sequences };
    });
    // After the commit: VACUUM cannot run inside a transaction.
    for (const table of tables) await vacuumAnalyze(target.db, table.name);
    return { target: where, tables: counts, sequences, elapsedMs: Date.now() - started };
  } finally {
    source.close();
    await target.close();
  }
}

/** One table, in batches; a failure names the table, and the transaction around it rolls back. */
async function copyTable(trx: AnyDb, source: CopySource, table: SourceTable, options: CopyOptions) {
  options.progress?.startTable(table.name, source.count(table.name));
  try {
    if (MIGRATION_SEEDED_TABLES.includes(table.name)) await deleteAll(trx, table.name);
    // A column pointing into its own table (cases.merged_into) may point at a later row: it is
    // written as null first and set once every row of the table is in.
    const pending: { id: unknown; column: string; value: unknown }[] = [];
    const size = rowsPerInsert(table.columns.length, options.batchSize ?? 1000);
    for (const rows of source.batches(table.name, size)) {
      const written = rows.map((row) => {
        if (table.selfReferences.length === 0) return row;
        const copy = { ...row };
        for (const column of table.selfReferences) {
          if (copy[column] === null || copy[column] === undefined) continue;
          pending.push({ id: copy.id, column, value: copy[column] });
          copy[column] = null;
        }
        return copy;
      });
      await insertRows(trx, table.name, table.columns, written);
      options.progress?.advance(rows.length);
    }
    for (const { id, column, value } of pending) await setColumn(trx, table.name, column, id, value);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error: /, '') : String(error);
    throw new OperatorError(`error: copying ${table.name}: ${reason}; nothing was copied`);
  } finally {
    options.progress?.endTable();
  }
}

function parseTargetUrl(url: string): string {
  const parsed = postgresUrl.safeParse(url);
  if (!parsed.success) {
    throw new OperatorError(
      `error: --to ${parsed.error.issues[0]?.message ?? 'must be a PostgreSQL URL'} (got ${JSON.stringify(url)})`,
    );
  }
  return parsed.data;
}

function sameVersions(actual: number[], expected: number[]): boolean {
  return actual.length === expected.length && actual.every((version, index) => version === expected[index]);
}

/** The first query to the target: a server that cannot be reached is one line naming it. */
async function reachable<T>(where: string, first: () => Promise<T>): Promise<T> {
  try {
    return await first();
  } catch (error) {
    if (error instanceof OperatorError) throw error;
    throw new OperatorError(`error: cannot use PostgreSQL at ${where}: ${describeConnectionError(error)}`);
  }
}

/** A refused connection to "localhost" is an AggregateError (IPv6 and IPv4) with an empty message. */
function describeConnectionError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return describeConnectionError(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
