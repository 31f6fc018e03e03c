import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './db.schema';

export type Db = Kysely<Database>;
export type DbOrTransaction = Kysely<Database> | Transaction<Database>;

export interface OpenedDatabase {
  db: Db;
  sqlite: SqliteDatabase.Database;
  close(): Promise<void>;
}

/**
 * Opens the SQLite file with the pragmas the hotline relies on: WAL, so readers never block the
 * writer; foreign keys; and synchronous=NORMAL, which in WAL mode survives a process crash
 * (kill -9) without losing a committed transaction.
 */
export function openDatabase(databasePath: string): OpenedDatabase {
  if (databasePath !== ':memory:')
    fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const sqlite = new SqliteDatabase(databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    sqlite,
    async close() {
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
