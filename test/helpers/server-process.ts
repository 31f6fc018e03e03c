import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { fakeSid, signTwilioRequest } from './twilio-signing';

export const ROOT = path.resolve(__dirname, '../..');

/** Generous for a cold tsx start on a loaded CI machine, yet it fails long before jest's own timeout. */
const READY_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 10_000;
const POLL_MS = 50;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  pid: number;
  port: number;
  /** Where the tests reach it: always 127.0.0.1. */
  url: string;
  /** What it signs webhooks against: PUBLIC_BASE_URL, or its default http://localhost:$PORT. */
  publicBaseUrl: string;
  databasePath: string;
  env: Record<string, string>;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
  waitForExit(timeoutMs?: number): Promise<ExitStatus>;
}

export interface StartServerOptions {
  /** Reuse a database (a restart); by default a fresh file in a new temp directory. */
  databasePath?: string;
  /** Extra environment. A function receives the chosen port, e.g. to build PUBLIC_BASE_URL. */
  env?: Record<string, string> | ((port: number) => Record<string, string>);
  readyTimeoutMs?: number;
  /** What node runs; by default main.ts, as `npm start` does, but without npm and tsx wrappers in between. */
  nodeArgs?: string[];
}

export const MAIN_ARGS = ['--import', 'tsx', 'src/main.ts'];

export interface CommandResult extends ExitStatus {
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-process-'));
  tempDirs.push(dir);
  return dir;
}

/** Asks the kernel for a free port on 127.0.0.1; the server binds it a moment later. */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Only what node itself needs. The developer's shell may hold TWILIO_* or DATABASE_PATH, and a
 * test that inherited them would send real SMS or write to the real database.
 */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'LANG']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

function track(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  children.add(child);
  const exited = new Promise<ExitStatus>((resolve) => {
    // 'close' rather than 'exit', so that all output has been read.
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

function describeOutput(stdout: string, stderr: string): string {
  const tail = (text: string) => text.split('\n').slice(-40).join('\n');
  return `\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`;
}

async function waitWithTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HttpAnswer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON answers
  json(): any;
}

/**
 * One HTTP request with no keep-alive, so that a killed or stopping server never leaves a socket
 * behind in the test process. `onResponse` runs as soon as the status line arrives.
 */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
    onResponse?: (status: number) => void;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { connection: 'close', ...options.headers },
        agent: false,
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        options.onResponse?.(res.statusCode ?? 0);
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method ?? 'GET'} ${url} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function startOnce(
  port: number,
  databasePath: string,
  options: StartServerOptions,
): Promise<ServerProcess | 'port_taken'> {
  const extra = typeof options.env === 'function' ? options.env(port) : (options.env ?? {});
  const env = childEnv({ LOG_LEVEL: 'info', ...extra, PORT: String(port), DATABASE_PATH: databasePath });
  // node itself runs main.ts (tsx only hooks require), so a SIGKILL hits the server and not a wrapper
  // that would leave it running.
  const child = spawn(process.execPath, options.nodeArgs ?? MAIN_ARGS, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tracked = track(child);
  const url = `http://127.0.0.1:${port}`;
  const handle: ServerProcess = {
    pid: child.pid ?? -1,
    port,
    url,
    publicBaseUrl: env.PUBLIC_BASE_URL || `http://localhost:${port}`,
    databasePath,
    env,
    stdout: tracked.stdout,
    stderr: tracked.stderr,
    kill(signal) {
      if (!tracked.hasExited()) child.kill(signal);
    },
    waitForExit(timeoutMs = EXIT_TIMEOUT_MS) {
      return waitWithTimeout(
        tracked.exited,
        timeoutMs,
        () =>
          `the server (pid ${child.pid}) did not exit within ${timeoutMs} ms${describeOutput(tracked.stdout(), tracked.stderr())}`,
      );
    },
  };

  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (tracked.hasExited()) {
      await tracked.exited;
      if (tracked.stderr().includes('EADDRINUSE')) return 'port_taken';
      throw new Error(
        `the server exited before it was ready (${child.exitCode ?? child.signalCode})${describeOutput(tracked.stdout(), tracked.stderr())}`,
      );
    }
    const answer = await httpRequest(`${url}/healthz`, { timeoutMs: 1_000 }).catch(() => undefined);
    if (answer?.status === 200 && !tracked.hasExited()) return handle;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  child.kill('SIGKILL');
  await tracked.exited;
  throw new Error(
    `GET /healthz did not answer within ${readyTimeoutMs} ms${describeOutput(tracked.stdout(), tracked.stderr())}`,
  );
}

/** Starts `node --import tsx src/main.ts` (or `nodeArgs`) on a free 127.0.0.1 port and waits for /healthz. */
export async function startServerProcess(options: StartServerOptions = {}): Promise<ServerProcess> {
  const databasePath = options.databasePath ?? path.join(makeTempDir(), 'dutyline.sqlite');
  // Another process may take the probed port before the server binds it; then try another one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = await startOnce(await pickFreePort(), databasePath, options);
    if (started !== 'port_taken') return started;
  }
  throw new Error('could not find a free port for the server in 3 tries');
}

/** Runs a command to completion (the CLI, npm start) with only the given environment. */
export async function runCommand(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {},
): Promise<CommandResult> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: childEnv(options.env ?? {}),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  // Typed ahead, as `printf '0\na\n' | dutyline simulate call …` would.
  if (options.input !== undefined) child.stdin?.end(options.input);
  const tracked = track(child);
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const status = await waitWithTimeout(
      tracked.exited,
      timeoutMs,
      () =>
        `${command} ${args.join(' ')} did not finish within ${timeoutMs} ms${describeOutput(tracked.stdout(), tracked.stderr())}`,
    );
    return { ...status, stdout: tracked.stdout(), stderr: tracked.stderr() };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/**
 * The `dutyline` CLI from its TypeScript sources, so a test never runs a stale build;
 * test/process/production-build.test.ts runs `bin/dutyline.js` itself, from dist/.
 */
export const CLI_ARGS = ['--import', 'tsx', 'src/cli/main.ts'];

export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CommandResult> {
  return runCommand(process.execPath, [...CLI_ARGS, ...args], { env, input });
}

/** For afterEach: whatever a failed test left running is killed, and the test waits until it is gone. */
export async function killServerProcesses(): Promise<void> {
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Reads the database file directly, as an operator would after a crash; never writes. */
export function readDatabase<T>(databasePath: string, read: (sqlite: SqliteDatabase.Database) => T): T {
  const sqlite = new SqliteDatabase(databasePath, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** A citizen's text as Twilio posts it: a signed form over PUBLIC_BASE_URL + /twilio/sms. */
export function postSignedSms(
  server: ServerProcess,
  signingToken: string,
  sms: { from: string; to: string; body: string; accountSid: string },
  onResponse?: (status: number) => void,
): Promise<HttpAnswer> {
  const params = {
    MessageSid: fakeSid('SM'),
    AccountSid: sms.accountSid,
    From: sms.from,
    To: sms.to,
    Body: sms.body,
    NumMedia: '0',
  };
  return httpRequest(`${server.url}/twilio/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(signingToken, `${server.publicBaseUrl}/twilio/sms`, params),
    },
    body: new URLSearchParams(params).toString(),
    onResponse,
  });
}

/** A JSON API call with a bearer token. */
export function callApi(
  server: ServerProcess,
  token: string,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<HttpAnswer> {
  return httpRequest(`${server.url}${apiPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
