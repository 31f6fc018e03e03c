import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedCalls, seedCases, seedRoster } from '../../bench/seed';
import { createKpisRepository } from '../../src/kpis/kpis.repository';
import { createKpiReports } from '../../src/kpis/kpis.usecases';
import { createReportsRepository } from '../../src/reports/reports.repository';
import { createManualClock } from '../../src/shared/clock';
import { openDatabase } from '../../src/shared/db';
import { openSqliteReaders } from '../../src/shared/db.readers';
import { migrate } from '../../src/shared/migrator';

// The reports read a SQLite file through read-only connections on worker threads. They must give
// exactly the answers the server's own connection gives, never write, and survive their workers.

const NOW = new Date('2027-06-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const CATEGORIES = ['noise', 'sanitation', 'roads', 'water', 'other', 'callback'];

let dir: string;
let databasePath: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-readers-'));
  databasePath = path.join(dir, 'hotline.sqlite');
  const database = openDatabase(databasePath);
  await migrate(database);
  const staffIds = seedRoster(database.sqlite, 130, NOW);
  seedCases(database.sqlite, 3_000, staffIds, NOW);
  seedCalls(database.sqlite, 1_200, staffIds, NOW);
  await database.close();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const kpisThrough = (db: Parameters<typeof createKpisRepository>[0]['db']) =>
  createKpiReports({
    kpisRepository: createKpisRepository({ db }),
    clock: createManualClock(NOW),
    categoryIds: CATEGORIES,
  });

describe('report connections on worker threads', () => {
  it("a year's KPIs and the duty-gap report's rows equal those read on the server's connection", async () => {
    const database = openDatabase(databasePath);
    try {
      expect(database.reports).not.toBe(database.db);
      const from = new Date(NOW.getTime() - 366 * DAY_MS);
      const viaServer = await kpisThrough(database.db).buildKpis(from, NOW, { top: 10 });
      const viaReaders = await kpisThrough(database.reports).buildKpis(from, NOW, { top: 10 });
      expect(viaServer.volumes.total).toBe(3_000);
      expect(viaReaders).toEqual(viaServer);

      const recent = new Date(NOW.getTime() - 90 * DAY_MS);
      const dueOnServer = await createReportsRepository({ db: database.db }).casesDueBetween(recent, NOW);
      const dueOnReaders = await createReportsRepository({ db: database.reports }).casesDueBetween(
        recent,
        NOW,
      );
      expect(dueOnReaders).toEqual(dueOnServer);
    } finally {
      await database.close();
    }
  });

  it('see what the server committed a moment ago', async () => {
    const database = openDatabase(databasePath);
    try {
      const count = async () =>
        (
          await database.reports
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = await count();
      database.sqlite
        .prepare(
          "INSERT INTO cases (ref, status, channel, phone, language, category, priority, description, on_duty, created_at, updated_at) VALUES ('99999901', 'received', 'sms', '+8613900000000', 'zh-CN', 'noise', 'normal', 'x', '{}', ?, ?)",
        )
        .run(NOW.toISOString(), NOW.toISOString());
      expect(await count()).toBe(before + 1);
    } finally {
      await database.close();
    }
  });

  it('refuse to write, with the reason, and leave the file untouched', async () => {
    const readers = openSqliteReaders(databasePath);
    try {
      await expect(readers.deleteFrom('cases').execute()).rejects.toThrow(/readonly|only read/i);
      await expect(readers.transaction().execute(async () => undefined)).rejects.toThrow(/no transactions/);
      const left = await readers
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(left.n).toBeGreaterThan(0);
    } finally {
      await readers.destroy();
    }
  });

  it('a bad query fails alone; workers that retired when idle start again on the next query', async () => {
    const readers = openSqliteReaders(databasePath, { size: 2, idleMs: 10 });
    try {
      const count = () =>
        readers
          .selectFrom('staff')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
      const [bad, good] = await Promise.allSettled([
        readers
          .selectFrom('no_such_table' as 'staff')
          .selectAll()
          .execute(),
        count(),
      ]);
      expect(bad.status).toBe('rejected');
      expect(String((bad as PromiseRejectedResult).reason)).toMatch(/no such table/);
      expect(good).toEqual({ status: 'fulfilled', value: { n: 130 } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await count()).toEqual({ n: 130 });
    } finally {
      await readers.destroy();
    }
  });

  it('a file that is not there fails the query with the reason, not the process', async () => {
    const readers = openSqliteReaders(path.join(dir, 'missing.sqlite'));
    try {
      await expect(readers.selectFrom('staff').selectAll().execute()).rejects.toThrow(
        /unable to open|does not exist/i,
      );
    } finally {
      await readers.destroy();
    }
  });
});
