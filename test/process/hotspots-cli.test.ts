import path from 'node:path';
import { openDatabase } from '../../src/shared/db';
import { migrate } from '../../src/shared/migrator';
import { makeTempDir, removeTempDirs, runCli } from '../helpers/server-process';
import { FEBRUARY, seedHotspotCases } from '../reports/hotspots.fixtures';

afterAll(() => {
  removeTempDirs();
});

describe('dutyline report hotspots', () => {
  it('prints the hotspot report as JSON, or as CSV with --format csv, and refuses a bad window in one line', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const database = openDatabase(databasePath);
    try {
      await migrate(database);
      await seedHotspotCases(database.db);
    } finally {
      await database.close();
    }
    const env = { DATABASE_PATH: databasePath, HOTLINE_TIMEZONE: 'Asia/Shanghai' };

    const json = await runCli(['report', 'hotspots', '--from', FEBRUARY.from, '--to', FEBRUARY.to], env);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(json.stdout);
    expect(report.window).toEqual({
      from: '2027-02-01T00:00:00.000+08:00',
      to: '2027-03-01T00:00:00.000+08:00',
    });
    expect(report.hotspots[0]).toEqual({
      place: { id: 'dali-road', name: { 'zh-CN': '大理路', en: 'Dali Road' } },
      category: 'sanitation',
      count: 3,
      previousCount: 1,
      change: 2,
      trend: 'up',
      repeat: true,
    });
    expect(report.repeats.map((repeat: { refs: string[] }) => repeat.refs)).toEqual([
      ['20270201', '20270202', '20270203'],
    ]);

    const csv = await runCli(
      ['report', 'hotspots', '--from', FEBRUARY.from, '--to', FEBRUARY.to, '--format', 'csv'],
      env,
    );
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'place_id,place_zh_cn,place_en,category,count,previous_count,change,trend,repeat,repeat_count,repeat_refs',
    );
    expect(lines[1]).toBe('dali-road,大理路,Dali Road,sanitation,3,1,2,up,true,3,20270201;20270202;20270203');
    expect(lines).toHaveLength(10);

    const bad = await runCli(['report', 'hotspots', '--from', FEBRUARY.to, '--to', FEBRUARY.from], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: to: must be after from/);
    // Three CLI processes, each compiling the sources with tsx: seconds apiece on a busy machine.
  }, 90_000);
});
