import autocannon from 'autocannon';
import type { SignedRequest } from './webhooks';

// The one load generator, autocannon, in the bench's own process: closed-loop saturation, and an
// open loop at a fixed arrival rate.

export interface SaturationResult {
  requestsPerSecond: number;
  requests: number;
  seconds: number;
  /** Non-2xx answers, connection errors and timeouts. */
  failures: number;
}

export interface FixedRateResult {
  askedRate: number;
  /** Answers (of any status) per second of the load. */
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
}

type MakeRequest = () => SignedRequest;

function run(
  options: autocannon.Options,
  onResponse?: (statusCode: number, responseTime: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (onResponse) {
      instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) =>
        onResponse(statusCode, responseTime),
      );
    }
  });
}

function postOptions(url: string, makeRequest: MakeRequest): autocannon.Options {
  return {
    url,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { body, headers } = makeRequest();
          return { ...request, body, headers: { ...request.headers, ...headers } };
        },
      },
    ],
  };
}

const failuresOf = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts;

/** Throughput with `connections` each sending its next request as soon as the last is answered. */
export async function runSaturation(options: {
  url: string;
  connections: number;
  seconds: number;
  makeRequest: MakeRequest;
}): Promise<SaturationResult> {
  const result = await run({
    ...postOptions(options.url, options.makeRequest),
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    seconds: result.duration,
    failures: failuresOf(result),
  };
}

/** The value at or below which a share `p` of the sorted values lie. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * An open loop at `rate` requests a second. autocannon's `overallRate` lets each connection send
 * its share as fast as it can at the start of each second, all connections on the same tick, so
 * one run would arrive as one burst a second. Instead `slices` runs start evenly spread over a
 * second, each with one connection per request a second: arrivals come in small groups every
 * 1/slices s, and each connection has a whole second to get its answer before its next request,
 * so a slow answer never holds back the next arrival. Only requests sent while every slice is
 * running, after its first second, count for the rate and the latencies: the first second starts
 * the runs and opens their connections, which says more about the load generator than the server.
 */
export async function runFixedRate(options: {
  url: string;
  rate: number;
  seconds: number;
  makeRequest: MakeRequest;
  slices?: number;
}): Promise<FixedRateResult> {
  const slices = Math.min(options.slices ?? 50, options.rate);
  const answers: { sentAt: number; ms: number; ok: boolean }[] = [];
  const started = performance.now();
  const runs = Array.from({ length: slices }, async (_, slice) => {
    const share = Math.floor(options.rate / slices) + (slice < options.rate % slices ? 1 : 0);
    await new Promise((resolve) => setTimeout(resolve, (slice * 1000) / slices));
    return run(
      {
        ...postOptions(options.url, options.makeRequest),
        connections: share,
        overallRate: share,
        duration: options.seconds,
        // Its correction assumes one request per `1/rate` ms, which would invent samples here.
        ignoreCoordinatedOmission: true,
      },
      (statusCode, responseTime) => {
        const sentAt = performance.now() - responseTime - started;
        answers.push({ sentAt, ms: responseTime, ok: statusCode >= 200 && statusCode < 300 });
      },
    );
  });
  const results = await Promise.all(runs);
  // From a second after the last slice's start to the first slice's end, all slices are sending.
  const windowStart = 1000 + ((slices - 1) * 1000) / slices;
  const windowEnd = options.seconds * 1000;
  const inWindow = answers.filter((answer) => answer.sentAt >= windowStart && answer.sentAt < windowEnd);
  const latencies = inWindow.filter((answer) => answer.ok).map((answer) => answer.ms);
  latencies.sort((a, b) => a - b);
  return {
    askedRate: options.rate,
    achievedRate: (inWindow.length * 1000) / (windowEnd - windowStart),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    failures: results.reduce((sum, result) => sum + failuresOf(result), 0),
  };
}
