import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { startSqliteWorker } from './sqlite-worker';

// In WAL mode SQLite copies the log back into the database file (a checkpoint, with its fsyncs) inside
// whichever commit crosses the log's size limit: every few seconds under load, one webhook waited
// tens of milliseconds for it, and every request queued behind it. The server's own connection
// therefore checkpoints only as a last resort, and a worker thread with a connection of its own
// checkpoints in the background. PASSIVE never waits for a reader or the writer, and the next
// write starts the log afresh once all of it is back in the file.

/** How often the background connection checkpoints. */
const INTERVAL_MS = 1_000;
/**
 * The server's connection still checkpoints once the log reaches this many pages (40 MB with 4 KB
 * pages), should the worker fall behind or die: the log never grows without bound.
 */
const LAST_RESORT_PAGES = 10_000;

const CHECKPOINTER_PROGRAM = `
const sqlite = new Database(workerData.databasePath, { fileMustExist: true });
setInterval(() => {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing: the next round tries again, and the last resort still holds.
  }
}, workerData.intervalMs);
`;

/** Starts checkpointing the file behind `sqlite` on a worker thread; the returned function stops it. */
export function checkpointInBackground(
  sqlite: SqliteDatabase.Database,
  intervalMs = INTERVAL_MS,
): () => Promise<void> {
  sqlite.pragma(`wal_autocheckpoint = ${LAST_RESORT_PAGES}`);
  const worker = startSqliteWorker(CHECKPOINTER_PROGRAM, {
    databasePath: path.resolve(sqlite.name),
    intervalMs,
  });
  // Should it die, the last resort still checkpoints; no crash of the server for it.
  worker.on('error', () => undefined);
  return async () => {
    await worker.terminate();
  };
}
