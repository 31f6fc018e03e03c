import fs from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { openDatabase } from '../shared/db';

/**
 * An online backup with SQLite's backup API: the hotline keeps serving while pages are copied,
 * and the copy is a consistent snapshot. Progress goes to stderr (drawn only on a terminal).
 */
export async function backupDatabase(
  databasePath: string,
  target: string,
): Promise<{ pages: number; bytes: number }> {
  if (databasePath === ':memory:') throw new Error('an in-memory database cannot be backed up');
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const database = openDatabase(databasePath);
  const bar = new SingleBar(
    { stream: process.stderr, format: 'backing up {bar} {value}/{total} pages', clearOnComplete: true },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await database.sqlite.backup(target, {
      progress({ totalPages, remainingPages }) {
        if (!started) bar.start(totalPages, 0);
        started = true;
        bar.update(totalPages - remainingPages);
        return 200;
      },
    });
    return { pages: result.totalPages, bytes: fs.statSync(target).size };
  } finally {
    bar.stop();
    await database.close();
  }
}
