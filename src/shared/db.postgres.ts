import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { OpenedPostgres } from './db';
import type { Database } from './db.schema';

export interface PostgresOptions {
  /** Schemas to resolve unqualified names in, first one first (the tests give each context its own). */
  searchPath?: string;
  /** Connections kept open; pg's default is 10. */
  maxConnections?: number;
  /** Lets the process end while connections sit idle (tests, one-shot commands). */
  allowExitOnIdle?: boolean;
}

/**
 * Opens a pool on PostgreSQL. Nothing connects until the first query. pg returns 64-bit integers
 * (`count(*)`, `sum(…)`) and numerics (`avg(…)`) as strings, to keep precision; the hotline's counts
 * are far below 2^53, so they are read as numbers here and the repositories see what SQLite gives.
 */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): OpenedPostgres {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections,
    allowExitOnIdle: options.allowExitOnIdle,
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
    types: { getTypeParser: numbersAsNumbers as typeof types.getTypeParser },
  });
  // An idle connection that the server drops emits an error on the pool; without a listener it
  // would end the process. The next query opens a new connection and reports any real outage.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    reports: db,
    async close() {
      await db.destroy();
    },
  };
}

const parseNumber = (value: string) => Number(value);
const NUMBER_PARSERS = new Map<number, (value: string) => unknown>([
  [types.builtins.INT8, parseNumber],
  [types.builtins.NUMERIC, parseNumber],
]);

function numbersAsNumbers(oid: number, format?: 'text' | 'binary') {
  return (format ?? 'text') === 'text' && NUMBER_PARSERS.has(oid)
    ? NUMBER_PARSERS.get(oid)
    : types.getTypeParser(oid, format as 'text');
}
