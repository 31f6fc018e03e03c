import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { runSaturation } from './load';
import {
  freePort,
  onlineAgainst,
  type ServerProcess,
  serverEnv,
  startFakeTwilioProcess,
  startServer,
} from './processes';
import { log } from './progress';
import { RESULTS_DIR, settings } from './settings';
import { createWebhookRequests, HOTLINE_NUMBER, webhookPath } from './webhooks';

// SMS webhook throughput on PostgreSQL with one node and with two nodes on one store (SPEC §16),
// each node as `npm start` runs it, against one fake Twilio process. Runs only when BENCH_PG_URL
// names a PostgreSQL cluster; each run takes a fresh schema there and drops it at the end.
//   BENCH_PG_URL=postgres://… BENCH_SECONDS=5 npx tsx bench/postgres-nodes.ts   (after npm run build)

const ACCOUNT_SID = `AC${'0'.repeat(31)}8`;
const AUTH_TOKEN = crypto.randomBytes(16).toString('hex');
const CONNECTIONS = settings.saturationConnections;
/** Far apart, so the two nodes' generators never repeat a Sid or a caller. */
const SEQUENCE_STRIDE = 10_000_000;

export interface PostgresNodesResult {
  nodes: number;
  requestsPerSecond: number;
  failures: number;
}

export interface PostgresNodesRun {
  results: PostgresNodesResult[];
  /** What the fake Twilio accepted over both measurements, and how many of those it had already. */
  messages: number;
  duplicates: number;
}

/** The store's URL with a schema of its own first on the search path, as a node's DATABASE_URL. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

export async function measurePostgresNodes(pgUrl: string): Promise<PostgresNodesRun> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: pgUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const children: { stop(): Promise<void> }[] = [];
  const logPath = path.join(RESULTS_DIR, 'postgres-nodes.log');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(logPath, '');
  try {
    const fake = await startFakeTwilioProcess({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      callbackDelayMs: settings.callbackDelayMs,
    });
    children.push(fake);
    const env = serverEnv({
      DATABASE_URL: withSearchPath(pgUrl, schema),
      ...onlineAgainst(fake, {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        hotlineNumber: HOTLINE_NUMBER,
      }),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    // The first node migrates the empty schema before the second starts.
    const nodes: ServerProcess[] = [];
    for (let i = 0; i < 2; i += 1) {
      const node = await startServer({ env, port: await freePort(), logPath });
      children.push(node);
      nodes.push(node);
    }
    const generators = nodes.map((node, i) =>
      createWebhookRequests({
        publicBaseUrl: node.url,
        authToken: AUTH_TOKEN,
        accountSid: ACCOUNT_SID,
        firstSequence: (i + 1) * SEQUENCE_STRIDE,
      }),
    );
    const results: PostgresNodesResult[] = [];
    for (const count of [1, 2]) {
      const used = nodes.slice(0, count);
      // The same connections in all, shared among the nodes, as a load balancer would spread them.
      const loads = await Promise.all(
        used.map((node, i) =>
          runSaturation({
            url: `${node.url}${webhookPath('sms')}`,
            connections: Math.floor(CONNECTIONS / count),
            seconds: settings.seconds,
            makeRequest: () => generators[i]('sms'),
          }),
        ),
      );
      const result = {
        nodes: count,
        requestsPerSecond: loads.reduce((sum, load) => sum + load.requestsPerSecond, 0),
        failures: loads.reduce((sum, load) => sum + load.failures, 0),
      };
      log(
        `PostgreSQL, ${count} node(s): ${result.requestsPerSecond.toFixed(0)} SMS webhooks/s, ${result.failures} failures`,
      );
      results.push(result);
      // Let the outbox and its status callbacks settle, so one measurement's backlog does not slow the next.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    const stats = await fake.stats();
    log(`the fake Twilio accepted ${stats.messages} messages, ${stats.duplicates} of them twice`);
    return { results, messages: stats.messages, duplicates: stats.duplicates };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

if (require.main === module) {
  const pgUrl = process.env.BENCH_PG_URL;
  if (!pgUrl) {
    log('PostgreSQL stage skipped: set BENCH_PG_URL to a PostgreSQL cluster to measure it');
  } else {
    measurePostgresNodes(pgUrl).then(
      (run) => console.table(run.results),
      (error) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
