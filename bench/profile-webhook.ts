import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/shared/db';
import { migrate } from '../src/shared/migrator';
import { drainOutbox, openReadOnly } from './drain';
import { runSaturation } from './load';
import { freePort, onlineAgainst, serverEnv, startFakeTwilioProcess, startServer } from './processes';
import { seedCases, seedRoster } from './seed';
import { RESULTS_DIR } from './settings';
import { createWebhookRequests, HOTLINE_NUMBER, type WebhookKind, webhookPath } from './webhooks';

// `npm run bench:profile -- voice|sms [seconds]`: one webhook at saturation against the server as
// `npm start` runs it, with a CPU profile; prints the functions that took the most time themselves.

const kind = (process.argv[2] ?? 'voice') as WebhookKind;
const seconds = Number(process.argv[3] ?? 10);
const ACCOUNT_SID = `AC${'0'.repeat(31)}9`;
const AUTH_TOKEN = crypto.randomBytes(16).toString('hex');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function, heaviest first, from a .cpuprofile file. */
function topFunctions(file: string, count: number): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}% ${key}`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-profile-'));
  const databasePath = path.join(dir, 'bench.sqlite');
  const database = openDatabase(databasePath);
  await migrate(database);
  seedCases(database.sqlite, 10_000, seedRoster(database.sqlite, 200, new Date()), new Date());
  await database.close();
  const fake = await startFakeTwilioProcess({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    callbackDelayMs: 20,
  });
  const profileDir = path.join(RESULTS_DIR, 'profiles', `${kind}-${Date.now()}`);
  const server = await startServer({
    env: serverEnv({
      DATABASE_PATH: databasePath,
      ...onlineAgainst(fake, {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        hotlineNumber: HOTLINE_NUMBER,
      }),
    }),
    port: await freePort(),
    logPath: path.join(dir, 'server.log'),
    profileDir,
  });
  const requests = createWebhookRequests({
    publicBaseUrl: server.url,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
  });
  const result = await runSaturation({
    url: `${server.url}${webhookPath(kind)}`,
    connections: 32,
    seconds,
    makeRequest: () => requests(kind),
  });
  const readOnly = openReadOnly(databasePath);
  const drained = await drainOutbox({
    database: readOnly,
    fakeStats: () => fake.stats(),
    timeoutMs: 120_000,
  });
  readOnly.close();
  await server.stop();
  await fake.stop();
  console.log(
    `${kind}: ${result.requestsPerSecond.toFixed(0)} req/s answered, drained in ${drained.ms.toFixed(0)} ms`,
  );
  const [file] = fs.readdirSync(profileDir);
  for (const line of topFunctions(path.join(profileDir, file), 40)) console.log(line);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
