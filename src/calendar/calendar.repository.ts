import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';

export interface CalendarFeed {
  id: number;
  /** Null for the whole-roster feed. */
  staffId: number | null;
  createdAt: string;
}

/** Feeds are found by the hash of their secret token; the token itself is never stored. */
export function createCalendarRepository({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async create(tokenHash: string, staffId: number | null): Promise<CalendarFeed> {
      const row = await db
        .insertInto('calendar_feeds')
        .values({ token_hash: tokenHash, staff_id: staffId, created_at: clock.now().toISOString() })
        .returning(['id', 'staff_id', 'created_at'])
        .executeTakeFirstOrThrow();
      return { id: row.id, staffId: row.staff_id, createdAt: row.created_at };
    },

    async findActive(tokenHash: string): Promise<CalendarFeed | undefined> {
      const row = await db
        .selectFrom('calendar_feeds')
        .select(['id', 'staff_id', 'created_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && { id: row.id, staffId: row.staff_id, createdAt: row.created_at };
    },

    /** True when a live feed was revoked. */
    async revoke(tokenHash: string): Promise<boolean> {
      const result = await db
        .updateTable('calendar_feeds')
        .set({ revoked_at: clock.now().toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
