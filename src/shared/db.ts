import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect, type Transaction } from 'kysely';
import type { Pool } from 'pg';
import { openSqliteReaders } from './db.readers';
import type { Database } from './db.schema';

export type Db = Kysely<Database>;
export type DbOrTransaction = Kysely<Database> | Transaction<Database>;

/** The two stores: SQLite embedded (the default), PostgreSQL when several nodes share one store. */
export type DialectName = 'sqlite' | 'postgres';

export interface OpenedSqlite {
  dialect: 'sqlite';
  db: Db;
  /** The SQLite handle, for what only SQLite has (the online backup API, pragmas). */
  sqlite: SqliteDatabase.Database;
  /** Where long reports read: read-only connections on worker threads (see db.readers.ts). */
  reports: Db;
  close(): Promise<void>;
}

export interface OpenedPostgres {
  dialect: 'postgres';
  db: Db;
  pool: Pool;
  /** The pool already runs queries side by side, off the event loop: reports read through `db`. */
  reports: Db;
  close(): Promise<void>;
}

export type OpenedDatabase = OpenedSqlite | OpenedPostgres;

/** Where the store is: `databaseUrl` (postgres://…) wins; otherwise the SQLite file at `databasePath`. */
export interface DatabaseSettings {
  databaseUrl?: string;
  databasePath: string;
}

/** A SQLite file by its path. */
export function openDatabase(databasePath: string): OpenedSqlite {
  return openSqliteDatabase(databasePath);
}

/**
 * Whichever store the settings select. PostgreSQL's client is loaded only when it is asked for, so
 * the embedded default (and every CLI command on it) does not pay for it at start.
 */
export async function openStore(settings: DatabaseSettings): Promise<OpenedDatabase> {
  if (!settings.databaseUrl) return openSqliteDatabase(settings.databasePath);
  const { openPostgresDatabase } = await import('./db.postgres');
  return openPostgresDatabase(settings.databaseUrl);
}

/** The store for logs and messages: a PostgreSQL URL without its password, or the SQLite path. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (!settings.databaseUrl) return settings.databasePath;
  const url = new URL(settings.databaseUrl);
  url.password = '';
  return url.toString();
}

/**
 * Opens the SQLite file with the pragmas the hotline relies on: WAL, so readers never block the
 * writer; foreign keys; and synchronous=NORMAL, which in WAL mode survives a process crash
 * (kill -9) without losing a committed transaction.
 */
export function openSqliteDatabase(databasePath: string): OpenedSqlite {
  if (databasePath !== ':memory:')
    fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const sqlite = new SqliteDatabase(databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // Another connection cannot see an in-memory database; its reports read through `db`.
  const reports = databasePath === ':memory:' ? db : openSqliteReaders(databasePath);
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    reports,
    async close() {
      if (reports !== db) await reports.destroy();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query afresh, and better-sqlite3 parses the SQL each time. The hotline runs
 * the same few dozen statements all day, so they are kept by their text (a bounded map: queries
 * with `in (…)` lists vary). SQLite re-prepares a kept statement itself if the schema changes.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, maxEntries = 500): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= maxEntries) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
