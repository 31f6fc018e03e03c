import type { ExpressionBuilder } from 'kysely';
import { needsSignOffSql } from '../cases/cases.conditions';
import { isUndeliverableCode, OPTED_OUT_CODE } from '../outbox/outbox.models';
import type { Db } from '../shared/db';
import type { Database } from '../shared/db.schema';

const NO_OPEN_CALLBACK = (eb: ExpressionBuilder<Database, 'cases'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('callback_tasks')
        .select('callback_tasks.id')
        .whereRef('callback_tasks.case_id', '=', 'cases.id')
        .where('callback_tasks.done_at', 'is', null),
    ),
  );

/** Resolved cases settled by the citizen: answered satisfied, or no answer by `cutoff` (window start + window). */
const SETTLED_BY = (cutoff: string) => (eb: ExpressionBuilder<Database, 'cases'>) =>
  eb.or([
    eb('satisfaction_answer', '=', 'satisfied'),
    eb.and([
      eb('satisfaction_answer', 'is', null),
      eb(eb.fn.coalesce('satisfaction_asked_at', 'resolved_at'), '<=', cutoff),
    ]),
  ]);

/** The queries of the satisfaction job; it changes cases through the case lifecycle. */
export function createSatisfactionRepository({ db }: { db: Db }) {
  return {
    /** Resolved cases with a phone never asked "are you satisfied?", and no call-back still owed. */
    async listNeverAsked(limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('cases')
        .select('id')
        .where('status', '=', 'resolved')
        .where('phone', 'is not', null)
        .where('satisfaction_asked_at', 'is', null)
        .where('satisfaction_answer', 'is', null)
        .where(NO_OPEN_CALLBACK)
        .orderBy('resolved_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Settled resolved cases that may close: no sign-off needed, or already given; no call-back owed. */
    async listClosable(cutoff: string, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('cases')
        .select('id')
        .where('status', '=', 'resolved')
        .where(SETTLED_BY(cutoff))
        .where((eb) => eb.or([eb.not(needsSignOffSql(eb)), eb('signed_off_at', 'is not', null)]))
        .where(NO_OPEN_CALLBACK)
        .orderBy('resolved_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Settled cases needing a sign-off (needsSignOff) that stay resolved until a supervisor gives it. */
    async listAwaitingSignOff(cutoff: string): Promise<number[]> {
      const rows = await db
        .selectFrom('cases')
        .select('id')
        .where('status', '=', 'resolved')
        .where(needsSignOffSql)
        .where('signed_off_at', 'is', null)
        .where(SETTLED_BY(cutoff))
        .orderBy('resolved_at')
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * Whether a text to this number can arrive: it has not opted out, and the last text that ended
     * did not end for good as invalid, a landline or unreachable.
     */
    async canReceiveSms(phone: string): Promise<boolean> {
      const optedOut = await db
        .selectFrom('opt_outs')
        .select('phone')
        .where('phone', '=', phone)
        .executeTakeFirst();
      if (optedOut) return false;
      const last = await db
        .selectFrom('outbox')
        .select(['status', 'error_code'])
        .where('to_phone', '=', phone)
        .where('status', 'in', ['sent', 'delivered', 'read', 'failed', 'undelivered', 'opted_out'])
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (!last || !['failed', 'undelivered', 'opted_out'].includes(last.status)) return true;
      return !(isUndeliverableCode(last.error_code) || last.error_code === OPTED_OUT_CODE);
    },
  };
}

export type SatisfactionRepository = ReturnType<typeof createSatisfactionRepository>;
