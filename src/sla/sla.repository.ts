import type { Db } from '../shared/db';
import { type Deadline, WATCHED_STATUSES } from './sla.models';

/** An open case whose deadline falls in the window a run looks at: just enough to place it. */
export interface WatchedDeadline {
  caseId: number;
  deadline: Deadline;
  createdAt: string;
  dueAt: string;
}

const KEY_CHUNK = 500;

const DEADLINE_COLUMN = { acknowledge: 'ack_due_at', result: 'due_at' } as const;

export function createSlaRepository({ db }: { db: Db }) {
  return {
    /**
     * Cases still owing `deadline` whose deadline lies in (from, to]. Reads the (status, deadline)
     * indexes: cases_by_status_ack and cases_by_status.
     */
    async listDeadlinesBetween(deadline: Deadline, from: Date, to: Date): Promise<WatchedDeadline[]> {
      const column = DEADLINE_COLUMN[deadline];
      let query = db
        .selectFrom('cases')
        .select((eb) => ['id', 'created_at', eb.ref(column).as('due')])
        .where('status', 'in', WATCHED_STATUSES[deadline])
        .where(column, '>', from.toISOString())
        .where(column, '<=', to.toISOString());
      // A case acknowledged once and later reopened met this deadline; the result deadline still holds.
      if (deadline === 'acknowledge') query = query.where('acknowledged_at', 'is', null);
      const rows = await query.orderBy(column).orderBy('id').execute();
      return rows.flatMap((row) =>
        row.due === null ? [] : [{ caseId: row.id, deadline, createdAt: row.created_at, dueAt: row.due }],
      );
    },

    /** Which of these notice keys a run before already claimed. */
    async claimedKeys(keys: string[]): Promise<Set<string>> {
      const claimed = new Set<string>();
      for (let start = 0; start < keys.length; start += KEY_CHUNK) {
        const rows = await db
          .selectFrom('notices_sent')
          .select('key')
          .where('key', 'in', keys.slice(start, start + KEY_CHUNK))
          .execute();
        for (const row of rows) claimed.add(row.key);
      }
      return claimed;
    },
  };
}

export type SlaRepository = ReturnType<typeof createSlaRepository>;
