import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DialectName } from './db';

// The one home of the SQL that SQLite and PostgreSQL spell differently. Repositories write portable
// Kysely everywhere else; where the two really differ they ask this module, which reads the dialect
// from the Kysely instance itself (no configuration to keep in step).
//
// Portable forms used instead of helpers, so that none is needed for them:
// - counts of a condition: COUNT(*) FILTER (WHERE …), never SUM(<comparison>) (a boolean in PostgreSQL);
// - NULL placement: ORDER BY … NULLS FIRST / NULLS LAST, since the two default to opposite ends;
// - literal numbers in a VALUES list or a CASE: CAST(… AS integer) or eb.lit(…), since PostgreSQL
//   types an untyped parameter there as text.

// biome-ignore lint/suspicious/noExplicitAny: any database schema will do, only the adapter is read.
export function sqlDialectName(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface SqlDialect {
  name: DialectName;
  /**
   * Milliseconds from one stored instant to another (ISO 8601 UTC text), null when either is null.
   * A float: the ISO text keeps milliseconds, and an average over it should not be truncated.
   */
  millisecondsBetween(
    from: Expression<string | null>,
    to: Expression<string | null>,
  ): RawBuilder<number | null>;
  /**
   * Text compared, sorted, grouped and case-folded byte by byte (ASCII only), as SQLite always does.
   * A PostgreSQL database's own collation may be a language's (lowercase before uppercase, accents
   * folded), which would change which spelling min() picks and the order of ties.
   */
  binaryText(value: Expression<string | null>): RawBuilder<string | null>;
  /**
   * Whether a claim should pick its row `FOR UPDATE SKIP LOCKED`. On PostgreSQL two nodes that pick
   * the same row would otherwise queue behind each other, and the loser would find nothing; SQLite
   * has one writer at a time, so its claim statement never meets another.
   */
  skipsLockedRows: boolean;
}

const sqlite: SqlDialect = {
  name: 'sqlite',
  millisecondsBetween: (from, to) =>
    sql<number | null>`((julianday(${to}) - julianday(${from})) * 86400000.0)`,
  // SQLite compares text with BINARY unless told otherwise, and its lower() folds ASCII only.
  binaryText: (value) => sql<string | null>`${value}`,
  skipsLockedRows: false,
};

const postgres: SqlDialect = {
  name: 'postgres',
  // extract(epoch …) is numeric: its avg() reaches JavaScript as a string, so callers Number() it.
  millisecondsBetween: (from, to) =>
    sql<
      number | null
    >`(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz))) * 1000)`,
  // The "C" collation compares bytes, and lower() under it folds ASCII only, like SQLite's.
  binaryText: (value) => sql<string | null>`(${value} collate "C")`,
  skipsLockedRows: true,
};

/**
 * Holds a lock named by `key` until the transaction ends, so that transactions about the same thing
 * (one message's Sid) take turns on PostgreSQL, where each node and connection runs its own. A row
 * lock cannot do it when the row may not be visible yet. SQLite runs one transaction at a time.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database schema will do, only the adapter is read.
export async function lockUntilCommit(trx: Kysely<any>, key: string): Promise<void> {
  if (sqlDialectName(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

// biome-ignore lint/suspicious/noExplicitAny: any database schema will do, only the adapter is read.
export function sqlDialectOf(db: Kysely<any>): SqlDialect {
  return sqlDialectName(db) === 'postgres' ? postgres : sqlite;
}
