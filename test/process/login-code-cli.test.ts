import { createProcessStore } from '../helpers/process-store';
import { killServerProcesses, removeTempDirs, runCli, startServerProcess } from '../helpers/server-process';

// The server and the CLI share the store under test: the SQLite file, or a PostgreSQL schema.
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

/** The login page's form token and the cookie that pairs with it. */
async function openLogin(url: string) {
  const page = await fetch(`${url}/console/login?lang=en`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf };
}

const form = (url: string, path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });

describe('dutyline login-code, offline', () => {
  it('prints the code held for a staff member’s phone, which then signs them in to the console', async () => {
    const server = await startServerProcess({ env: store.env });
    const env = { DATABASE_PATH: server.databasePath, ...store.env, PORT: String(server.port) };
    expect(
      (await runCli(['staff', 'add', '--name', 'Wang Fang', '--phone', '+8613800000001'], env)).code,
    ).toBe(0);

    const none = await runCli(['login-code', '--phone', '+8613800000001'], env);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toMatch(
      /^error: no sign-in code was asked for \+8613800000001 \(login\.code_none\)\n$/,
    );

    const { cookie, csrf } = await openLogin(server.url);
    const asked = await form(server.url, '/console/login/code', cookie, {
      _csrf: csrf,
      phone: '+8613800000001',
      language: 'en',
    });
    expect(asked.status).toBe(200);

    const printed = await runCli(['login-code', '--phone', '+8613800000001'], env);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toMatch(/^\d{6}\n$/);

    const signedIn = await form(server.url, '/console/login/verify', cookie, {
      _csrf: csrf,
      phone: '+8613800000001',
      code: printed.stdout.trim(),
      language: 'en',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toMatch(/^dutyline_session=/);
  });
});
