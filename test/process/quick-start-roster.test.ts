import {
  killServerProcesses,
  readDatabase,
  removeTempDirs,
  runCli,
  startServerProcess,
} from '../helpers/server-process';

afterEach(async () => {
  await killServerProcesses();
});

afterAll(() => {
  removeTempDirs();
});

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

// SQLite in both passes: the README's quick start uses the embedded file, which the test reads directly.
describe("the README's quick start, followed literally on a new database", () => {
  it('imports the example roster, says who is on duty, and a text becomes their case', async () => {
    const server = await startServerProcess();
    const env = { DATABASE_PATH: server.databasePath, PORT: String(server.port) };

    const imported = await runCli(['roster', 'import', 'examples/roster.csv'], env);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('imported 4 staff and 3 rotations from examples/roster.csv');

    const who = await runCli(['roster', 'who'], env);
    expect(who).toMatchObject({ code: 0, stderr: '' });
    const primaryLine = lines(who.stdout).find((line) => line.startsWith('primary'));
    const primary = /^primary\s+(.+) (\+\d+)$/.exec(primaryLine ?? '');
    // The example starts on a past Monday, so somebody holds the desk today, whatever the date.
    expect(primary).not.toBeNull();
    const [, primaryName, primaryPhone] = primary!;

    const texted = await runCli(
      ['simulate', 'sms', '--from', '+8613912345678', '--server', server.url, '路灯坏了三天了'],
      env,
    );
    expect(texted).toMatchObject({ code: 0, stderr: '' });
    expect(texted.stdout).toMatch(/^reply \[held\]: .*\d{8}/m);
    expect(texted.stdout).toContain(
      `to ${primaryPhone.slice(0, 6)}****${primaryPhone.slice(-4)} (officer_alert)`,
    );

    const assignee = readDatabase(server.databasePath, (sqlite) =>
      sqlite
        .prepare(
          'SELECT staff.name AS name FROM cases JOIN staff ON staff.id = cases.assignee_id WHERE cases.phone = ?',
        )
        .get('+8613912345678'),
    );
    expect(assignee).toEqual({ name: primaryName });

    // Pressing 0 rings the officer on duty, who is asked, as them, whether to accept.
    const called = await runCli(
      ['simulate', 'call', '--from', '+8613900000009', '--server', server.url],
      env,
      '0\na\n',
    );
    expect(called).toMatchObject({ code: 0, stderr: '' });
    expect(called.stdout).toContain(`📞 the hotline rings ${primaryName} (staff)`);
    expect(called.stdout).toMatch(/connected/);
    const callCase = readDatabase(server.databasePath, (sqlite) =>
      sqlite
        .prepare(
          'SELECT staff.name AS name, cases.status AS status FROM cases JOIN staff ON staff.id = cases.assignee_id WHERE cases.phone = ?',
        )
        .get('+8613900000009'),
    );
    expect(callCase).toEqual({ name: primaryName, status: 'acknowledged' });
  });
});
