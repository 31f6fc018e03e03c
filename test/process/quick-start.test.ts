import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isValidReference } from '../../src/cases/case-reference';
import {
  CLI_ARGS,
  httpRequest,
  killServerProcesses,
  MAIN_ARGS,
  makeTempDir,
  pickFreePort,
  removeTempDirs,
  runCli,
  runCommand,
  startServerProcess,
} from '../helpers/server-process';

afterEach(async () => {
  await killServerProcesses();
});

afterAll(() => {
  removeTempDirs();
});

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

// SQLite in both passes: the quick start is the embedded default, a new file and nothing to set up.
describe('a fresh start with no Twilio account', () => {
  it('serves in offline mode on a new database, and the simulator gets a held receipt with a reference', async () => {
    const server = await startServerProcess();

    const health = await httpRequest(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ ok: true, database: 'ok', offline: true });
    expect(fs.existsSync(server.databasePath)).toBe(true);
    expect(server.publicBaseUrl).toBe(`http://localhost:${server.port}`);

    // The same two variables the server has: the simulator signs against its default PUBLIC_BASE_URL.
    const simulated = await runCli(
      ['simulate', 'sms', '--from', '+8613912345678', '--server', server.url, '路灯坏了'],
      { DATABASE_PATH: server.databasePath, PORT: String(server.port) },
    );
    expect(simulated).toMatchObject({ code: 0, stderr: '' });
    const reply = lines(simulated.stdout).find((line) => line.startsWith('reply [held]: '));
    expect(reply).toBeDefined();
    const ref = /\d{8}/.exec(reply ?? '')?.[0];
    expect(ref).toBeDefined();
    expect(isValidReference(ref ?? '')).toBe(true);
  });

  it('SIGTERM shuts the server down gracefully with exit code 0', async () => {
    const server = await startServerProcess();

    server.kill('SIGTERM');

    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toContain('shutting down');
    expect(server.stderr()).toBe('');
    // The database was closed, not abandoned: SQLite folds the WAL back in and removes it.
    expect(fs.existsSync(`${server.databasePath}-wal`)).toBe(false);
  });

  it('dutyline serve shuts down gracefully on SIGTERM as well', async () => {
    const server = await startServerProcess({ nodeArgs: [...CLI_ARGS, 'serve'] });

    server.kill('SIGTERM');

    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
  });
});

describe('the CLI', () => {
  it('dutyline staff add with a bad phone prints exactly one line to stderr and exits 1', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');

    const result = await runCli(['staff', 'add', '--name', 'Wang Fang', '--phone', '12345'], {
      DATABASE_PATH: databasePath,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: .*12345.*\(staff\.invalid_phone\)\n$/);
  });

  it('dutyline flows check says the shipped flows are ok', async () => {
    const result = await runCli(['flows', 'check'], {
      DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'),
    });

    expect(result).toMatchObject({
      code: 0,
      stdout:
        'flows/categories.json: ok\nflows/sms-keywords.json: ok\nflows/sms-templates.json: ok\nflows/voice-flow.json: ok\nflows/places.json: ok\n',
      stderr: '',
    });
  });
});

describe('a bad configuration value', () => {
  const entries = [
    { entry: 'main.ts', command: process.execPath, args: MAIN_ARGS },
    { entry: 'npm start', command: 'npm', args: ['start', '--silent'] },
  ];
  const values = [
    { variable: 'PORT', value: 'abc' },
    { variable: 'HOTLINE_TIMEZONE', value: 'Mars/Base' },
  ];
  const cases = entries.flatMap((entry) => values.map((value) => ({ ...entry, ...value })));

  it.each(cases)(
    '$variable=$value stops $entry with one line naming it',
    async ({ command, args, variable, value }) => {
      const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');

      const result = await runCommand(command, args, {
        env: { DATABASE_PATH: databasePath, [variable]: value },
      });

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(lines(result.stderr)).toEqual([expect.stringContaining(variable)]);
      expect(result.stdout).toBe('');
      // It stopped before touching anything.
      expect(fs.existsSync(databasePath)).toBe(false);
    },
  );
});

it('a port already in use stops the server instead of it claiming to serve', async () => {
  const port = await pickFreePort();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    const result = await runCommand(process.execPath, MAIN_ARGS, {
      env: { DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'), PORT: String(port) },
      timeoutMs: 10_000,
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EADDRINUSE');
    expect(result.stdout).not.toContain('Dutyline is serving');
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});
