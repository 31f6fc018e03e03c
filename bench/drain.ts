import SqliteDatabase from 'better-sqlite3';
import type { FakeStats } from './fake-twilio-stats';
import type { Table } from './table';

// Between measurements: wait until the outbox has sent everything and the fake Twilio has posted
// every status callback, so one measurement's backlog does not slow the next.

const POLL_MS = 25;

export interface DrainResult {
  ms: number;
  drained: boolean;
  /** What was still owed when the wait ended: unsent outbox rows, and callbacks not yet answered. */
  unsent: number;
  callbacksOwed: number;
}

/** A read-only connection to the server's database file, for polling while the server writes. */
export function openReadOnly(databasePath: string) {
  const sqlite = new SqliteDatabase(databasePath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const unsent = sqlite.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('queued', 'sending')");
  return {
    countUnsent: () => (unsent.get() as { n: number }).n,
    close: () => sqlite.close(),
  };
}

export type ReadOnlyDatabase = ReturnType<typeof openReadOnly>;

const owedCallbacks = (stats: FakeStats) =>
  stats.callbacksOwed - stats.callbacksAccepted - stats.callbacksRefused;

export async function drainOutbox(deps: {
  database: ReadOnlyDatabase;
  fakeStats: () => Promise<FakeStats>;
  timeoutMs: number;
}): Promise<DrainResult> {
  const started = performance.now();
  for (;;) {
    const unsent = deps.database.countUnsent();
    const callbacksOwed = owedCallbacks(await deps.fakeStats());
    const ms = performance.now() - started;
    if (unsent === 0 && callbacksOwed === 0) return { ms, drained: true, unsent, callbacksOwed };
    if (ms > deps.timeoutMs) return { ms, drained: false, unsent, callbacksOwed };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Drains, adds a row saying how long it took, and returns that time in ms. */
export function createDrainStep(deps: {
  database: ReadOnlyDatabase;
  fakeStats: () => Promise<FakeStats>;
  timeoutMs: number;
  table: Table;
}) {
  return async (label: string): Promise<number> => {
    const drained = await drainOutbox(deps);
    const left = drained.drained
      ? ''
      : ` (${drained.unsent} unsent, ${drained.callbacksOwed} callbacks owed)`;
    deps.table.check(
      `  outbox drained ${label}`,
      `${drained.ms.toFixed(0)} ms${left}`,
      'drained',
      drained.drained,
      drained.ms,
    );
    return drained.ms;
  };
}
