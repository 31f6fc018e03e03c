import path from 'node:path';
import { openDatabase } from '../../src/shared/db';
import { migrate } from '../../src/shared/migrator';
import { makeTempDir, removeTempDirs, runCli } from '../helpers/server-process';

// A process of its own: several seconds on a busy 2-core machine.
jest.setTimeout(60_000);

afterAll(() => {
  removeTempDirs();
});

describe('dutyline petition list', () => {
  it('prints each petition on a line, those on open cases first, with its merged cases and no phone', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const database = openDatabase(databasePath);
    try {
      await migrate(database);
      const at = '2026-03-01T02:00:00.000Z';
      const cases: [string, string, string | null][] = [
        ['10000001', 'resolved', null],
        ['10000002', 'assigned', null],
        ['10000003', 'merged', '10000002'],
      ];
      for (const [ref, status] of cases) {
        await database.db
          .insertInto('cases')
          .values({
            ref,
            status,
            channel: 'sms',
            phone: null,
            language: 'en',
            category: 'other',
            priority: 'important',
            description: 'market',
            on_duty: '{}',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      await database.db.updateTable('cases').set({ merged_into: 2 }).where('ref', '=', '10000003').execute();
      for (const [caseId, headcount, visitDate] of [
        [1, 12, null],
        [2, 40, '2026-03-01'],
      ] as const) {
        await database.db
          .insertInto('petitions')
          .values({
            case_id: caseId,
            headcount,
            representatives: JSON.stringify([{ name: 'Liu Yang', phone: '+8613911110001' }]),
            visit_date: visitDate,
            demands: 'Reopen the market',
            recorded_by: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    } finally {
      await database.close();
    }
    const listed = await runCli(['petition', 'list'], {
      DATABASE_PATH: databasePath,
      HOTLINE_TIMEZONE: 'Asia/Shanghai',
    });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toBe(
      [
        '10000002\tassigned\timportant\t40\t1\t2026-03-01\t10000003\t2026-03-01T10:00:00.000+08:00',
        '10000001\tresolved\timportant\t12\t1\t-\t-\t2026-03-01T10:00:00.000+08:00',
        '',
      ].join('\n'),
    );
  });
});
