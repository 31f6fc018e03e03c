import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import { type Clock, systemClock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { type JobLeases, singleProcessLeases } from './job-leases';

export interface JobDefinition {
  name: string;
  /** A node-cron expression; a sixth leading field counts seconds. */
  schedule: string;
  /** Calls one use case with the injected clock; whatever it returns is shown by POST /api/jobs/:name/run. */
  run: () => Promise<unknown>;
  timezone?: string;
}

interface JobState {
  definition: JobDefinition;
  running?: Promise<unknown>;
  /** A run asked for while one was in progress; it starts when that one ends. */
  queued?: Promise<unknown>;
  /** For operators: a job that stopped succeeding shows in /metrics. */
  lastSucceededAt?: Date;
}

/** How often an on-demand run asks again for a lease another node holds. */
const LEASE_RETRY_MS = 200;

/**
 * The declarative job list: cron schedules plus on-demand runs. A job never overlaps itself,
 * whoever starts it, in this process or (through `leases`) on any node sharing the store; a
 * scheduled tick that finds it busy or already taken elsewhere is skipped, an on-demand run waits.
 */
export function createJobs(
  list: JobDefinition[],
  deps: { logger: Logger; clock?: Clock; leases?: JobLeases; leaseRetryMs?: number },
) {
  const clock = deps.clock ?? systemClock;
  const leases = deps.leases ?? singleProcessLeases;
  const leaseRetryMs = deps.leaseRetryMs ?? LEASE_RETRY_MS;
  const logger = deps.logger.child({ component: 'jobs' });
  const jobs = new Map<string, JobState>();
  for (const definition of list) {
    if (jobs.has(definition.name)) throw new Error(`Job ${definition.name} is listed twice`);
    if (!cron.validate(definition.schedule)) {
      throw new Error(`Job ${definition.name} has an invalid schedule: ${definition.schedule}`);
    }
    jobs.set(definition.name, { definition });
  }
  // node-cron warns on every skipped overlapping tick, which this list expects; keep that quiet.
  const cronLogger: CronLogger = {
    info: (message) => logger.debug(message),
    warn: (message) => logger.debug(message),
    error: (message, err) => logger.error({ err: err ?? message }, 'node-cron error'),
    debug: (message) => logger.trace({ detail: String(message) }, 'node-cron'),
  };
  let tasks: ScheduledTask[] = [];
  let stopped = false;

  /**
   * Takes the job's lease: a scheduled tick once, skipping the tick if another node holds the job or
   * took the tick; an on-demand run waits until the other node's run ends (or its lease expires).
   */
  async function acquireLease(name: string, tick: Date | undefined): Promise<boolean> {
    if (tick) return leases.acquire(name, tick);
    while (!(await leases.acquire(name))) {
      if (stopped) throw new AppError(503, 'job.stopping', `Jobs are stopping; ${name} was not run`);
      await new Promise((resolve) => setTimeout(resolve, leaseRetryMs));
    }
    return true;
  }

  /** Runs the job under its lease, renewed while it runs, so a long run is not taken for a dead one. */
  async function runLeased(
    job: JobState,
    tick: Date | undefined,
  ): Promise<{ ran: boolean; result?: unknown }> {
    const { name } = job.definition;
    if (!(await acquireLease(name, tick))) return { ran: false };
    const renewal = setInterval(() => {
      leases.renew(name).then(
        (held) => {
          if (!held) logger.warn({ job: name }, 'job lease lost mid-run; another node may run it too');
        },
        (err: unknown) => logger.warn({ err, job: name }, 'could not renew a job lease'),
      );
    }, leases.ttlMs / 3);
    renewal.unref();
    try {
      return { ran: true, result: await job.definition.run() };
    } finally {
      clearInterval(renewal);
      await leases.release(name).catch((err: unknown) => {
        // It expires by itself; until then other nodes skip this job's ticks.
        logger.warn({ err, job: name }, 'could not release a job lease');
      });
    }
  }

  function startRun(job: JobState, reason: 'scheduled' | 'on_demand', tick?: Date): Promise<unknown> {
    const { name } = job.definition;
    const startedAt = performance.now();
    const run = runLeased(job, tick)
      .then(
        ({ ran, result }) => {
          if (!ran) {
            logger.debug({ job: name, tick }, 'tick skipped: another node holds the job or took the tick');
            return undefined;
          }
          job.lastSucceededAt = clock.now();
          logger.debug({ job: name, reason, ms: Math.round(performance.now() - startedAt) }, 'job finished');
          return result;
        },
        (err: unknown) => {
          logger.error({ err, job: name, reason }, 'job failed');
          throw err;
        },
      )
      .finally(() => {
        job.running = undefined;
      });
    job.running = run;
    return run;
  }

  /**
   * Runs now, or right after the run in progress: that one may have started before whatever the
   * caller wants handled existed. Callers who ask during the same run share the follow-up run.
   */
  function runNow(name: string): Promise<unknown> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new AppError(404, 'job.not_found', `No job named ${name}`));
    if (!job.running) return startRun(job, 'on_demand');
    if (!job.queued) {
      job.queued = job.running
        .catch(() => undefined)
        .then(() => {
          job.queued = undefined;
          return startRun(job, 'on_demand');
        });
    }
    return job.queued;
  }

  /** A scheduled run for the cron slot `slot`: skipped if this process or another node is on it. */
  async function tick(job: JobState, slot: Date): Promise<void> {
    if (stopped || job.running || job.queued) return;
    // Errors are logged by startRun; the schedule goes on.
    await startRun(job, 'scheduled', slot).catch(() => undefined);
  }

  return {
    names(): string[] {
      return [...jobs.keys()];
    },

    /** When each job last finished without an error; absent until it has. */
    lastSuccesses(): { name: string; at: Date }[] {
      return [...jobs.values()].flatMap((job) =>
        job.lastSucceededAt ? [{ name: job.definition.name, at: job.lastSucceededAt }] : [],
      );
    },

    start(): void {
      if (tasks.length > 0) return;
      stopped = false;
      tasks = [...jobs.values()].map((job) =>
        cron.schedule(job.definition.schedule, (context) => tick(job, context.date), {
          name: job.definition.name,
          noOverlap: true,
          logger: cronLogger,
          timezone: job.definition.timezone,
        }),
      );
      logger.info({ jobs: [...jobs.keys()] }, 'jobs scheduled');
    },

    /** For a graceful shutdown: no new scheduled runs, and the runs in progress are awaited. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all(tasks.map((task) => task.destroy()));
      tasks = [];
      const inFlight = [...jobs.values()].flatMap((job) => [job.running, job.queued]);
      await Promise.all(inFlight.map((run) => run?.catch(() => undefined)));
    },

    runNow,

    /** What the schedule does at a tick, for tests that cannot wait for the clock: runs `name` for `slot`. */
    async runTick(name: string, slot: Date): Promise<void> {
      const job = jobs.get(name);
      if (!job) throw new AppError(404, 'job.not_found', `No job named ${name}`);
      await tick(job, slot);
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
