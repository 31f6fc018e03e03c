import path from 'node:path';
import type { Db } from '../../src/shared/db';
import { openDatabase } from '../../src/shared/db';
import { migrate } from '../../src/shared/migrator';
import { makeTempDir, removeTempDirs, runCli } from '../helpers/server-process';

// Each command is a process of its own (several seconds on a busy 2-core machine), and this walks six.
jest.setTimeout(120_000);

afterAll(() => {
  removeTempDirs();
});

// The CLI reads the real clock: the campaign lies in the past, so its three windows are whole.
async function seedCases(db: Db) {
  await db
    .insertInto('staff')
    .values({
      name: 'Zhao Min',
      phone: '+8613800000003',
      role: 'supervisor',
      language: 'en',
      active: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  const cases: [string, string, string, string][] = [
    ['10000001', '2026-02-25T02:00:00.000Z', 'sanitation', 'dali-road'],
    ['10000002', '2026-03-02T02:00:00.000Z', 'sanitation', 'dali-road'],
    ['10000003', '2026-03-03T02:00:00.000Z', 'sanitation', 'minzhu-road'],
    ['10000004', '2026-03-04T02:00:00.000Z', 'noise', 'dali-road'],
    ['10000005', '2026-03-12T02:00:00.000Z', 'sanitation', 'minzhu-road'],
  ];
  for (const [ref, at, category, placeId] of cases) {
    await db
      .insertInto('cases')
      .values({
        ref,
        status: 'received',
        channel: 'letter',
        phone: null,
        language: 'en',
        category,
        priority: 'normal',
        description: 'bins',
        on_duty: '{}',
        place: placeId,
        place_id: placeId,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

describe('dutyline campaign', () => {
  it('creates, lists, shows with its figures and closes a campaign; a bad place is one clear line', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const database = openDatabase(databasePath);
    try {
      await migrate(database);
      await seedCases(database.db);
    } finally {
      await database.close();
    }
    const env = { DATABASE_PATH: databasePath, HOTLINE_TIMEZONE: 'Asia/Shanghai' };
    const window = ['--from', '2026-03-01T00:00+08:00', '--to', '2026-03-11T00:00+08:00', '--owner', '1'];

    const created = await runCli(
      [
        'campaign',
        'create',
        '--name',
        'Clean streets',
        '--places',
        'dali-road,minzhu-road',
        '--categories',
        'sanitation',
        ...window,
      ],
      env,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toBe(
      'campaign 1: Clean streets, dali-road,minzhu-road × sanitation, 2026-03-01T00:00:00.000+08:00 to 2026-03-11T00:00:00.000+08:00\n',
    );

    const shown = await runCli(['campaign', 'show', '1'], env);
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout);
    expect([detail.figures.before.count, detail.figures.during.count, detail.figures.after.count]).toEqual([
      1, 2, 1,
    ]);
    expect(detail.cases.map((linked: { ref: string }) => linked.ref)).toEqual(['10000003', '10000002']);

    expect((await runCli(['campaign', 'close', '1', '--result', 'Bins twice a day'], env)).stdout).toBe(
      'closed campaign 1: Clean streets\n',
    );
    expect((await runCli(['campaign', 'list', '--status', 'closed'], env)).stdout).toBe(
      '1\tclosed\tClean streets\t2026-03-01T00:00:00.000+08:00\t2026-03-11T00:00:00.000+08:00\n',
    );

    const refused = await runCli(
      [
        'campaign',
        'create',
        '--name',
        'Nowhere',
        '--places',
        'nowhere',
        '--categories',
        'sanitation',
        ...window,
      ],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: Unknown place nowhere; see flows/places.json (campaign.unknown_place)\n',
    );
  });
});
