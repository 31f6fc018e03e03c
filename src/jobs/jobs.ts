import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import { type Clock, systemClock } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';

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

/**
 * The declarative job list: cron schedules plus on-demand runs. A job never overlaps itself,
 * whoever starts it; a scheduled tick that finds it busy is skipped, an on-demand run waits.
 */
export function createJobs(list: JobDefinition[], deps: { logger: Logger; clock?: Clock }) {
  const clock = deps.clock ?? systemClock;
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

  function startRun(job: JobState, reason: 'scheduled' | 'on_demand'): Promise<unknown> {
    const { name } = job.definition;
    const startedAt = performance.now();
    const run = Promise.resolve()
      .then(() => job.definition.run())
      .then(
        (result) => {
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

  async function tick(job: JobState): Promise<void> {
    if (stopped || job.running || job.queued) return;
    // Errors are logged by startRun; the schedule goes on.
    await startRun(job, 'scheduled').catch(() => undefined);
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
        cron.schedule(job.definition.schedule, () => tick(job), {
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
  };
}

export type Jobs = ReturnType<typeof createJobs>;
