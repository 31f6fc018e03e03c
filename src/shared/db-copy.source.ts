import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { OperatorError } from './errors';

// The SQLite side of `dutyline db copy`: what tables there are, in which order they can be written
// with their foreign keys satisfied, and their rows in batches, all from one read snapshot.

/** A row as better-sqlite3 returns it: integers, floats, text and nulls by column name. */
export type Row = Record<string, unknown>;

export interface SourceTable {
  name: string;
  columns: string[];
  /** Columns that point at another row of the same table (a case merged into another). */
  selfReferences: string[];
  /** The other tables this one's foreign keys point at. */
  references: string[];
}

export interface CopySource {
  path: string;
  /** The migrations recorded in the file, by version. */
  migrationVersions(): number[];
  /** Every table the copy moves, parents before children. */
  tables(): SourceTable[];
  count(table: string): number;
  /** The table's rows in rowid order, `size` at a time. */
  batches(table: string, size: number): Generator<Row[]>;
  close(): void;
}

/**
 * Kept out of the copy: the target's migrator writes its own record of what it applied, and a job
 * lease belongs to the server that took it (copied from one killed mid-job, it would hold that job
 * on the new cluster until it expired).
 */
const NOT_COPIED = new Set(['schema_migrations', 'job_leases']);

/**
 * Opens the file read-only: the copy must never create an empty database where a path was
 * mistyped, nor change the source (openDatabase would switch it to WAL and create it if missing).
 * Every read runs in one transaction, so a server still writing to the file cannot make the
 * counts disagree with the rows copied.
 */
export function openCopySource(path: string): CopySource {
  if (path === ':memory:' || !fs.existsSync(path)) {
    throw new OperatorError(`error: there is no SQLite database at ${path} (set DATABASE_PATH)`);
  }
  const sqlite = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  sqlite.exec('BEGIN');
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

  function tableNames(): string[] {
    const rows = sqlite
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      )
      .all() as { name: string }[];
    return rows.map((row) => row.name).filter((name) => !NOT_COPIED.has(name));
  }

  function describe(name: string): SourceTable {
    const columns = (
      sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(name) as {
        name: string;
      }[]
    ).map((column) => column.name);
    const keys = sqlite.prepare('SELECT "table", "from" FROM pragma_foreign_key_list(?)').all(name) as {
      table: string;
      from: string;
    }[];
    return {
      name,
      columns,
      selfReferences: keys.filter((key) => key.table === name).map((key) => key.from),
      references: [...new Set(keys.filter((key) => key.table !== name).map((key) => key.table))],
    };
  }

  return {
    path,
    migrationVersions() {
      const exists = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'schema_migrations'").get();
      if (!exists)
        throw new OperatorError(`error: ${path} is not a Dutyline database (it has no schema_migrations)`);
      const rows = sqlite.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
        version: number;
      }[];
      return rows.map((row) => Number(row.version));
    },
    tables: () => parentsFirst(tableNames().map(describe)),
    count: (table) => (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n,
    *batches(table, size) {
      // Keyset pagination on the rowid: no iterator stays open across the awaits in between, and
      // each page costs the same however deep into the table it is.
      const page = sqlite.prepare(
        `SELECT rowid AS "__copy_rowid", * FROM ${quoted(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      );
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = page.all(after, size) as Row[];
        if (rows.length === 0) return;
        after = rows.at(-1)?.__copy_rowid as number;
        yield rows.map(({ __copy_rowid: _, ...row }) => row);
      }
    },
    close() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}

/** Tables ordered so that every table comes after the tables its foreign keys point at. */
export function parentsFirst(tables: SourceTable[]): SourceTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: SourceTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  function visit(table: SourceTable, path: string[]) {
    if (state.get(table.name) === 'done') return;
    if (state.get(table.name) === 'visiting') {
      // Not in today's schema; if a migration ever adds one, the copy says so rather than failing half-way.
      throw new OperatorError(`error: foreign keys form a cycle (${[...path, table.name].join(' → ')})`);
    }
    state.set(table.name, 'visiting');
    for (const parent of table.references) {
      const parentTable = byName.get(parent);
      if (parentTable) visit(parentTable, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  }
  // Alphabetical first, so the order (and the progress bars) are the same on every run.
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}
