import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/shared/db';
import { checkpointInBackground } from '../../src/shared/db.checkpoints';

// The server's connection leaves WAL checkpoints to a worker thread, so no webhook's commit waits
// for one: the log reaches the database file without the server's connection copying it.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-checkpoints-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const waitFor = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Writes about 8 MB in small transactions, as webhooks do: past SQLite's own 4 MB checkpoint size. */
function writeLikeWebhooks(sqlite: ReturnType<typeof openDatabase>['sqlite']) {
  sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 2_000; i += 1) insert.run('x'.repeat(4_000));
}

describe('WAL checkpoints in the background', () => {
  it("the server's connection no longer checkpoints at SQLite's default log size", async () => {
    const file = path.join(dir, 'hotline.sqlite');
    const database = openDatabase(file);
    const stop = checkpointInBackground(database.sqlite, 60_000);
    try {
      writeLikeWebhooks(database.sqlite);
      // With SQLite's default (1,000 pages), these commits would have copied the log into the file.
      expect(fs.statSync(file).size).toBeLessThan(100_000);
    } finally {
      await stop();
      await database.close();
    }
  });

  it('the worker checkpoints on its own, while the server goes on writing', async () => {
    const file = path.join(dir, 'hotline.sqlite');
    const database = openDatabase(file);
    const stop = checkpointInBackground(database.sqlite, 20);
    try {
      writeLikeWebhooks(database.sqlite);
      await waitFor(() => fs.statSync(file).size > 7_000_000);
      expect(database.sqlite.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2_000);
    } finally {
      await stop();
      await database.close();
    }
  });
});
