import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { JobLeases } from './job-leases';

/** A name for this process in the lease table, for operators reading it: host, pid and a nonce. */
export function leaseHolderName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Leases as rows of `job_leases`, claimed by a conditional UPDATE. One implementation for both
 * stores: SQLite has one writer at a time, and PostgreSQL re-checks an UPDATE's WHERE on the row
 * as the concurrent winner committed it, so of two nodes asking at once exactly one gets the row.
 *
 * A row rather than a PostgreSQL advisory lock: it works on SQLite too, it needs no connection held
 * for the run's length (a pool of ten would starve with six jobs running), it records the last tick
 * taken (a lock alone cannot tell a tick that already ran from one that did not), and a holder that
 * was killed leaves a lease that expires after `ttlMs`, no cleanup needed.
 *
 * Times come from the injected clock, as everywhere else; nodes' clocks agreeing to well within
 * `ttlMs` (NTP) is assumed. A tick is the cron slot, which every node computes alike.
 */
export interface JobLeaseStore extends JobLeases {
  /**
   * Frees every lease. Only for a server alone on its store (SQLite) at start: any lease left is its
   * own from before a crash, and would otherwise hold its jobs back until it expired.
   */
  releaseAll(): Promise<number>;
}

export function createJobLeases(deps: {
  db: Db;
  clock: Clock;
  holder: string;
  ttlMs?: number;
}): JobLeaseStore {
  const { db, clock, holder } = deps;
  const ttlMs = deps.ttlMs ?? 30_000;
  const known = new Set<string>();
  const expiry = () => new Date(clock.now().getTime() + ttlMs).toISOString();

  async function ensureRow(name: string): Promise<void> {
    if (known.has(name)) return;
    await db
      .insertInto('job_leases')
      .values({ name, holder: null, expires_at: null, last_tick: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    known.add(name);
  }

  return {
    ttlMs,

    async acquire(name, tick) {
      await ensureRow(name);
      const now = clock.now().toISOString();
      const tickIso = tick?.toISOString();
      const result = await db
        .updateTable('job_leases')
        .set({ holder, expires_at: expiry(), ...(tickIso ? { last_tick: tickIso } : {}) })
        .where('name', '=', name)
        .where((eb) => eb.or([eb('holder', 'is', null), eb('expires_at', '<=', now)]))
        .$if(tickIso !== undefined, (query) =>
          query.where((eb) => eb.or([eb('last_tick', 'is', null), eb('last_tick', '<', tickIso!)])),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async renew(name) {
      const result = await db
        .updateTable('job_leases')
        .set({ expires_at: expiry() })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async releaseAll() {
      const result = await db
        .updateTable('job_leases')
        .set({ holder: null, expires_at: null })
        .where('holder', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async release(name) {
      await db
        .updateTable('job_leases')
        .set({ holder: null, expires_at: null })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .execute();
    },
  };
}
