import path from 'node:path';

// The bench's knobs, read once. BENCH_QUICK=1 is a smoke run: small databases and short loads, so
// the whole bench finishes in well under two minutes; its figures say nothing about targets.
const quick = process.env.BENCH_QUICK === '1';

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export const ROOT = path.resolve(__dirname, '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

export const settings = {
  quick,
  /** Each load: saturation and fixed-rate. */
  seconds: readNumber('BENCH_SECONDS', quick ? 3 : 20),
  cases: readNumber('BENCH_CASES', quick ? 10_000 : 100_000),
  staff: 200,
  reportCases: readNumber('BENCH_REPORT_CASES', quick ? 100_000 : 1_000_000),
  /** A year of calls beside the year of cases: about two calls for every five cases. */
  reportCalls: readNumber('BENCH_REPORT_CALLS', quick ? 40_000 : 400_000),
  profile: Boolean(process.env.BENCH_PROFILE) && process.env.BENCH_PROFILE !== '0',
  saturationConnections: 32,
  voiceRate: 300,
  smsRate: 100,
  outboxBurst: quick ? 500 : 2_000,
  /** A drain that takes longer than this is reported as not drained, and the bench goes on. */
  drainTimeoutMs: 300_000,
  /** How long the fake Twilio waits before each status callback: it reports after its REST answer. */
  callbackDelayMs: 20,
  warmupSeconds: quick ? 1 : 3,
};
