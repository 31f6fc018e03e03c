import express from 'express';
import request from 'supertest';
import { createJobs, type JobDefinition } from '../../src/jobs/jobs';
import { createJobsRouter } from '../../src/jobs/jobs.routes';
import { AppError } from '../../src/shared/errors';
import { createErrorHandler } from '../../src/shared/http';
import { silentLogger } from '../../src/shared/logger';

/** A job whose runs finish only when the test says so, counting how many overlap. */
function controllableJob(name = 'dispatch-outbox') {
  const finishers: Array<() => void> = [];
  let runs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const definition: JobDefinition = {
    name,
    schedule: '*/5 * * * * *',
    run: async () => {
      runs += 1;
      const run = runs;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => finishers.push(resolve));
      inFlight -= 1;
      return { run };
    },
  };
  return {
    definition,
    runs: () => runs,
    maxInFlight: () => maxInFlight,
    async finishCurrent() {
      while (finishers.length === 0) await new Promise((resolve) => setImmediate(resolve));
      finishers.shift()?.();
    },
  };
}

describe('the job list', () => {
  it('runs a job on demand and returns what it returned', async () => {
    const jobs = createJobs(
      [{ name: 'sla-watch', schedule: '* * * * *', run: async () => ({ reminded: 2 }) }],
      {
        logger: silentLogger,
      },
    );

    await expect(jobs.runNow('sla-watch')).resolves.toEqual({ reminded: 2 });
  });

  it('refuses an unknown job with a 404', async () => {
    const jobs = createJobs([], { logger: silentLogger });

    const error = await jobs.runNow('nope').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 404, code: 'job.not_found' });
  });

  it('never overlaps a run in progress: a second request runs after it, and a third shares that run', async () => {
    const job = controllableJob();
    const jobs = createJobs([job.definition], { logger: silentLogger });

    const first = jobs.runNow('dispatch-outbox');
    const second = jobs.runNow('dispatch-outbox');
    const third = jobs.runNow('dispatch-outbox');
    expect(third).toBe(second);

    await job.finishCurrent();
    await expect(first).resolves.toEqual({ run: 1 });
    await job.finishCurrent();
    await expect(second).resolves.toEqual({ run: 2 });

    expect(job.runs()).toBe(2);
    expect(job.maxInFlight()).toBe(1);
  });

  it('passes a failing run on to whoever asked, and runs again next time', async () => {
    let calls = 0;
    const jobs = createJobs(
      [
        {
          name: 'gap-watch',
          schedule: '0 * * * *',
          run: async () => {
            calls += 1;
            if (calls === 1) throw new Error('roster unavailable');
            return 'ok';
          },
        },
      ],
      { logger: silentLogger },
    );

    await expect(jobs.runNow('gap-watch')).rejects.toThrow('roster unavailable');
    await expect(jobs.runNow('gap-watch')).resolves.toBe('ok');
  });

  it('rejects an invalid schedule or a name listed twice when the list is built', () => {
    const run = async () => undefined;
    expect(() =>
      createJobs([{ name: 'a', schedule: 'every minute', run }], { logger: silentLogger }),
    ).toThrow(/invalid schedule/);
    expect(() =>
      createJobs(
        [
          { name: 'a', schedule: '* * * * *', run },
          { name: 'a', schedule: '* * * * *', run },
        ],
        { logger: silentLogger },
      ),
    ).toThrow(/twice/);
  });

  it('stops its schedules and waits for the runs in progress', async () => {
    const job = controllableJob();
    const jobs = createJobs([job.definition], { logger: silentLogger });
    jobs.start();
    const running = jobs.runNow('dispatch-outbox');

    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);

    await job.finishCurrent();
    await stopping;
    await running;
    expect(stopped).toBe(true);
  });

  describe('POST /api/jobs/:name/run', () => {
    const app = () => {
      const jobs = createJobs(
        [{ name: 'callbacks', schedule: '*/10 * * * *', run: async () => ({ reminded: 1 }) }],
        {
          logger: silentLogger,
        },
      );
      const server = express();
      server.use('/api/jobs', createJobsRouter({ jobs }));
      server.use(createErrorHandler(silentLogger));
      return server;
    };

    it('runs the job and answers with its result', async () => {
      const response = await request(app()).post('/api/jobs/callbacks/run').expect(200);

      expect(response.body).toEqual({ job: 'callbacks', result: { reminded: 1 } });
    });

    it('answers 404 for an unknown job', async () => {
      const response = await request(app()).post('/api/jobs/nope/run').expect(404);

      expect(response.body.error.code).toBe('job.not_found');
    });
  });
});
