import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { FakeReply, FakeRequest, FakeStats } from './fake-twilio-stats';
import { ROOT } from './settings';

// The bench's child processes: the server as `npm start` runs it, the fake Twilio and the bare
// route. Each is its own process, so none shares an event loop with the load generator.

const STOP_TIMEOUT_MS = 20_000;

export interface Stoppable {
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** VmRSS of a running process, in MB. */
export function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL if it is still there after STOP_TIMEOUT_MS. */
function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resolves with the status of one GET, or 0 when nothing answered. No keep-alive. */
function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Polls until `url` answers 200; rejects if the child exits first or after `timeoutMs`. */
async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await probe(url)) !== 200) {
    if (hasExited(child))
      throw new Error(`${url}: the process exited with ${child.exitCode ?? child.signalCode}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Only what node needs from the bench's environment: a TWILIO_* or DATABASE_PATH there must not leak in. */
export function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LOG_LEVEL']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

/** The settings that put a server online against the fake Twilio, sending as the hotline number. */
export function onlineAgainst(
  fake: FakeTwilioProcess,
  credentials: { accountSid: string; authToken: string; hotlineNumber: string },
): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: credentials.accountSid,
    TWILIO_AUTH_TOKEN: credentials.authToken,
    TWILIO_PHONE_NUMBER: credentials.hotlineNumber,
    TWILIO_API_BASE_URL: fake.baseUrl,
  };
}

export interface ServerProcess extends Stoppable {
  url: string;
  /** From spawn to the first 200 from /healthz. */
  startupMs: number;
}

/** What `npm start` runs after `node`, read from package.json so the bench can never drift from it. */
function startArguments(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const [command, ...args] = String(scripts.start).split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: the bench cannot copy it`);
  return args;
}

/**
 * The server exactly as `npm start` runs it, with `--cpu-prof` when profiling. Its output goes
 * to `logPath`, so logging costs what it costs in production and the bench's process reads nothing.
 */
export async function startServer(options: {
  env: Record<string, string>;
  port: number;
  logPath: string;
  profileDir?: string;
}): Promise<ServerProcess> {
  const log = fs.openSync(options.logPath, 'a');
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...profile, ...startArguments()], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port), PUBLIC_BASE_URL: url },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  try {
    await waitUntilHealthy(`${url}/healthz`, child, 30_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}; see ${options.logPath}`);
  }
  return { pid: child.pid!, url, startupMs: performance.now() - started, stop: () => stopChild(child) };
}

/** A TypeScript entry in bench/ in its own node process, with an IPC channel; resolves on its first message. */
async function forkEntry<Ready>(entry: string, env: Record<string, string>): Promise<[ChildProcess, Ready]> {
  const child = fork(path.join(__dirname, entry), [], {
    cwd: ROOT,
    env: serverEnv(env),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
  });
  return [child, ready];
}

export interface BareProcess extends Stoppable {
  url: string;
}

export async function startBare(): Promise<BareProcess> {
  const [child, ready] = await forkEntry<{ port: number }>('serve-bare.ts', {});
  return { pid: child.pid!, url: `http://127.0.0.1:${ready.port}`, stop: () => stopChild(child) };
}

export interface FakeTwilioProcess extends Stoppable {
  baseUrl: string;
  stats(bodyPrefix?: string): Promise<FakeStats>;
}

export async function startFakeTwilioProcess(options: {
  accountSid: string;
  authToken: string;
  callbackDelayMs: number;
}): Promise<FakeTwilioProcess> {
  const [child, ready] = await forkEntry<FakeReply & { type: 'ready' }>('fake-twilio-process.ts', {
    BENCH_FAKE_ACCOUNT_SID: options.accountSid,
    BENCH_FAKE_AUTH_TOKEN: options.authToken,
    BENCH_FAKE_CALLBACK_DELAY_MS: String(options.callbackDelayMs),
  });
  let nextId = 0;
  const waiting = new Map<number, (stats: FakeStats) => void>();
  child.on('message', (message: FakeReply) => {
    if (message.type !== 'stats') return;
    waiting.get(message.id)?.(message.stats);
    waiting.delete(message.id);
  });
  return {
    pid: child.pid!,
    baseUrl: ready.baseUrl,
    stats(bodyPrefix) {
      nextId += 1;
      const id = nextId;
      const request: FakeRequest = { type: 'stats', id, bodyPrefix };
      return new Promise((resolve, reject) => {
        if (hasExited(child)) {
          reject(new Error('the fake Twilio process has exited'));
          return;
        }
        waiting.set(id, resolve);
        child.send(request);
      });
    },
    stop: () => stopChild(child),
  };
}
