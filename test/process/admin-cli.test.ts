import fs from 'node:fs';
import path from 'node:path';
import { startFakeTwilio } from '../helpers/fake-twilio';
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

// SQLite in both passes: `backup` is SQLite's online backup API (PostgreSQL has pg_dump), and the
// override test reads the server's file directly. The PostgreSQL pass runs the CLI on PostgreSQL in
// login-code-cli.test.ts and production-build.test.ts.
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

describe('twilio configure', () => {
  it("points the hotline number's four webhooks at PUBLIC_BASE_URL through the real client", async () => {
    const fake = await startFakeTwilio();
    try {
      const env = {
        DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'),
        PUBLIC_BASE_URL: 'https://hotline.example.org',
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: fake.authToken,
        TWILIO_PHONE_NUMBER: '+8610012345',
        TWILIO_API_BASE_URL: fake.baseUrl,
      };
      const configured = await runCli(['twilio', 'configure'], env);
      expect(configured).toMatchObject({ code: 0, stderr: '' });
      expect(fake.numbers[0]).toMatchObject({
        phoneNumber: '+8610012345',
        voiceUrl: 'https://hotline.example.org/twilio/voice',
        statusCallback: 'https://hotline.example.org/twilio/voice/status',
        voiceFallbackUrl: 'https://hotline.example.org/twilio/voice/fallback',
        smsUrl: 'https://hotline.example.org/twilio/sms',
      });

      const unknown = await runCli(['twilio', 'configure'], { ...env, TWILIO_PHONE_NUMBER: '+8610099999' });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe('error: +8610099999 is not a phone number of this Twilio account\n');

      const offline = await runCli(['twilio', 'configure'], { DATABASE_PATH: env.DATABASE_PATH });
      expect(offline.code).toBe(1);
      expect(offline.stderr).toContain('needs TWILIO_ACCOUNT_SID');
    } finally {
      await fake.close();
    }
  });
});
