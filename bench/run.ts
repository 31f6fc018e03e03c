import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import { parseConfig } from '../src/config';
import { createContainer } from '../src/container';
import { systemClock } from '../src/shared/clock';
import { openDatabase } from '../src/shared/db';
import { silentLogger } from '../src/shared/logger';
import { migrate } from '../src/shared/migrator';
import { LOCAL_SIGNING_TOKEN_KEY } from '../src/shared/settings.repository';
import { runLoad } from './load';
import { seedCalls, seedCases, seedRoster } from './seed';

// `npm run bench`: incoming-SMS webhook against a bare Express route, and who-is-on-duty, on a
// database of 100k cases and a year of roster for 200 staff; then the 90-day duty-gap report and
// the KPIs on 1M cases (and a year of calls). Figures, not pass/fail.
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const REPORT_CASES = Number(process.env.BENCH_REPORT_CASES ?? 1_000_000);
/** A year of calls beside the year of cases: about two calls for every five cases. */
const REPORT_CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 400_000);
const APP_PORT = 3901;
const BARE_PORT = 3902;
const PUBLIC_BASE_URL = `http://127.0.0.1:${APP_PORT}`;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function waitForHealth(url: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

async function measureReports(databasePath: string) {
  const { db, close } = openDatabase(databasePath);
  const config = parseConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' });
  const container = await createContainer({ config, db, clock: systemClock, logger: silentLogger });
  const to = new Date();
  const from = new Date(to.getTime() - 90 * 86_400_000);
  await container.dutyGapReports.buildDutyGapReport(from, to);
  const timings: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const start = process.hrtime.bigint();
    await container.dutyGapReports.buildDutyGapReport(from, to);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await close();
  timings.sort((a, b) => a - b);
  return { medianMs: round(timings[2], 1), worstMs: round(timings[4], 1) };
}

/** The KPIs over the longest window allowed (366 days), which holds every seeded case and call. */
async function measureKpis(databasePath: string) {
  const { db, close } = openDatabase(databasePath);
  const config = parseConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' });
  const container = await createContainer({ config, db, clock: systemClock, logger: silentLogger });
  const to = new Date();
  const from = new Date(to.getTime() - 366 * 86_400_000);
  await container.kpiReports.buildKpis(from, to, { top: 10 });
  const timings: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const start = process.hrtime.bigint();
    await container.kpiReports.buildKpis(from, to, { top: 10 });
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await close();
  timings.sort((a, b) => a - b);
  return { medianMs: round(timings[2], 1), worstMs: round(timings[4], 1) };
}

async function measureOnDuty(databasePath: string) {
  const { db, close } = openDatabase(databasePath);
  const config = parseConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' });
  const container = await createContainer({ config, db, clock: systemClock, logger: silentLogger });
  const now = Date.now();
  const instants = Array.from(
    { length: 20_000 },
    (_, i) => new Date(now - ((i * 7919) % 365) * 86_400_000 - i * 1000),
  );
  for (const at of instants.slice(0, 500)) await container.rosterService.onDutyAt(at);
  const timings: number[] = [];
  for (const at of instants) {
    const start = process.hrtime.bigint();
    await container.rosterService.onDutyAt(at);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  timings.sort((a, b) => a - b);
  await close();
  return {
    meanMs: round(timings.reduce((sum, t) => sum + t, 0) / timings.length, 3),
    p99Ms: round(timings[Math.floor(timings.length * 0.99)], 3),
  };
}

/** Signed form posts, each a new text or call, as Twilio would send them. */
function signedRequests(
  signingToken: string,
  path: string,
  paramsFor: (sequence: number) => Record<string, string>,
) {
  let sequence = 0;
  return () => {
    sequence += 1;
    const params = paramsFor(sequence);
    const signature = twilio.getExpectedTwilioSignature(signingToken, `${PUBLIC_BASE_URL}${path}`, params);
    return {
      body: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    };
  };
}

const caller = (sequence: number) => `+86137${String(sequence % 1_000_000).padStart(8, '0')}`;

const WEBHOOKS = [
  {
    name: 'POST /twilio/voice',
    path: '/twilio/voice',
    params: (sequence: number) => ({
      CallSid: `CA${sequence.toString(16).padStart(32, '0')}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: caller(sequence),
      To: '+8610012345',
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    }),
  },
  {
    name: 'POST /twilio/sms',
    path: '/twilio/sms',
    params: (sequence: number) => ({
      MessageSid: `SM${sequence.toString(16).padStart(32, '0')}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: caller(sequence),
      To: '+8610012345',
      Body: `路灯不亮 ${sequence}`,
      NumMedia: '0',
    }),
  },
];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-bench-'));
  const databasePath = path.join(dir, 'bench.sqlite');
  const children: ChildProcess[] = [];
  try {
    const seeding = Date.now();
    const database = openDatabase(databasePath);
    migrate(database.sqlite);
    const staffIds = seedRoster(database.sqlite, 200, new Date());
    seedCases(database.sqlite, CASES, staffIds, new Date());
    await database.close();
    console.log(`seeded ${CASES} cases and 200 staff in ${Date.now() - seeding} ms`);

    const onDuty = await measureOnDuty(databasePath);
    console.log(`who-is-on-duty: mean ${onDuty.meanMs} ms, p99 ${onDuty.p99Ms} ms (target < 1 ms)`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(APP_PORT),
      PUBLIC_BASE_URL,
      LOG_LEVEL: 'warn',
    };
    for (const key of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_PHONE_NUMBER']) delete env[key];
    const app = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
        '--require',
        'tsx/cjs',
        'src/main.ts',
      ],
      {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(app);
    await waitForHealth(`${PUBLIC_BASE_URL}/healthz`);
    const tokenDb = openDatabase(databasePath);
    const token = tokenDb.sqlite
      .prepare('SELECT value FROM settings WHERE key = ?')
      .get(LOCAL_SIGNING_TOKEN_KEY) as {
      value: string;
    };
    await tokenDb.close();

    const idleRss = residentMegabytes(app.pid!);
    const bare = fork(path.join(__dirname, 'serve-bare.ts'), [], {
      env: { ...process.env, PORT: String(BARE_PORT) },
      execArgv: ['--require', 'tsx/cjs'],
    });
    children.push(bare);
    await new Promise((resolve) => bare.once('message', resolve));

    console.log(`\nwebhooks, ${CONNECTIONS} connections, ${DURATION} s each, ${CASES} cases in the database`);
    const rows: Record<string, Record<string, number | string>> = {};
    for (const webhook of WEBHOOKS) {
      const makeRequest = signedRequests(token.value, webhook.path, webhook.params);
      const load = { connections: CONNECTIONS, durationSeconds: DURATION, makeRequest };
      const bareResult = await runLoad({ ...load, url: `http://127.0.0.1:${BARE_PORT}${webhook.path}` });
      const appResult = await runLoad({ ...load, url: `${PUBLIC_BASE_URL}${webhook.path}` });
      const row = (result: typeof appResult) => ({
        'req/s': round(result.requestsPerSecond),
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        errors: result.errors + result.non2xx,
      });
      rows[`bare route ${webhook.path}`] = row(bareResult);
      rows[webhook.name] = {
        ...row(appResult),
        'ratio to bare': round(appResult.requestsPerSecond / bareResult.requestsPerSecond, 3),
      };
    }
    const rss = residentMegabytes(app.pid!);
    console.table(rows);
    console.log(`server resident memory: ${idleRss} MB idle, ${rss} MB after the load (target < 200 MB)`);
    for (const child of children) child.kill('SIGTERM');

    const topUp = Date.now();
    const database2 = openDatabase(databasePath);
    seedCases(database2.sqlite, REPORT_CASES - CASES, staffIds, new Date());
    await database2.close();
    console.log(`\ntopped the database up to ${REPORT_CASES} cases in ${Date.now() - topUp} ms`);
    const report = await measureReports(databasePath);
    console.log(
      `90-day duty-gap report, 200 staff, ${REPORT_CASES} cases: median ${report.medianMs} ms, worst of 5 ${report.worstMs} ms (target < 200 ms)`,
    );

    const callSeeding = Date.now();
    const database3 = openDatabase(databasePath);
    seedCalls(database3.sqlite, REPORT_CALLS, staffIds, new Date());
    await database3.close();
    console.log(`\nadded ${REPORT_CALLS} calls over the year in ${Date.now() - callSeeding} ms`);
    const kpis = await measureKpis(databasePath);
    console.log(
      `KPIs, 366-day window, ${REPORT_CASES} cases and ${REPORT_CALLS} calls: median ${kpis.medianMs} ms, worst of 5 ${kpis.worstMs} ms (target < 1 s)`,
    );
    const reportWithCalls = await measureReports(databasePath);
    console.log(
      `90-day duty-gap report with those calls too: median ${reportWithCalls.medianMs} ms, worst of 5 ${reportWithCalls.worstMs} ms`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
