import { parseConfig } from '../src/config';
import { createContainer } from '../src/container';
import { systemClock } from '../src/shared/clock';
import { openDatabase } from '../src/shared/db';
import { silentLogger } from '../src/shared/logger';
import { percentile } from './load';

// What runs inside the server without HTTP: who-is-on-duty, the duty-gap report and the KPIs,
// timed on the bench's database with the server stopped.

const DAY_MS = 86_400_000;
const RUNS = 5;

export interface Timings {
  medianMs: number;
  worstMs: number;
}

type Container = Awaited<ReturnType<typeof createContainer>>;

async function withContainer<T>(databasePath: string, use: (container: Container) => Promise<T>): Promise<T> {
  const { db, reports, close } = openDatabase(databasePath);
  try {
    const config = parseConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' });
    return await use(
      await createContainer({ config, db, reportsDb: reports, clock: systemClock, logger: silentLogger }),
    );
  } finally {
    await close();
  }
}

/** One warm-up run, then the median and the worst of five. */
async function medianAndWorst(measure: () => Promise<unknown>): Promise<Timings> {
  await measure();
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await measure();
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  return { medianMs: percentile(timings, 0.5), worstMs: timings[timings.length - 1] };
}

/** Who is on duty at 20,000 instants over the past year: mean and p99. */
export function measureOnDuty(databasePath: string): Promise<{ meanMs: number; p99Ms: number }> {
  return withContainer(databasePath, async (container) => {
    const now = Date.now();
    const instants = Array.from(
      { length: 20_000 },
      (_, i) => new Date(now - ((i * 7919) % 365) * DAY_MS - i * 1000),
    );
    for (const at of instants.slice(0, 500)) await container.rosterService.onDutyAt(at);
    const timings: number[] = [];
    for (const at of instants) {
      const start = performance.now();
      await container.rosterService.onDutyAt(at);
      timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    return {
      meanMs: timings.reduce((sum, t) => sum + t, 0) / timings.length,
      p99Ms: percentile(timings, 0.99),
    };
  });
}

/** The duty-gap report over the last 90 days. */
export function measureDutyGapReport(databasePath: string): Promise<Timings> {
  return withContainer(databasePath, (container) => {
    const to = new Date();
    const from = new Date(to.getTime() - 90 * DAY_MS);
    return medianAndWorst(() => container.dutyGapReports.buildDutyGapReport(from, to));
  });
}

/** The KPIs over the longest window allowed (366 days), which holds every seeded case and call. */
export function measureKpis(databasePath: string): Promise<Timings> {
  return withContainer(databasePath, (container) => {
    const to = new Date();
    const from = new Date(to.getTime() - 366 * DAY_MS);
    return medianAndWorst(() => container.kpiReports.buildKpis(from, to, { top: 10 }));
  });
}
