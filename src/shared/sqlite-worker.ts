import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite answers on the thread that asks, so whatever may take long (a year's report, a checkpoint's
// fsync) runs on a worker thread with a connection of its own. The program is a string run with
// `eval`, so one source serves the compiled build, tsx and jest without a separate file to find;
// it gets better-sqlite3 as `Database`, resolved here, and its own data as `workerData`.

const driverPath = createRequire(__filename).resolve('better-sqlite3');

const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
`;

/** A worker running `program`; it never keeps the process alive by itself. */
export function startSqliteWorker(program: string, data: Record<string, unknown>): Worker {
  const worker = new Worker(PRELUDE + program, { eval: true, workerData: { ...data, driverPath } });
  worker.unref();
  return worker;
}
