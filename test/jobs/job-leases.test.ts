import { createJobLeases } from '../../src/jobs/job-lease-store';
import { createJobs, type JobDefinition } from '../../src/jobs/jobs';
import { type Clock, createManualClock, systemClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const SLOT = new Date('2027-03-01T02:05:00.000Z');
const NEXT_SLOT = new Date('2027-03-01T02:10:00.000Z');

/**
 * One job shared by several nodes: every run, on whichever node, is counted in one place, and runs
 * finish when the test says so (or at once when `manual` is false).
 */
function sharedJob({ manual }: { manual: boolean }) {
  const finishers: Array<() => void> = [];
  const runs: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const definitionFor = (node: string): JobDefinition => ({
    name: 'gap-watch',
    schedule: '*/5 * * * *',
    run: async () => {
      runs.push(node);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Long enough for the other node's request to arrive while this run is on.
      if (manual) await new Promise<void>((resolve) => finishers.push(resolve));
      else await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return { node };
    },
  });
  return {
    definitionFor,
    runs,
    maxInFlight: () => maxInFlight,
    async started(count: number) {
      while (runs.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    finishCurrent() {
      finishers.shift()?.();
    },
  };
}

// Two nodes on one store: each its own job list and lease holder, as two servers would have. On
// PostgreSQL their statements run on separate pooled connections, so they really race.
describe('job leases: two nodes on one store', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.close();
  });

  function node(name: string, job: ReturnType<typeof sharedJob>, clock: Clock, ttlMs = 30_000) {
    const leases = createJobLeases({ db: database.db, clock, holder: name, ttlMs });
    return createJobs([job.definitionFor(name)], { logger: silentLogger, clock, leases, leaseRetryMs: 10 });
  }

  it('runs a tick triggered on both nodes at once exactly once, and the next tick once again', async () => {
    const job = sharedJob({ manual: false });
    const clock = createManualClock(SLOT);
    const a = node('node-a', job, clock);
    const b = node('node-b', job, clock);

    await Promise.all([a.runTick('gap-watch', SLOT), b.runTick('gap-watch', SLOT)]);
    expect(job.runs).toHaveLength(1);

    // A node whose clock fires the same tick late, after the run ended, finds it taken too.
    const late = job.runs[0] === 'node-a' ? b : a;
    await late.runTick('gap-watch', SLOT);
    expect(job.runs).toHaveLength(1);

    clock.set(NEXT_SLOT);
    await Promise.all([b.runTick('gap-watch', NEXT_SLOT), a.runTick('gap-watch', NEXT_SLOT)]);
    expect(job.runs).toHaveLength(2);
  });

  it('holds many racing ticks to one run each', async () => {
    const job = sharedJob({ manual: false });
    const clock = createManualClock(SLOT);
    const nodes = ['a', 'b', 'c', 'd'].map((name) => node(name, job, clock));
    for (let minute = 0; minute < 5; minute += 1) {
      const slot = new Date(SLOT.getTime() + minute * 60_000);
      clock.set(slot);
      await Promise.all(nodes.map((jobs) => jobs.runTick('gap-watch', slot)));
    }
    expect(job.runs).toHaveLength(5);
    expect(job.maxInFlight()).toBe(1);
  });

  it('makes an on-demand run wait for the run on the other node, then run', async () => {
    const job = sharedJob({ manual: true });
    const clock = createManualClock(SLOT);
    const a = node('node-a', job, clock);
    const b = node('node-b', job, clock);

    const scheduled = a.runTick('gap-watch', SLOT);
    await job.started(1);
    let answered = false;
    const onDemand = b.runNow('gap-watch').then((result) => {
      answered = true;
      return result;
    });
    // Polling every 10 ms, it would have started by now were it not held.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(job.runs).toEqual(['node-a']);
    expect(answered).toBe(false);

    job.finishCurrent();
    await scheduled;
    await job.started(2);
    job.finishCurrent();
    await expect(onDemand).resolves.toEqual({ node: 'node-b' });
    expect(job.runs).toEqual(['node-a', 'node-b']);
    expect(job.maxInFlight()).toBe(1);
  });

  it('lets another node take over once the lease of a holder that died has expired', async () => {
    const job = sharedJob({ manual: false });
    const clock = createManualClock(SLOT);
    // A node killed mid-run: it took the lease and never handed it back.
    const dead = createJobLeases({ db: database.db, clock, holder: 'killed-node', ttlMs: 30_000 });
    expect(await dead.acquire('gap-watch', SLOT)).toBe(true);
    const survivor = node('node-b', job, clock);

    clock.set(new Date(SLOT.getTime() + 29_000));
    await survivor.runTick('gap-watch', new Date(SLOT.getTime() + 60_000));
    expect(job.runs).toEqual([]);

    clock.set(new Date(SLOT.getTime() + 30_000));
    await survivor.runTick('gap-watch', NEXT_SLOT);
    expect(job.runs).toEqual(['node-b']);
    // The dead holder's lease is gone: should it come back to life, it cannot renew it.
    expect(await dead.renew('gap-watch')).toBe(false);
  });

  it('frees every lease at once for a server that restarts alone on its store', async () => {
    const job = sharedJob({ manual: false });
    const clock = createManualClock(SLOT);
    const before = createJobLeases({ db: database.db, clock, holder: 'before-the-crash', ttlMs: 30_000 });
    expect(await before.acquire('gap-watch', SLOT)).toBe(true);
    const restarted = createJobLeases({ db: database.db, clock, holder: 'after-the-crash', ttlMs: 30_000 });
    const jobs = createJobs([job.definitionFor('after')], { logger: silentLogger, clock, leases: restarted });
    await jobs.runTick('gap-watch', NEXT_SLOT);
    expect(job.runs).toEqual([]);

    expect(await restarted.releaseAll()).toBe(1);
    await jobs.runTick('gap-watch', NEXT_SLOT);
    expect(job.runs).toEqual(['after']);
  });

  it('keeps renewing the lease of a run that outlasts it, so nobody else starts meanwhile', async () => {
    const job = sharedJob({ manual: true });
    const a = node('node-a', job, systemClock, 150);
    const b = node('node-b', job, systemClock, 150);

    const long = a.runNow('gap-watch');
    await job.started(1);
    // Three lease lengths: without renewal node B would have taken the job over long ago.
    const slot = new Date(Date.now() + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 450));
    await b.runTick('gap-watch', slot);
    expect(job.runs).toEqual(['node-a']);

    job.finishCurrent();
    await long;
    const after = b.runTick('gap-watch', slot);
    await job.started(2);
    job.finishCurrent();
    await after;
    expect(job.runs).toEqual(['node-a', 'node-b']);
  });
});
