import { Gauge } from 'prom-client';
import type { Jobs } from '../jobs/jobs';
import { readOutboxBacklog } from '../outbox/outbox.backlog';
import type { RosterService } from '../roster/roster.service';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import type { Metrics } from '../shared/metrics';

/**
 * The few numbers an operator alerts on, read when Prometheus scrapes: a stuck outbox, a job that
 * stopped succeeding, and nobody in the primary position right now.
 */
export function registerHealthGauges(
  { registry }: Metrics,
  {
    db,
    jobs,
    rosterService,
    clock,
  }: { db: Db; jobs: Jobs; rosterService: Pick<RosterService, 'onDutyAt'>; clock: Clock },
): void {
  // A scrape while the database is down still answers (the HTTP and process metrics say so):
  // these gauges keep their last reading, and /healthz reports the database.
  const keepLastOnFailure = (read: () => Promise<void>) => read().catch(() => undefined);
  let backlog: Promise<Awaited<ReturnType<typeof readOutboxBacklog>>> | undefined;
  // Both outbox gauges come from one query per scrape.
  const readBacklog = () => {
    backlog ??= readOutboxBacklog(db).finally(() => {
      setImmediate(() => {
        backlog = undefined;
      });
    });
    return backlog;
  };
  new Gauge({
    name: 'dutyline_outbox_waiting',
    help: 'Outgoing messages queued or being sent',
    registers: [registry],
    async collect() {
      await keepLastOnFailure(async () => this.set((await readBacklog()).waiting));
    },
  });
  new Gauge({
    name: 'dutyline_outbox_oldest_waiting_seconds',
    help: 'Age of the oldest message queued or being sent (0 when none)',
    registers: [registry],
    async collect() {
      await keepLastOnFailure(async () => {
        const { oldestCreatedAt } = await readBacklog();
        const age = oldestCreatedAt ? (clock.now().getTime() - Date.parse(oldestCreatedAt)) / 1000 : 0;
        this.set(Math.max(0, age));
      });
    },
  });
  new Gauge({
    name: 'dutyline_job_last_success_timestamp_seconds',
    help: 'When each scheduled job last finished without an error (Unix time)',
    labelNames: ['job'],
    registers: [registry],
    collect() {
      for (const { name, at } of jobs.lastSuccesses()) this.set({ job: name }, at.getTime() / 1000);
    },
  });
  new Gauge({
    name: 'dutyline_primary_on_duty',
    help: '1 when someone holds the primary position now, 0 when the phone would go to the backup or nobody',
    registers: [registry],
    async collect() {
      await keepLastOnFailure(async () =>
        this.set((await rosterService.onDutyAt(clock.now())).primary ? 1 : 0),
      );
    },
  });
}
