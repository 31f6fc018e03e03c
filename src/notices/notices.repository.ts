import { OPEN_STATUSES } from '../cases/cases.models';
import type { Db, DbOrTransaction } from '../shared/db';

export interface HandoverFigures {
  open: number;
  mine: number;
  /** Open cases with nobody assigned or past their deadline, most urgent first, at most `limit`. */
  attention: string[];
  attentionTotal: number;
}

export interface SummaryFigures {
  open: number;
  overdue: number;
  missed: number;
  abandoned: number;
}

/**
 * The notices the jobs send once, and the few counts they carry. `claim` goes in the same
 * transaction as the SMS, so a notice and its key commit together or not at all.
 */
export function createNoticesRepository({ db }: { db: Db }) {
  return {
    /** True when the key was not there yet (send now); false when a run before sent this notice. */
    async claim(trx: DbOrTransaction, key: string, at: Date): Promise<boolean> {
      const result = await trx
        .insertInto('notices_sent')
        .values({ key, sent_at: at.toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async wasSent(key: string, executor: DbOrTransaction = db): Promise<boolean> {
      const row = await executor
        .selectFrom('notices_sent')
        .select('key')
        .where('key', '=', key)
        .executeTakeFirst();
      return row !== undefined;
    },

    async handoverFigures(staffId: number, now: Date, limit: number): Promise<HandoverFigures> {
      const instant = now.toISOString();
      const counts = await db
        .selectFrom('cases')
        .select((eb) => [
          eb.fn.countAll<number>().as('open'),
          eb.fn.countAll<number>().filterWhere('assignee_id', '=', staffId).as('mine'),
          eb.fn
            .countAll<number>()
            .filterWhere((fb) => fb.or([fb('assignee_id', 'is', null), fb('due_at', '<', instant)]))
            .as('attention'),
        ])
        .where('status', 'in', OPEN_STATUSES)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('cases')
        .select('ref')
        .where('status', 'in', OPEN_STATUSES)
        .where((eb) => eb.or([eb('assignee_id', 'is', null), eb('due_at', '<', instant)]))
        // Unassigned first (nobody is on them), then the longest overdue; a case with no deadline
        // (only ever unassigned here) is the least pressing of its group, on either store.
        .orderBy((eb) => eb.case().when('assignee_id', 'is', null).then(eb.lit(0)).else(eb.lit(1)).end())
        .orderBy('due_at', (ob) => ob.asc().nullsLast())
        .orderBy('id')
        .limit(limit)
        .execute();
      return {
        open: Number(counts.open),
        mine: Number(counts.mine ?? 0),
        attention: rows.map((row) => row.ref),
        attentionTotal: Number(counts.attention ?? 0),
      };
    },

    async summaryFigures(now: Date, since: Date): Promise<SummaryFigures> {
      const instant = now.toISOString();
      const cases = await db
        .selectFrom('cases')
        .select((eb) => [
          eb.fn.countAll<number>().as('open'),
          eb.fn.countAll<number>().filterWhere('due_at', '<', instant).as('overdue'),
        ])
        .where('status', 'in', OPEN_STATUSES)
        .executeTakeFirstOrThrow();
      const calls = await db
        .selectFrom('calls')
        .select((eb) => [
          eb.fn.countAll<number>().filterWhere('missed', '=', 1).as('missed'),
          eb.fn.countAll<number>().filterWhere('outcome', '=', 'abandoned').as('abandoned'),
        ])
        .where('started_at', '>=', since.toISOString())
        .where('started_at', '<', instant)
        .executeTakeFirstOrThrow();
      return {
        open: Number(cases.open),
        overdue: Number(cases.overdue ?? 0),
        missed: Number(calls.missed ?? 0),
        abandoned: Number(calls.abandoned ?? 0),
      };
    },
  };
}

export type NoticesRepository = ReturnType<typeof createNoticesRepository>;
