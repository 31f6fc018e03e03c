import fs from 'node:fs';
import path from 'node:path';
import {
  callApi,
  killServerProcesses,
  makeTempDir,
  readDatabase,
  removeTempDirs,
  runCli,
  startServerProcess,
} from '../helpers/server-process';

const ADMIN_TOKEN = 'process-test-admin-token-123';

afterEach(async () => {
  await killServerProcesses();
});

afterAll(() => {
  removeTempDirs();
});

describe('admin commands', () => {
  it('backup writes a consistent copy while the hotline keeps serving, and refuses to overwrite a file', async () => {
    const server = await startServerProcess({ env: { ADMIN_TOKEN } });
    const env = { DATABASE_PATH: server.databasePath, PORT: String(server.port) };
    expect(
      (await runCli(['staff', 'add', '--name', 'Wang Fang', '--phone', '+8613800000001'], env)).code,
    ).toBe(0);

    const target = path.join(makeTempDir(), 'copy.sqlite');
    const backedUp = await runCli(['backup', target], env);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(/^backed up .* pages, \d+ bytes\n$/);
    expect(readDatabase(target, (sqlite) => sqlite.prepare('SELECT name FROM staff').all())).toEqual([
      { name: 'Wang Fang' },
    ]);
    // The server never stopped answering.
    expect((await callApi(server, ADMIN_TOKEN, 'GET', '/api/staff')).status).toBe(200);

    const again = await runCli(['backup', target], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([`error: ${target} already exists; choose a new file`]);
  });

  it('override add records a sick note that empties the position, and a bad time is one clear line', async () => {
    const dir = makeTempDir();
    const env = { DATABASE_PATH: path.join(dir, 'dutyline.sqlite') };
    expect(
      (await runCli(['staff', 'add', '--name', 'Wang Fang', '--phone', '+8613800000001'], env)).code,
    ).toBe(0);
    const csv = path.join(dir, 'roster.csv');
    fs.writeFileSync(
      csv,
      'kind,name,position,timezone,start,handoff_time,shift_hours,members\nrotation,primary desk,primary,Asia/Shanghai,2027-02-01,08:00,24,+8613800000001\n',
    );
    expect((await runCli(['roster', 'import', csv], env)).code).toBe(0);

    const added = await runCli(
      [
        'override',
        'add',
        '--absent',
        '1',
        '--from',
        '2027-03-01T08:00+08:00',
        '--to',
        '2027-03-02T08:00+08:00',
        '--reason',
        'sick',
      ],
      env,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(
      'override 1: primary, 2027-03-01T08:00:00.000+08:00 to 2027-03-02T08:00:00.000+08:00, sick\n',
    );

    const who = await runCli(['roster', 'who', '--at', '2027-03-01T12:00+08:00'], env);
    expect(who.stdout).toContain('primary    nobody');

    const bad = await runCli(
      ['override', 'add', '--absent', '1', '--from', 'tomorrow', '--to', '2027-03-02T08:00+08:00'],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('from');
  });
});
