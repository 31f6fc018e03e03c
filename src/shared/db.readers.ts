import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Db } from './db';
import type { Database } from './db.schema';
import { startSqliteWorker } from './sqlite-worker';

// A year's KPIs on the server's one connection would hold every webhook for the length of the
// report, and use one core of two. The reports read instead through read-only connections on
// worker threads: WAL lets them read while the server writes, the queries of one report run side
// by side, and the event loop stays free.

/** Idle workers end after this long: a report is rare, and each worker holds its own heap. */
const IDLE_MS = 30_000;
/** Bounded like the server's own statement cache: queries with `in (…)` lists vary. */
const MAX_STATEMENTS = 200;

// Each worker's program: one read-only connection, opened on the first query (so a file that cannot
// be opened fails that query with the reason), and its statements kept by their text. Not memory-
// mapped: a year's KPIs would take a quarter less time, but every page a report touched would count
// in the server's resident memory, twice over with two workers, until they end.
const READER_PROGRAM = `
const statements = new Map();
let sqlite;
parentPort.on('message', ({ sql, parameters }) => {
  try {
    if (!sqlite) {
      sqlite = new Database(workerData.databasePath, { readonly: true, fileMustExist: true });
      sqlite.pragma('busy_timeout = 5000');
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      if (statements.size >= workerData.maxStatements) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    if (!statement.reader) throw new Error('report connections only read: ' + sql.slice(0, 60));
    parentPort.postMessage({ rows: statement.all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ error: { message: error.message, code: error.code } });
  }
});
`;

interface Job {
  query: CompiledQuery;
  resolve: (result: QueryResult<unknown>) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  job?: Job;
  idleTimer?: NodeJS.Timeout;
}

export interface ReaderPoolOptions {
  /** How many queries run at once; by default one per core, at most four. */
  size?: number;
  idleMs?: number;
}

/**
 * A Kysely instance that only reads, over a pool of worker threads on the SQLite file at
 * `databasePath`. Queries wait in one queue and each free worker takes the next, so a report's
 * long and short queries even out across the cores. Workers start on the first query.
 */
export function openSqliteReaders(databasePath: string, options: ReaderPoolOptions = {}): Db {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new ReaderPoolDriver(databasePath, options),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

class ReaderPoolDriver implements Driver {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly readers = new Set<Reader>();
  private readonly queue: Job[] = [];
  private destroyed = false;

  constructor(
    private readonly databasePath: string,
    options: ReaderPoolOptions,
  ) {
    this.size = options.size ?? Math.min(4, Math.max(1, availableParallelism()));
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: <R>(query: CompiledQuery) => this.execute(query) as Promise<QueryResult<R>>,
      streamQuery: () => {
        throw new Error('report connections do not stream');
      },
    };
  }

  async beginTransaction(): Promise<void> {
    throw new Error('report connections only read: no transactions');
  }

  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the report connections are closed'));
    await Promise.all([...this.readers].map((reader) => this.retire(reader)));
  }

  private execute(query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (this.destroyed) return Promise.reject(new Error('the report connections are closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ query, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const reader = this.freeReader();
      if (!reader) return;
      const job = this.queue.shift() as Job;
      clearTimeout(reader.idleTimer);
      reader.job = job;
      reader.worker.postMessage({ sql: job.query.sql, parameters: job.query.parameters });
    }
  }

  private freeReader(): Reader | undefined {
    for (const reader of this.readers) if (!reader.job) return reader;
    return this.readers.size < this.size ? this.spawn() : undefined;
  }

  private spawn(): Reader {
    const worker = startSqliteWorker(READER_PROGRAM, {
      databasePath: this.databasePath,
      maxStatements: MAX_STATEMENTS,
    });
    const reader: Reader = { worker };
    worker.on('message', (reply: { rows?: unknown[]; error?: { message: string; code?: string } }) => {
      const job = reader.job;
      reader.job = undefined;
      if (reply.error) job?.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else job?.resolve({ rows: reply.rows ?? [] });
      reader.idleTimer = setTimeout(() => void this.retire(reader), this.idleMs).unref();
      this.dispatch();
    });
    // A worker that dies (out of memory) fails its query only; the next query starts a new one.
    worker.on('error', (error) => {
      this.readers.delete(reader);
      reader.job?.reject(new Error(`a report connection failed: ${error.message}`));
      reader.job = undefined;
      this.dispatch();
    });
    this.readers.add(reader);
    return reader;
  }

  private async retire(reader: Reader): Promise<void> {
    clearTimeout(reader.idleTimer);
    this.readers.delete(reader);
    await reader.worker.terminate();
  }
}
