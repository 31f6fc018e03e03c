import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../../src/shared/db';
import { migrate } from '../../src/shared/migrator';
import { makeTempDir, removeTempDirs, runCli } from '../helpers/server-process';

afterAll(() => {
  removeTempDirs();
});

const FEBRUARY = { from: '2027-02-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' };

describe('dutyline report staff', () => {
  it("prints each officer's appraisal as JSON, or as CSV with --format csv, and refuses a bad window in one line", async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const database = openDatabase(databasePath);
    try {
      await migrate(database);
      const at = '2027-01-01T00:00:00.000Z';
      const officer = await database.db
        .insertInto('staff')
        .values({
          name: 'Wang Fang',
          phone: '+8613800000001',
          role: 'staff',
          language: 'en',
          active: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Two cases resolved in February, one of them after its deadline: on time 1/2.
      for (const [ref, resolved] of [
        ['20270201', '2027-02-02T00:00:00.000Z'],
        ['20270202', '2027-02-09T00:00:00.000Z'],
      ])
        await database.db
          .insertInto('cases')
          .values({
            ref,
            status: 'resolved',
            channel: 'voice',
            phone: '+8613912345678',
            language: 'en',
            category: 'roads',
            priority: 'normal',
            description: 'Pothole',
            on_duty: '{}',
            assignee_id: officer.id,
            result: 'fixed',
            resolved_at: resolved,
            due_at: '2027-02-05T00:00:00.000Z',
            created_at: '2027-02-01T00:00:00.000Z',
            updated_at: resolved,
          })
          .execute();
    } finally {
      await database.close();
    }
    const env = { DATABASE_PATH: databasePath, HOTLINE_TIMEZONE: 'Asia/Shanghai' };

    const json = await runCli(['report', 'staff', '--from', FEBRUARY.from, '--to', FEBRUARY.to], env);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout).staff).toEqual([
      expect.objectContaining({ name: 'Wang Fang', casesAssigned: 2, casesResolved: 2, onTimeRate: 0.5 }),
    ]);

    const csv = await runCli(
      ['report', 'staff', '--from', FEBRUARY.from, '--to', FEBRUARY.to, '--format', 'csv'],
      env,
    );
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(parse(csv.stdout, { columns: true })).toEqual([
      expect.objectContaining({
        name: 'Wang Fang',
        cases_resolved: '2',
        on_time_rate: '0.5',
        feedback_rate: '0',
      }),
    ]);

    const bad = await runCli(['report', 'staff', '--from', FEBRUARY.to, '--to', FEBRUARY.from], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: to: must be after from/);
  }, 90_000);
});
