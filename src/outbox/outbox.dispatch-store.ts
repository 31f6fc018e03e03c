import { createCallbacksRepository } from '../callbacks/callbacks.repository';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import {
  FAILED_RANK,
  OPTED_OUT_CODE,
  type OutboxMessage,
  rankTwilioStatus,
  toOutboxStatus,
} from './outbox.models';
import { toOutboxMessage } from './outbox.rows';

export interface SendFailure {
  code: string | null;
  message: string;
}

/**
 * The dispatcher's bookkeeping. Every method is one short transaction or statement, so the
 * network call to Twilio always happens between transactions and never blocks a webhook.
 */
export function createDispatchStore({ db, clock }: { db: Db; clock: Clock }) {
  const nowIso = () => clock.now().toISOString();
  const callbacks = createCallbacksRepository({ db });

  return {
    /** Takes up to `limit` due messages for one run: they move to `sending` and count an attempt. */
    async claimDue(limit: number): Promise<OutboxMessage[]> {
      return db.transaction().execute(async (trx) => {
        const now = nowIso();
        const due = await trx
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .execute();
        if (due.length === 0) return [];
        const ids = due.map((row) => row.id);
        const rows = await trx
          .updateTable('outbox')
          .set((eb) => ({
            status: 'sending',
            claimed_at: now,
            attempts: eb('attempts', '+', 1),
            updated_at: now,
          }))
          .where('id', 'in', ids)
          .where('status', '=', 'queued')
          .returningAll()
          .execute();
        return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map(toOutboxMessage);
      });
    },

    /**
     * Records that Twilio accepted the message. A row the lease handed back to `queued` while this
     * send was still in flight is recorded too, so that it is not sent a second time.
     */
    async markSubmitted(id: number, twilioSid: string, twilioStatus: string): Promise<boolean> {
      const now = nowIso();
      const result = await db
        .updateTable('outbox')
        .set({
          status: toOutboxStatus(twilioStatus),
          status_rank: rankTwilioStatus(twilioStatus) ?? 1,
          twilio_sid: twilioSid,
          claimed_at: null,
          error_code: null,
          error_message: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', 'in', ['sending', 'queued'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Puts a claimed message back in the queue until `nextAttemptAt`, keeping the last error for operators. */
    async markRetry(id: number, failure: SendFailure, nextAttemptAt: Date): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({
          status: 'queued',
          claimed_at: null,
          next_attempt_at: nextAttemptAt.toISOString(),
          error_code: failure.code,
          error_message: failure.message,
          updated_at: nowIso(),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Ends a claimed message for good. An opt-out is remembered for the number, and every other
     * message still waiting for it is stopped too, so the number gets nothing more after STOP.
     */
    async markFailed(
      id: number,
      status: 'failed' | 'opted_out',
      code: string | null,
      message: string,
    ): Promise<OutboxMessage | undefined> {
      return db.transaction().execute(async (trx) => {
        const now = nowIso();
        const row = await trx
          .updateTable('outbox')
          .set({
            status,
            status_rank: FAILED_RANK,
            claimed_at: null,
            error_code: code,
            error_message: message,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        // The citizen cannot get the result by text, so it is owed by phone, raised with the failure.
        await callbacks.raiseForUndeliveredResult(trx, row, now);
        if (status !== 'opted_out') return toOutboxMessage(row);
        await trx
          .insertInto('opt_outs')
          .values({ phone: row.to_phone, opted_out_at: now, source: 'twilio' })
          .onConflict((oc) => oc.column('phone').doNothing())
          .execute();
        const stopped = await trx
          .updateTable('outbox')
          .set({
            status: 'opted_out',
            status_rank: FAILED_RANK,
            error_code: OPTED_OUT_CODE,
            error_message: 'The number opted out',
            updated_at: now,
          })
          .where('to_phone', '=', row.to_phone)
          .where('status', 'in', ['queued', 'held'])
          .returningAll()
          .execute();
        for (const other of stopped) await callbacks.raiseForUndeliveredResult(trx, other, now);
        return toOutboxMessage(row);
      });
    },

    /**
     * Hands messages stuck in `sending` back to the queue. At start no run is in flight, so all of
     * them were interrupted by a crash; during normal runs only those claimed longer ago than
     * `leaseMs`. Either way a message may go out twice, but never not at all.
     */
    async recoverInterrupted(leaseMs?: number): Promise<number> {
      const now = clock.now();
      let query = db
        .updateTable('outbox')
        .set({ status: 'queued', claimed_at: null, updated_at: now.toISOString() })
        .where('status', '=', 'sending');
      if (leaseMs !== undefined) {
        const expired = new Date(now.getTime() - leaseMs).toISOString();
        query = query.where((eb) => eb.or([eb('claimed_at', '<', expired), eb('claimed_at', 'is', null)]));
      }
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Queues everything kept while offline, once credentials are set. */
    async releaseHeld(): Promise<number> {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'queued', updated_at: nowIso() })
        .where('status', '=', 'held')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
