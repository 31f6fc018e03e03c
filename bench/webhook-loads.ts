import { runFixedRate, runSaturation } from './load';
import { timed } from './progress';
import { settings } from './settings';
import type { Table } from './table';
import { type WebhookKind, type WebhookRequests, webhookPath } from './webhooks';

// The webhook measurements, in order: warm-up, saturation against the bare route, then latency at
// a fixed arrival rate; the outbox drained after each load on the server.

export interface WebhookLoadDeps {
  serverUrl: string;
  bareUrl: string;
  requests: WebhookRequests;
  /** Waits until the outbox and its callbacks are drained, adds a row, and returns how long it took. */
  drain: (label: string) => Promise<number>;
  /**
   * The server's event-loop delay since the last call (p99 and max, in ms), from its /metrics:
   * prom-client resets its histogram at each scrape.
   */
  eventLoopDelay: () => Promise<{ p99: number; max: number }>;
  table: Table;
}

const TARGET_RATIO: Record<WebhookKind, number> = { voice: 0.5, sms: 0.25 };
const TARGET_P99_MS = 25;
/** How far the achieved arrival rate may stray from the asked one and still count as that rate. */
const RATE_TOLERANCE = 0.05;

/** Every webhook measurement in order; a row counts the answers that were not 2xx. */
export async function measureWebhooks(deps: WebhookLoadDeps): Promise<void> {
  await timed('warm-up', () => warmUp(deps));
  let failures = 0;
  failures += await timed('voice saturation', () => measureSaturation(deps, 'voice'));
  failures += await timed('SMS saturation', () => measureSaturation(deps, 'sms'));
  failures += await timed('voice at a fixed rate', () => measureFixedRate(deps, 'voice', settings.voiceRate));
  failures += await timed('SMS at a fixed rate', () => measureFixedRate(deps, 'sms', settings.smsRate));
  deps.table.check(
    'webhook answers not 2xx, errors, timeouts',
    String(failures),
    '0',
    failures === 0,
    failures,
  );
}

async function warmUp(deps: WebhookLoadDeps): Promise<void> {
  for (const kind of ['voice', 'sms'] as const) {
    for (const base of [deps.bareUrl, deps.serverUrl]) {
      await runSaturation({
        url: `${base}${webhookPath(kind)}`,
        connections: 4,
        seconds: settings.warmupSeconds,
        makeRequest: () => deps.requests(kind),
      });
    }
  }
  await deps.drain('after the warm-up');
}

/**
 * Throughput at 32 connections, as a ratio to the bare route. For SMS the server's throughput
 * counts until the outbox has sent the receipts and alerts and Twilio's callbacks are applied:
 * a server that answers texts quickly while its outbox falls behind has not done the work.
 */
async function measureSaturation(deps: WebhookLoadDeps, kind: WebhookKind): Promise<number> {
  const load = (base: string) =>
    runSaturation({
      url: `${base}${webhookPath(kind)}`,
      connections: settings.saturationConnections,
      seconds: settings.seconds,
      makeRequest: () => deps.requests(kind),
    });
  const bare = await load(deps.bareUrl);
  const server = await load(deps.serverUrl);
  const drainMs = await deps.drain(`after ${kind} saturation`);
  const sustained =
    kind === 'sms' ? server.requests / (server.seconds + drainMs / 1000) : server.requestsPerSecond;
  const what = kind === 'sms' ? 'SMS saturation (with receipts, alerts, callbacks)' : 'voice saturation';
  deps.table.atLeast(
    `${what}, ${settings.saturationConnections} conns: ratio to bare`,
    sustained / bare.requestsPerSecond,
    TARGET_RATIO[kind],
    '',
    3,
  );
  deps.table.note(
    `  ${kind}: server / bare route`,
    `${sustained.toFixed(0)} / ${bare.requestsPerSecond.toFixed(0)} req/s` +
      (kind === 'sms' ? ` (${server.requestsPerSecond.toFixed(0)} while answering)` : ''),
  );
  return bare.failures + server.failures;
}

/**
 * p50 and p99 at a fixed arrival rate, open loop; the achieved rate must be the asked one. The
 * bare route at the same rate first, as a reference: its tail is the machine's and the load
 * generator's, which no server can beat.
 */
async function measureFixedRate(deps: WebhookLoadDeps, kind: WebhookKind, rate: number): Promise<number> {
  const load = (base: string) =>
    runFixedRate({
      url: `${base}${webhookPath(kind)}`,
      rate,
      seconds: settings.seconds,
      makeRequest: () => deps.requests(kind),
    });
  const bare = await load(deps.bareUrl);
  await deps.eventLoopDelay();
  const result = await load(deps.serverUrl);
  const delay = await deps.eventLoopDelay();
  const label = `${kind} at ${rate}/s`;
  deps.table.check(
    `${label}: achieved rate`,
    `${result.achievedRate.toFixed(1)}/s`,
    `${rate}/s ± ${RATE_TOLERANCE * 100}%`,
    Math.abs(result.achievedRate - rate) <= rate * RATE_TOLERANCE,
    result.achievedRate,
  );
  deps.table.note(`${label}: p50`, `${result.p50.toFixed(1)} ms`, result.p50);
  deps.table.below(`${label}: p99`, result.p99, TARGET_P99_MS, 'ms');
  deps.table.note(`${label}: max`, `${result.max.toFixed(1)} ms`, result.max);
  deps.table.note(
    `  server event-loop delay meanwhile: p99 / max`,
    `${delay.p99.toFixed(1)} / ${delay.max.toFixed(1)} ms`,
    delay.p99,
  );
  deps.table.note(
    `  bare route at ${rate}/s: p50 / p99 / max`,
    `${bare.p50.toFixed(1)} / ${bare.p99.toFixed(1)} / ${bare.max.toFixed(1)} ms`,
    bare.p99,
  );
  await deps.drain(`after ${label}`);
  return bare.failures + result.failures;
}
