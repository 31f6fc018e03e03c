import SqliteDatabase from 'better-sqlite3';
import type { FakeStats } from './fake-twilio-stats';
import { timed } from './progress';
import type { Table } from './table';

// Outbox dispatch rate: a burst of receipts queued straight into the database file while the
// server runs, then the dispatch-outbox job asked to run until the fake Twilio has them all.

const BURST_MARKER = 'Dutyline bench burst';

export interface BurstResult {
  messagesPerSecond: number;
  ms: number;
  /** Burst messages the fake accepted; more than the burst means some went twice. */
  accepted: number;
}

/** Queues `count` receipts for the first `count` cases, each body unique and starting with `marker`. */
function queueBurst(databasePath: string, count: number, marker: string): void {
  const sqlite = new SqliteDatabase(databasePath, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 10000');
    const now = new Date().toISOString();
    const insert = sqlite.prepare(
      `INSERT INTO outbox (to_phone, body, purpose, case_id, status, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 'receipt', ?, 'queued', ?, ?, ?)`,
    );
    const caseIds = sqlite.prepare('SELECT id FROM cases ORDER BY id LIMIT ?').pluck().all(count) as number[];
    if (caseIds.length < count)
      throw new Error(`the burst needs ${count} cases, the database has ${caseIds.length}`);
    sqlite.transaction(() => {
      caseIds.forEach((caseId, i) => {
        const to = `+86136${String(i).padStart(8, '0')}`;
        insert.run(to, `${marker} #${i}: 您的投诉已受理`, caseId, now, now, now);
      });
    })();
  } finally {
    sqlite.close();
  }
}

/** Asks the server to run dispatch-outbox until the fake has accepted `count` messages carrying `marker`. */
async function measureDispatch(deps: {
  serverUrl: string;
  adminToken: string;
  fakeStats: (bodyPrefix: string) => Promise<FakeStats>;
  count: number;
  marker: string;
  timeoutMs: number;
}): Promise<BurstResult> {
  const started = performance.now();
  let accepted = 0;
  // A run is bounded, so a burst may need several; the answer comes when a run has ended.
  while (accepted < deps.count && performance.now() - started < deps.timeoutMs) {
    const answer = await fetch(`${deps.serverUrl}/api/jobs/dispatch-outbox/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deps.adminToken}` },
    });
    if (!answer.ok)
      throw new Error(`POST /api/jobs/dispatch-outbox/run answered ${answer.status}: ${await answer.text()}`);
    await answer.arrayBuffer();
    accepted = (await deps.fakeStats(deps.marker)).matching;
    if (accepted < deps.count) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - started;
  return { messagesPerSecond: (Math.min(accepted, deps.count) * 1000) / ms, ms, accepted };
}

/** Queues the burst, measures its dispatch and adds the row (target ≥ 100 messages a second). */
export async function measureOutboxBurst(deps: {
  databasePath: string;
  serverUrl: string;
  adminToken: string;
  fakeStats: (bodyPrefix: string) => Promise<FakeStats>;
  count: number;
  timeoutMs: number;
  table: Table;
}): Promise<void> {
  queueBurst(deps.databasePath, deps.count, BURST_MARKER);
  const burst = await timed('outbox burst', () => measureDispatch({ ...deps, marker: BURST_MARKER }));
  deps.table.atLeast(`outbox dispatch, burst of ${deps.count}`, burst.messagesPerSecond, 100, 'msg/s', 0);
  deps.table.check(
    '  burst messages the fake accepted',
    String(burst.accepted),
    String(deps.count),
    burst.accepted === deps.count,
    burst.accepted,
  );
}
