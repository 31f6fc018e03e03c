import path from 'node:path';
import { makeTempDir, readDatabase, removeTempDirs, runCli } from '../helpers/server-process';

afterAll(() => {
  removeTempDirs();
});

describe('dutyline token create | list | revoke', () => {
  it('an operator issues an expiring token, lists it without its secret, and revokes it', async () => {
    const databasePath = path.join(makeTempDir(), 'dutyline.sqlite');
    const env = { DATABASE_PATH: databasePath, HOTLINE_TIMEZONE: 'Asia/Shanghai' };
    expect(
      (await runCli(['staff', 'add', '--name', 'Wang Fang', '--phone', '+8613800000001'], env)).code,
    ).toBe(0);

    const created = await runCli(['token', 'create', '--staff', '1', '--expires-in-days', '7'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^dl_/);
    const stored = readDatabase(databasePath, (sqlite) =>
      sqlite.prepare('SELECT created_at, expires_at FROM staff_tokens').get(),
    ) as { created_at: string; expires_at: string };
    expect(Date.parse(stored.expires_at) - Date.parse(stored.created_at)).toBe(7 * 86_400_000);

    const listed = await runCli(['token', 'list', '--staff', '1'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toBe('id\tcreated\texpires\trevoked\tlast used');
    expect(lines[1]).toMatch(/^1\t\S+\+08:00\t\S+\+08:00\t-\t-$/);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await runCli(['token', 'revoke', '--staff', '1', '--token', '1'], env);
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked token 1 of staff 1\n' });
    const after = await runCli(['token', 'list', '--staff', '1'], env);
    expect(after.stdout.trim().split('\n')[1]).toMatch(/^1\t\S+\t\S+\t\S+\+08:00\t-$/);

    const unknown = await runCli(['token', 'revoke', '--staff', '1', '--token', '9'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: Staff member 1 has no token 9 (token.not_found)\n');

    const badDays = await runCli(['token', 'create', '--staff', '1', '--expires-in-days', '0'], env);
    expect(badDays.code).not.toBe(0);
    expect(badDays.stderr).toContain('--expires-in-days');
  });
});
