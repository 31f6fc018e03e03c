import SqliteDatabase from 'better-sqlite3';
import type { Table } from './table';

// Issue 10: each console page answers in under 100 ms on the bench database (100k cases and what
// the loads added). Timed from a client on loopback, so the figure is the server's time plus a
// loopback round trip; pages are asked one after another, as one person clicks through them.

const TIMES = 20;
const WARM_UP = 3;
const LIMIT_MS = 100;

const formToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Signs in on the console's token form, as a person would; returns the session cookie. */
async function signIn(serverUrl: string, token: string): Promise<string> {
  const login = await fetch(`${serverUrl}/console/login?lang=en`);
  const csrf = formToken(await login.text());
  if (!csrf) throw new Error('the console login page has no form token');
  const signedIn = await fetch(`${serverUrl}/console/login/token`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(login) },
    body: new URLSearchParams({ _csrf: csrf, token, language: 'en' }),
  });
  const cookie = cookiesOf(signedIn);
  if (signedIn.status !== 303 || !cookie)
    throw new Error(`console token sign-in answered ${signedIn.status}`);
  return cookie;
}

/** A token for the officer holding the most open cases: their /console/my is the longest. */
async function busiestOfficerToken(
  database: SqliteDatabase.Database,
  serverUrl: string,
  adminToken: string,
): Promise<string> {
  const busiest = database
    .prepare(
      `SELECT assignee_id AS id FROM cases WHERE status IN ('assigned', 'acknowledged') AND assignee_id IS NOT NULL
       GROUP BY assignee_id ORDER BY COUNT(*) DESC LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  if (!busiest) throw new Error('the bench database has no open case with an officer');
  const response = await fetch(`${serverUrl}/api/staff/${busiest.id}/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ expiresInDays: 1 }),
  });
  if (response.status !== 201) throw new Error(`issuing an officer token answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function timePage(serverUrl: string, path: string, cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + TIMES; i++) {
    const started = performance.now();
    const response = await fetch(`${serverUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (i >= WARM_UP) times.push(elapsed);
  }
  return times.sort((a, b) => a - b);
}

export async function measureConsolePages(options: {
  databasePath: string;
  serverUrl: string;
  adminToken: string;
  table: Table;
}): Promise<void> {
  const { serverUrl, adminToken, table } = options;
  const database = new SqliteDatabase(options.databasePath, { readonly: true, fileMustExist: true });
  const ref = database.prepare('SELECT ref FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
  let officerToken: string;
  try {
    officerToken = await busiestOfficerToken(database, serverUrl, adminToken);
  } finally {
    database.close();
  }
  const supervisor = await signIn(serverUrl, adminToken);
  const officer = await signIn(serverUrl, officerToken);
  const pages: Array<[string, string]> = [
    ['/console', supervisor],
    ['/console/duty-gaps', supervisor],
    ['/console/cases', supervisor],
    [`/console/cases/${ref}`, supervisor],
    ['/console/my', officer],
    ['/console/roster', supervisor],
    ['/console/kpis', supervisor],
    ['/console/calls', supervisor],
  ];
  for (const [path, cookie] of pages) {
    const times = await timePage(serverUrl, path, cookie);
    const median = times[Math.floor(times.length / 2)];
    const worst = times[times.length - 1];
    const shown = path.replace(ref, ':ref');
    table.below(
      `console ${shown} (median of ${TIMES}; worst ${worst.toFixed(0)} ms)`,
      median,
      LIMIT_MS,
      'ms',
    );
  }
}
