/**
 * Who may run a job right now, across every node on one store. jobs.ts asks before each run and
 * hands the lease back after it; it keeps a job from overlapping itself within one process on its own.
 * The store's implementation is job-lease-store.ts; the container injects it.
 */
export interface JobLeases {
  /**
   * Takes the job's lease if nobody holds a live one. With `tick` (a scheduled run: the cron slot it
   * is for) only if no node has taken that tick or a later one, so a tick runs once in the cluster.
   */
  acquire(name: string, tick?: Date): Promise<boolean>;
  /** Keeps a held lease alive during a long run; false if it was lost (it expired and was taken). */
  renew(name: string): Promise<boolean>;
  release(name: string): Promise<void>;
  /** How long a lease lasts unrenewed; a run renews it three times within that. */
  readonly ttlMs: number;
}

/** One process alone: jobs.ts's own bookkeeping is the whole guard, so every lease is granted. */
export const singleProcessLeases: JobLeases = {
  acquire: async () => true,
  renew: async () => true,
  release: async () => {},
  ttlMs: 30_000,
};
