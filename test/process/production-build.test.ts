import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createProcessStore } from '../helpers/process-store';
import {
  httpRequest,
  killServerProcesses,
  makeTempDir,
  pickFreePort,
  pollUntil,
  ROOT,
  removeTempDirs,
  runCommand,
} from '../helpers/server-process';

// `npm ci` builds dist/ (the prepare script; `npm test` rebuilds it first), and what an operator
// runs comes from there: `npm start` and `bin/dutyline.js`, never TypeScript through tsx.

const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// In the PostgreSQL pass the built server and CLI run on PostgreSQL: the bundle must load pg itself.
let store: Awaited<ReturnType<typeof createProcessStore>>;

beforeEach(async () => {
  store = await createProcessStore();
});

afterEach(async () => {
  await killServerProcesses();
  await store.close();
});

afterAll(() => {
  removeTempDirs();
});

/** The command lines of a process and everything below it, from /proc. */
function commandLines(pid: number): string[] {
  const parentOf = (child: string) => {
    try {
      // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
      return Number(fs.readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    } catch {
      return undefined; // gone meanwhile
    }
  };
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && parentOf(entry) === pid)
    .map(Number);
  const own = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  return [own, ...children.flatMap(commandLines)];
}

describe('the production build', () => {
  it('runs no TypeScript tool at run time: tsx and esbuild are development dependencies', () => {
    expect(packageJson.scripts.start).toMatch(/^node .*dist\/main\.mjs$/);
    expect(packageJson.scripts.prepare).toBe('npm run build');
    for (const tool of ['tsx', 'esbuild', 'typescript']) {
      expect(packageJson.dependencies[tool]).toBeUndefined();
      expect(packageJson.devDependencies[tool]).toBeDefined();
    }
  });

  it('the Dockerfile and the systemd unit start the server exactly as npm start does', () => {
    const start = packageJson.scripts.start.split(' ');
    const dockerCmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(dockerCmd ?? '[]')).toEqual(start);
    const unit = fs.readFileSync(path.join(ROOT, 'deploy/dutyline.service'), 'utf8');
    expect(/^ExecStart=\/usr\/bin\/(.*)$/m.exec(unit)?.[1].split(' ')).toEqual(start);
  });

  it('npm start serves the hotline from dist/', async () => {
    const port = await pickFreePort();
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_PATH: databasePath,
        ...store.env,
        PORT: String(port),
      },
      stdio: 'ignore',
      // Its own process group, so that the server under npm is stopped with it: npm does not always
      // pass SIGTERM on, and a server left behind would outlive the test run.
      detached: true,
    });
    try {
      const health = await pollUntil(
        async () => {
          const answer = await httpRequest(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          return answer?.status === 200 ? answer : undefined;
        },
        20_000,
        () => 'npm start to serve /healthz',
      );
      expect(health.json()).toMatchObject({ ok: true, database: 'ok', offline: true });
      const processes = commandLines(npm.pid!).join('\n');
      expect(processes).toMatch(/node .*dist\/main\.mjs/);
      expect(processes).not.toMatch(/tsx|ts-node|\.ts\b/);
    } finally {
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      process.kill(-npm.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('bin/dutyline.js answers --help and works on a new database, migrations and all', async () => {
    const env = { DATABASE_PATH: path.join(makeTempDir(), 'dutyline.sqlite'), ...store.env };

    const help = await runCommand(process.execPath, ['bin/dutyline.js', '--help'], { env });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: dutyline');
    for (const command of ['serve', 'staff', 'roster', 'simulate', 'report', 'db'])
      expect(help.stdout).toContain(command);

    const added = await runCommand(
      process.execPath,
      ['bin/dutyline.js', 'staff', 'add', '--name', 'Wang Fang', '--phone', '+8613800000001'],
      { env },
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^added staff 1: Wang Fang \+8613800000001 \(staff, zh-CN\)/);
  });
});
