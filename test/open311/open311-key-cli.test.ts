import path from 'node:path';
import { makeTempDir, readDatabase, removeTempDirs, runCli } from '../helpers/server-process';

afterAll(() => {
  removeTempDirs();
});

describe('dutyline open311 key create | list | revoke', () => {
  it('an operator issues a partner key shown once, stored only as its hash, lists it without it, and revokes it', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const env = { DATABASE_PATH: databasePath, HOTLINE_TIMEZONE: 'Asia/Shanghai' };

    const created = await runCli(['open311', 'key', 'create', '--name', 'City app'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^dl_[\w-]{32}$/);
    const stored = readDatabase(databasePath, (sqlite) =>
      sqlite.prepare('SELECT name, key_hash FROM open311_keys').all(),
    ) as { name: string; key_hash: string }[];
    expect(stored).toEqual([{ name: 'City app', key_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const listed = await runCli(['open311', 'key', 'list'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toBe('id\tname\tcreated\trevoked');
    expect(lines[1]).toMatch(/^1\tCity app\t\S+\+08:00\t-$/);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await runCli(['open311', 'key', 'revoke', '--id', '1'], env);
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked Open311 key 1\n' });
    const after = await runCli(['open311', 'key', 'list'], env);
    expect(after.stdout.trim().split('\n')[1]).toMatch(/^1\tCity app\t\S+\+08:00\t\S+\+08:00$/);

    const unknown = await runCli(['open311', 'key', 'revoke', '--id', '9'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: There is no Open311 key 9 (open311.key_not_found)\n');

    const blank = await runCli(['open311', 'key', 'create', '--name', '  '], env);
    expect(blank.code).not.toBe(0);
    expect(blank.stderr).toContain('--name');
    // Seven CLI runs, each starting node and migrating a database.
  }, 120_000);
});
