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

function onDutyLine(whoOutput: string, position: string): { name: string; phone: string } {
  const match = new RegExp(`^${position}\\s+(.+) (\\+\\d+)$`).exec(
    lines(whoOutput).find((line) => line.startsWith(position)) ?? '',
  );
  if (!match) throw new Error(`nobody is ${position} in:\n${whoOutput}`);
  return { name: match[1], phone: match[2] };
}

// SQLite in both passes: the test reads the server's file directly (readDatabase) to see the hand-over.
describe('dutyline override add', () => {
  it("records an absence that has begun and hands the absent officer's open cases to the backup on duty", async () => {
    const server = await startServerProcess();
    const env = { DATABASE_PATH: server.databasePath, PORT: String(server.port) };
    expect((await runCli(['roster', 'import', 'examples/roster.csv'], env)).code).toBe(0);
    const who = await runCli(['roster', 'who'], env);
    const primary = onDutyLine(who.stdout, 'primary');
    const backup = onDutyLine(who.stdout, 'backup');

    const citizen = '+8613912345678';
    const texted = await runCli(
      ['simulate', 'sms', '--from', citizen, '--server', server.url, 'The street lamp is out'],
      env,
    );
    expect(texted).toMatchObject({ code: 0, stderr: '' });
    const caseOf = () =>
      readDatabase(server.databasePath, (sqlite) =>
        sqlite
          .prepare(
            'SELECT cases.id AS id, staff.name AS assignee FROM cases JOIN staff ON staff.id = cases.assignee_id WHERE cases.phone = ?',
          )
          .get(citizen),
      ) as { id: number; assignee: string };
    expect(caseOf().assignee).toBe(primary.name);

    const primaryId = readDatabase(server.databasePath, (sqlite) =>
      sqlite.prepare('SELECT id FROM staff WHERE phone = ?').get(primary.phone),
    ) as { id: number };
    const now = Date.now();
    const added = await runCli(
      [
        'override',
        'add',
        '--absent',
        String(primaryId.id),
        '--from',
        new Date(now - 60_000).toISOString(),
        '--to',
        new Date(now + 2 * 3_600_000).toISOString(),
        '--reason',
        'sick',
      ],
      env,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });

    expect(caseOf().assignee).toBe(backup.name);
    const handover = readDatabase(server.databasePath, (sqlite) =>
      sqlite
        .prepare(
          "SELECT channel, data FROM case_events WHERE case_id = ? AND type = 'assigned' ORDER BY id DESC",
        )
        .get(caseOf().id),
    ) as { channel: string; data: string };
    expect(handover.channel).toBe('cli');
    expect(JSON.parse(handover.data)).toMatchObject({
      previousStaffId: primaryId.id,
      reason: 'handover_absence',
    });
    const alert = readDatabase(server.databasePath, (sqlite) =>
      sqlite
        .prepare("SELECT purpose FROM outbox WHERE to_phone = ? AND purpose = 'officer_alert'")
        .all(backup.phone),
    );
    expect(alert).toHaveLength(1);
  });
});
