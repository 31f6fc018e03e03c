import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/shared/db';
import { migrate } from '../src/shared/migrator';
import { measureConsolePages } from './console-pages';
import { createDrainStep, openReadOnly } from './drain';
import { measureDutyGapReport, measureKpis, measureOnDuty } from './in-process';
import { measureOutboxBurst } from './outbox-burst';
import { measurePostgresStage } from './postgres-stage';
import type { FakeTwilioProcess } from './processes';
import {
  freePort,
  onlineAgainst,
  residentMegabytes,
  type Stoppable,
  serverEnv,
  startBare,
  startFakeTwilioProcess,
  startServer,
} from './processes';
import { log, timed } from './progress';
import { seedCalls, seedCases, seedRoster } from './seed';
import { RESULTS_DIR, settings } from './settings';
import { measureCliHelp, measureStartup } from './startup';
import { createTable, printTable, type Table, writeResults } from './table';
import { measureWebhooks } from './webhook-loads';
import { createWebhookRequests, HOTLINE_NUMBER } from './webhooks';

// `npm run bench` (SPEC §15): the server built and started as `npm start` starts it, online
// against a fake Twilio in its own process, driven by one load generator beside a bare Express
// route; then the reports on 1M cases in-process. One table of figures and targets at the end.

const ACCOUNT_SID = `AC${'0'.repeat(31)}9`;
const AUTH_TOKEN = crypto.randomBytes(16).toString('hex');
const ADMIN_TOKEN = crypto.randomBytes(16).toString('hex');

/** Whole-run checks on what reached the fake Twilio: nothing sent twice, every callback taken. */
async function checkFakeTotals(fake: FakeTwilioProcess, table: Table): Promise<void> {
  const stats = await fake.stats();
  table.check(
    'messages the fake accepted twice (same To+Body)',
    `${stats.duplicates} of ${stats.messages}`,
    '0',
    stats.duplicates === 0,
    stats.duplicates,
  );
  table.check(
    'status callbacks the server refused',
    `${stats.callbacksRefused} of ${stats.callbacksOwed}`,
    '0',
    stats.callbacksRefused === 0,
    stats.callbacksRefused,
  );
}

/** p99 and max of the server's event-loop delay since the last scrape, in ms. */
async function readEventLoopDelay(
  serverUrl: string,
  adminToken: string,
): Promise<{ p99: number; max: number }> {
  const text = await (
    await fetch(`${serverUrl}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })
  ).text();
  const seconds = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    p99: seconds('nodejs_eventloop_lag_p99_seconds') * 1000,
    max: seconds('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

/** The server, the bare route and the fake Twilio, and everything measured while they run. */
async function measureServing(table: Table, databasePath: string, children: Stoppable[]) {
  const logPath = path.join(RESULTS_DIR, 'server.log');
  fs.writeFileSync(logPath, '');
  const fake = await startFakeTwilioProcess({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    callbackDelayMs: settings.callbackDelayMs,
  });
  children.push(fake);
  const env = serverEnv({
    DATABASE_PATH: databasePath,
    ...onlineAgainst(fake, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, hotlineNumber: HOTLINE_NUMBER }),
    ADMIN_TOKEN,
  });

  const startup = await timed('start-up, 3 times', () => measureStartup({ env, logPath, runs: 3 }));
  table.below('start-up to /healthz 200 (median of 3)', startup.medianMs, 1000, 'ms', 0);
  const help = await timed('dutyline --help, 5 times', () => measureCliHelp({ env, runs: 5 }));
  table.below('dutyline --help (median of 5)', help.medianMs, 300, 'ms', 0);

  const profileDir = settings.profile ? path.join(RESULTS_DIR, 'profiles') : undefined;
  const server = await startServer({ env, port: await freePort(), logPath, profileDir });
  children.push(server);
  const bare = await startBare();
  children.push(bare);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleRss = residentMegabytes(server.pid);
  table.note('server RSS idle, after start', `${idleRss.toFixed(0)} MB`, idleRss);

  const database = openReadOnly(databasePath);
  try {
    const drain = createDrainStep({
      database,
      fakeStats: () => fake.stats(),
      timeoutMs: settings.drainTimeoutMs,
      table,
    });
    const requests = createWebhookRequests({
      publicBaseUrl: server.url,
      authToken: AUTH_TOKEN,
      accountSid: ACCOUNT_SID,
    });
    const eventLoopDelay = () => readEventLoopDelay(server.url, ADMIN_TOKEN);
    await measureWebhooks({
      serverUrl: server.url,
      bareUrl: bare.url,
      requests,
      drain,
      eventLoopDelay,
      table,
    });
    await measureOutboxBurst({
      databasePath,
      serverUrl: server.url,
      adminToken: ADMIN_TOKEN,
      fakeStats: (prefix) => fake.stats(prefix),
      count: settings.outboxBurst,
      timeoutMs: settings.drainTimeoutMs,
      table,
    });
    await drain('after the burst');
    await timed('console pages', () =>
      measureConsolePages({ databasePath, serverUrl: server.url, adminToken: ADMIN_TOKEN, table }),
    );
  } finally {
    database.close();
  }
  await checkFakeTotals(fake, table);
  const loadedRss = residentMegabytes(server.pid);
  table.below('server RSS after the load', loadedRss, 150, 'MB', 0);
  await Promise.all([server.stop(), bare.stop(), fake.stop()]);
  if (profileDir) log(`CPU profile of the server in ${path.relative(process.cwd(), profileDir)}`);
}

/** The reports on a year's worth of cases and calls, topped up after the server has stopped. */
async function measureReports(table: Table, databasePath: string, staffIds: number[]) {
  await timed(`topped up to ${settings.reportCases} cases and added ${settings.reportCalls} calls`, () => {
    const database = openDatabase(databasePath);
    seedCases(database.sqlite, Math.max(0, settings.reportCases - settings.cases), staffIds, new Date());
    seedCalls(database.sqlite, settings.reportCalls, staffIds, new Date());
    return database.close();
  });
  const size = `${settings.reportCases / 1000}k cases, ${settings.reportCalls / 1000}k calls`;
  const gaps = await timed('duty-gap report', () => measureDutyGapReport(databasePath));
  table.below(`90-day duty-gap report, ${size}: median of 5`, gaps.medianMs, 150, 'ms');
  table.note('  duty-gap report: worst of 5 (SPEC: < 200 ms)', `${gaps.worstMs.toFixed(1)} ms`, gaps.worstMs);
  const kpis = await timed('KPIs', () => measureKpis(databasePath));
  table.below(`KPIs over 366 days, ${size}: median of 5`, kpis.medianMs, 700, 'ms');
  table.note('  KPIs: worst of 5 (SPEC: < 1000 ms)', `${kpis.worstMs.toFixed(1)} ms`, kpis.worstMs);
}

async function main() {
  const table = createTable();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-bench-'));
  const databasePath = path.join(dir, 'bench.sqlite');
  const children: Stoppable[] = [];
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  log(`settings: ${JSON.stringify(settings)}`);
  let failed: unknown;
  try {
    const staffIds = await timed(`seeded ${settings.staff} staff and ${settings.cases} cases`, async () => {
      const database = openDatabase(databasePath);
      await migrate(database);
      const ids = seedRoster(database.sqlite, settings.staff, new Date());
      seedCases(database.sqlite, settings.cases, ids, new Date());
      await database.close();
      return ids;
    });
    const onDuty = await timed('who-is-on-duty', () => measureOnDuty(databasePath));
    table.below('who-is-on-duty (mean of 20,000)', onDuty.meanMs, 1, 'ms', 3);
    table.note('  who-is-on-duty p99', `${onDuty.p99Ms.toFixed(3)} ms`, onDuty.p99Ms);
    await measureServing(table, databasePath, children);
    await timed('PostgreSQL, one node and two', () => measurePostgresStage(table));
    await measureReports(table, databasePath, staffIds);
  } catch (error) {
    failed = error;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (settings.quick) console.log('\nBENCH_QUICK=1: a smoke run; its figures do not speak to the targets.');
  console.log('');
  printTable(table.rows);
  const resultsFile = path.join(RESULTS_DIR, 'latest.json');
  writeResults(resultsFile, { settings, rows: table.rows });
  log(`results in ${path.relative(process.cwd(), resultsFile)}`);
  if (failed) throw failed;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
