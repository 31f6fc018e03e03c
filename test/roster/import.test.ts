import fs from 'node:fs';
import path from 'node:path';
import { createRosterImport, RosterImportError } from '../../src/roster/roster.import';
import { parseRosterCsv } from '../../src/roster/roster.import.parse';
import type { StaffRepository } from '../../src/staff/staff.repository';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { addStaff } from '../helpers/seed';
import { killServerProcesses, makeTempDir, removeTempDirs, runCli } from '../helpers/server-process';

const HEADER =
  'kind,name,phone,role,language,position,timezone,start,handoff_time,shift_hours,members,weekdays,window_start,window_end';

const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

// Line 1 is the header; the blank line 4 is skipped but still counts, so the rotations are lines 5 to 7.
const GOOD_FILE = csv(
  'staff,Wang Fang,+8613800000001,staff,en',
  'staff,Li Qiang,+86 138 0000 0002,staff,zh-CN',
  '',
  'rotation,primary desk,,,,primary,Asia/Shanghai,2027-02-01,08:00,24,+8613800000001;+8613800000002',
  'rotation,backup desk,,,,backup,Asia/Shanghai,2027-02-01,08:00,24,+8613800000002;+8613800000001',
  'rotation,weekday supervisors,,,,supervisor,Asia/Shanghai,2027-02-01,09:00,24,+8613800000003,mon;tue;wed;thu;fri,09:00,18:00',
);

async function counts(t: TestContext) {
  const staff = await t.api('get', '/api/staff');
  const rotations = await t.api('get', '/api/roster/rotations');
  return { staff: staff.body.items.length as number, rotations: rotations.body.items.length as number };
}

async function importError(t: TestContext, text: string): Promise<RosterImportError> {
  const error = await t.container.rosterImport.importCsv(text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RosterImportError);
  return error as RosterImportError;
}

describe('importing staff and rotations from a CSV', () => {
  const hotline = useHotline({ online: false, team: false, start: '2027-03-01T02:00:00Z' });
  let t: TestContext;

  beforeEach(async () => {
    t = hotline.ctx;
    // Already on the books: the file rotates her without a staff row of its own.
    await addStaff(t, { name: 'Zhao Min', phone: '+8613800000003', role: 'supervisor', language: 'en' });
  });

  it('adds the staff and the rotations, and who is on duty follows at once', async () => {
    const result = await t.container.rosterImport.importCsv(GOOD_FILE);

    expect(result.staff.map((member) => [member.name, member.phone, member.language])).toEqual([
      ['Wang Fang', '+8613800000001', 'en'],
      ['Li Qiang', '+8613800000002', 'zh-CN'],
    ]);
    expect(await counts(t)).toEqual({ staff: 3, rotations: 3 });
    const rotations = (await t.api('get', '/api/roster/rotations')).body.items;
    expect(rotations[2]).toMatchObject({
      name: 'weekday supervisors',
      handoffTime: '09:00',
      weekdays: [1, 2, 3, 4, 5],
      window: { start: '09:00', end: '18:00' },
    });

    // Tuesday 2 March, 10:00 in Shanghai: day 29 of the rotations, so Li is primary and Wang backup.
    const onDuty = await t.api('get', '/api/roster/on-duty?at=2027-03-02T10:00:00%2B08:00');
    expect(onDuty.status).toBe(200);
    expect(onDuty.body.primary.name).toBe('Li Qiang');
    expect(onDuty.body.backup.name).toBe('Wang Fang');
    expect(onDuty.body.supervisor.name).toBe('Zhao Min');
  });

  it.each([
    [
      'a bad phone',
      'staff,Chen Jie,12345,staff,en',
      'row 4 (staff "Chen Jie"): phone: 12345 is not a valid phone number in international form',
    ],
    [
      'an unknown member',
      'rotation,night desk,,,,backup,Asia/Shanghai,2027-02-01,20:00,12,+8613800000001;+8613900000009',
      'row 4 (rotation "night desk"): members: +8613900000009 is not a staff member',
    ],
    [
      'a bad time zone',
      'rotation,night desk,,,,backup,Asia/Peking,2027-02-01,20:00,12,+8613800000001',
      'row 4 (rotation "night desk"): timezone: must be an IANA time zone',
    ],
  ])(
    'a file with %s in one row changes nothing, and the error names the row',
    async (_what, badRow, message) => {
      const before = await counts(t);
      const text = csv(
        'staff,Wang Fang,+8613800000001,staff,en',
        'rotation,primary desk,,,,primary,Asia/Shanghai,2027-02-01,08:00,24,+8613800000001;+8613800000003',
        badRow,
        'rotation,supervisors,,,,supervisor,Asia/Shanghai,2027-02-01,08:00,24,+8613800000003',
      );

      const error = await importError(t, text);

      expect(error.message).toContain(message);
      expect(error.message).toMatch(/nothing was imported$/);
      expect(error.problems).toHaveLength(1);
      expect(error.code).toBe('import.invalid');
      expect(await counts(t)).toEqual(before);
      expect((await t.api('get', '/api/staff')).body.items.map((m: { name: string }) => m.name)).toEqual([
        'Zhao Min',
      ]);
    },
  );

  it('rotations take effect from the import, not from their start: the past stays as it was', async () => {
    const lastWeek = '2027-02-25T10:00:00%2B08:00';
    expect((await t.api('get', `/api/roster/on-duty?at=${lastWeek}`)).body.primary).toBeNull();

    await t.container.rosterImport.importCsv(GOOD_FILE);

    expect((await t.api('get', `/api/roster/on-duty?at=${lastWeek}`)).body.primary).toBeNull();
    const rotations = (await t.api('get', '/api/roster/rotations')).body.items;
    expect(rotations.map((rotation: { effectiveFrom: string }) => rotation.effectiveFrom)).toEqual([
      '2027-03-01T10:00:00.000+08:00',
      '2027-03-01T10:00:00.000+08:00',
      '2027-03-01T10:00:00.000+08:00',
    ]);
    // The start still sets the cycle: 1 March is day 28, Wang Fang's turn.
    const now = await t.api('get', '/api/roster/on-duty');
    expect(now.body.primary.name).toBe('Wang Fang');
  });

  it('reads a start given as an instant with an offset in the rotation zone, and names a clashing handoff_time', async () => {
    await t.container.rosterImport.importCsv(
      csv(
        'staff,Wang Fang,+8613800000001,staff,en',
        'rotation,primary desk,,,,primary,Asia/Shanghai,2027-03-01T00:00:00Z,,24,+8613800000001',
        'rotation,backup desk,,,,backup,Asia/Shanghai,2027-02-28T19:00:00-05:00,08:00,24,+8613800000001',
      ),
    );
    const rotations = (await t.api('get', '/api/roster/rotations')).body.items;
    expect(rotations.map((rotation: { start: string }) => rotation.start)).toEqual([
      '2027-03-01T08:00',
      '2027-03-01T08:00',
    ]);

    const error = await importError(
      t,
      csv('rotation,night desk,,,,supervisor,Asia/Shanghai,2027-03-01T12:00:00Z,08:00,24,+8613800000003'),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'handoff_time', message: expect.stringContaining('20:00') }),
    ]);
  });

  it('reports every bad row at once, in file order', async () => {
    const text = csv(
      'staff,Wang Fang,+8613800000001,boss,en',
      'rotation,primary desk,,,,front,Asia/Shanghai,2027-02-30,08:00,0.5,+8613800000001',
      'volunteer,Chen Jie,+8613800000004',
    );

    const error = await importError(t, text);

    expect(error.problems.map((problem) => [problem.row, problem.field])).toEqual([
      [2, 'role'],
      [3, 'position'],
      [3, 'start'],
      [3, 'shift_hours'],
      [4, 'kind'],
    ]);
    expect(error.message).toMatch(/^3 rows have problems: row 2 \(staff "Wang Fang"\): role: /);
  });

  it('refuses the same file twice rather than doubling the roster', async () => {
    await t.container.rosterImport.importCsv(GOOD_FILE);

    const error = await importError(t, GOOD_FILE);

    expect(error.message).toContain(
      'row 2 (staff "Wang Fang"): phone: +8613800000001 already belongs to staff member 2 (Wang Fang)',
    );
    expect(error.message).toContain(
      'row 5 (rotation "primary desk"): name: a rotation named "primary desk" already exists',
    );
    expect(await counts(t)).toEqual({ staff: 3, rotations: 3 });
  });

  it('does not rotate a deactivated member', async () => {
    const zhao = (await t.api('get', '/api/staff')).body.items[0];
    await t.api('patch', `/api/staff/${zhao.id}`).send({ active: false });

    const error = await importError(
      t,
      csv('rotation,supervisors,,,,supervisor,Asia/Shanghai,2027-02-01,08:00,24,+8613800000003'),
    );

    expect(error.message).toContain('members: +8613800000003 (Zhao Min) is not an active staff member');
  });

  it('keeps nothing when a write fails halfway, because all writes share one transaction', async () => {
    const c = t.container;
    let created = 0;
    const failingStaff: StaffRepository = {
      ...c.staffRepository,
      async create(input, trx) {
        created += 1;
        if (created === 2) throw new Error('disk full');
        return c.staffRepository.create(input, trx);
      },
    };
    const rosterImport = createRosterImport({
      db: c.db,
      staffRepository: failingStaff,
      rosterRepository: c.rosterRepository,
      defaultLanguage: 'en',
    });

    await expect(rosterImport.importCsv(GOOD_FILE)).rejects.toThrow('disk full');

    expect(created).toBe(2);
    expect(await counts(t)).toEqual({ staff: 1, rotations: 0 });
  });

  it('reports progress for every row it writes', async () => {
    const seen: number[] = [];
    let total = 0;

    await t.container.rosterImport.importCsv(GOOD_FILE, {
      onStart: (rows) => {
        total = rows;
      },
      onRow: (done) => seen.push(done),
    });

    expect(total).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('reading a roster CSV', () => {
  it('names an unknown column on row 1', () => {
    const parsed = parseRosterCsv('kind,name,phone,shift_hour\nstaff,Wang Fang,+8613800000001,\n');

    expect(parsed.problems).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('unknown column "shift_hour"') }),
    ]);
  });

  it('reads a spreadsheet export: BOM, CRLF, quoted commas, header case, short rows and trailing empty rows', () => {
    const parsed = parseRosterCsv(
      '\uFEFFKind,Name,Phone,Role\r\nstaff,"Wang, Fang",+8613800000001\r\n,,,\r\nSTAFF,Li Qiang,+8613800000002,admin\r\n',
    );

    expect(parsed.problems).toEqual([]);
    expect(parsed.staff).toEqual([
      { row: 2, name: 'Wang, Fang', phone: '+8613800000001', role: 'staff' },
      { row: 4, name: 'Li Qiang', phone: '+8613800000002', role: 'admin' },
    ]);
  });

  it('says which columns a row must leave empty or fill in', () => {
    const parsed = parseRosterCsv(
      'kind,name,phone,position,timezone,start,shift_hours,members,window_start\n' +
        'staff,Wang Fang,+8613800000001,primary\n' +
        'rotation,night desk,+8613800000001,backup,Asia/Shanghai,2027-02-01,,,20:00\n',
    );

    expect(parsed.problems.map((problem) => [problem.row, problem.field, problem.message])).toEqual([
      [2, 'position', 'is not used by staff rows; leave it empty'],
      [3, 'phone', 'is not used by rotation rows; leave it empty'],
      [3, 'shift_hours', 'is required'],
      [3, 'members', 'is required'],
      [3, 'window_end', 'is required when the other window column is given'],
    ]);
  });

  it('names a row with too many values, and an empty file', () => {
    expect(parseRosterCsv('kind,name\nstaff,Wang Fang,+8613800000001\n').problems).toEqual([
      {
        row: 2,
        label: 'staff "Wang Fang"',
        field: null,
        message: 'has 3 values but the header has 2 columns',
      },
    ]);
    expect(parseRosterCsv('').problems).toEqual([
      { row: 1, label: null, field: null, message: 'the file is empty' },
    ]);
  });
});

describe('dutyline roster import, roster who and calendar create', () => {
  afterEach(async () => {
    await killServerProcesses();
  });

  afterAll(() => {
    removeTempDirs();
  });

  it('prints one error line and exits 1 for a bad file, then imports a good one and shows who is on duty', async () => {
    const dir = makeTempDir();
    const env = { DATABASE_PATH: path.join(dir, 'dutyline.sqlite') };
    const bad = path.join(dir, 'bad.csv');
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(
      bad,
      csv(
        'staff,Wang Fang,+8613800000001,staff,en',
        'rotation,night desk,,,,primary,Asia/Shanghai,2027-02-01,20:00,12,+8613800000001;+8613900000009',
      ),
    );
    fs.writeFileSync(
      good,
      csv(
        'staff,Wang Fang,+8613800000001,staff,en',
        'staff,Li Qiang,+8613800000002,staff,en',
        'rotation,primary desk,,,,primary,Asia/Shanghai,2027-02-01,08:00,24,+8613800000001;+8613800000002',
      ),
    );

    const failed = await runCli(['roster', 'import', bad], env);

    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(
      'error: row 3 (rotation "night desk"): members: +8613900000009 is not a staff member ' +
        '(add a staff row for it, or add them first); nothing was imported (import.invalid)\n',
    );

    const imported = await runCli(['roster', 'import', good], env);

    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout.split('\n')[0]).toBe(`imported 2 staff and 1 rotations from ${good}`);

    const who = await runCli(['roster', 'who', '--at', '2027-03-02T10:00+08:00'], env);

    expect(who).toMatchObject({ code: 0, stderr: '' });
    expect(who.stdout).toBe(
      [
        'on duty at 2027-03-02T10:00:00.000+08:00',
        'primary    Li Qiang +8613800000002',
        'backup     nobody',
        'supervisor nobody',
        '',
      ].join('\n'),
    );

    const feed = await runCli(['calendar', 'create', '--staff', '1'], {
      ...env,
      PUBLIC_BASE_URL: 'https://hotline.example.org',
    });

    expect(feed).toMatchObject({ code: 0, stderr: '' });
    expect(feed.stdout).toMatch(/^https:\/\/hotline\.example\.org\/calendar\/dl_[\w-]+\.ics\n$/);
  });
});
