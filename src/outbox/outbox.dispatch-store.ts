import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { Db } from '../shared/db';
import { lockUntilCommit, sqlDialectOf } from '../shared/sql-dialect';
import {
  type Claim,
  type ClaimedMessage,
  type DeliveryOutcomeHook,
  FAILED_RANK,
  OPTED_OUT_CODE,
  type OutboxMessage,
  SUBMITTED_RANK,
} from './outbox.models';
import { recordOptOut } from './outbox.opt-out-store';
import { toOutboxMessage } from './outbox.rows';
import { applyEarlyStatuses, applyTwilioStatus, messageSidLockKey } from './outbox.status-store';

export interface SendFailure {
  code: string | null;
  message: string;
}

/**
 * The dispatcher's bookkeeping. Every method is one short transaction or statement, so the
 * network call to Twilio always happens between transactions and never blocks a webhook. A row is
 * claimed just before its send, under a token of its own, and every later write about that send
 * checks the token: a dispatcher whose claim was taken over records nothing over the new owner.
 */
export function createDispatchStore({
  db,
  clock,
  onDeliveryOutcome,
}: {
  db: Db;
  clock: Clock;
  onDeliveryOutcome: DeliveryOutcomeHook;
}) {
  const nowIso = () => clock.now().toISOString();
  const { skipsLockedRows } = sqlDialectOf(db);

  return {
    /**
     * Claims the next due message, if any, to a number not in `busyNumbers`: it moves to `sending`
     * under a fresh token and counts an attempt.
     */
    async claimNext(busyNumbers: readonly string[] = []): Promise<ClaimedMessage | undefined> {
      const now = nowIso();
      const claimToken = randomUUID();
      // One statement picks and claims the row, so two dispatchers can never both claim it; where
      // several can be at it at once (PostgreSQL), each skips the rows another is claiming.
      const row = await db
        .updateTable('outbox')
        .set((eb) => ({
          status: 'sending',
          claimed_at: now,
          claim_token: claimToken,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', (eb) =>
          eb
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'queued')
            .where('next_attempt_at', '<=', now)
            .$if(busyNumbers.length > 0, (query) => query.where('to_phone', 'not in', busyNumbers))
            // One number's messages go one at a time, in order, whichever dispatcher sends them.
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('outbox as in_flight')
                    .select('in_flight.id')
                    .whereRef('in_flight.to_phone', '=', 'outbox.to_phone')
                    .where('in_flight.status', '=', 'sending'),
                ),
              ),
            )
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(1)
            .$if(skipsLockedRows, (query) => query.forUpdate().skipLocked()),
        )
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
      return row && { ...toOutboxMessage(row), claimToken };
    },

    /** Whether the claim still holds: the row is `sending` under its token, claimed less than `leaseMs` ago. */
    async isClaimLive(claim: Claim, leaseMs: number): Promise<boolean> {
      const expired = new Date(clock.now().getTime() - leaseMs).toISOString();
      const row = await db
        .selectFrom('outbox')
        .select('id')
        .where('id', '=', claim.id)
        .where('claim_token', '=', claim.claimToken)
        .where('status', '=', 'sending')
        .where('claimed_at', '>=', expired)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Records that Twilio accepted the message, and applies the status callbacks that beat the
     * answer here. A row the lease handed back to `queued` and nobody claimed since is recorded
     * too, so that it is not sent a second time; one claimed by another dispatcher is not.
     */
    async markSubmitted(claim: Claim, twilioSid: string, twilioStatus: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        // A callback for this Sid waits for this to commit, or is kept early before it starts.
        await lockUntilCommit(trx, messageSidLockKey(twilioSid));
        const now = nowIso();
        const row = await trx
          .updateTable('outbox')
          .set({
            status: 'submitted',
            status_rank: SUBMITTED_RANK,
            twilio_sid: twilioSid,
            claimed_at: null,
            error_code: null,
            error_message: null,
            updated_at: now,
          })
          .where('id', '=', claim.id)
          .where('claim_token', '=', claim.claimToken)
          .where('status', 'in', ['sending', 'queued'])
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        const status = { twilioStatus, errorCode: null, now };
        const answered = (await applyTwilioStatus(trx, row, status, onDeliveryOutcome)) ?? row;
        await applyEarlyStatuses(trx, answered, now, onDeliveryOutcome);
        return true;
      });
    },

    /** Puts a claimed message back in the queue until `nextAttemptAt`, keeping the last error for operators. */
    async markRetry(claim: Claim, failure: SendFailure, nextAttemptAt: Date): Promise<boolean> {
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
        .where('id', '=', claim.id)
        .where('claim_token', '=', claim.claimToken)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Ends a claimed message for good. An opt-out is remembered for the number, and every other
     * message still waiting for it is stopped too, so the number gets nothing more after STOP.
     */
    async markFailed(
      claim: Claim,
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
          .where('id', '=', claim.id)
          .where('claim_token', '=', claim.claimToken)
          .where('status', '=', 'sending')
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        const ended = toOutboxMessage(row);
        await onDeliveryOutcome(trx, ended, status === 'opted_out' ? 'opted_out' : 'undeliverable');
        if (status !== 'opted_out') return ended;
        await recordOptOut(trx, { phone: row.to_phone, source: 'twilio', at: now });
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
        for (const other of stopped) await onDeliveryOutcome(trx, toOutboxMessage(other), 'opted_out');
        return ended;
      });
    },

    /**
     * Hands messages stuck in `sending` back to the queue. At start no run is in flight, so all of
     * them were interrupted by a crash; during normal runs only those claimed longer ago than
     * `leaseMs`. Either way a message may go out twice, but never not at all. The token stays, so
     * a late answer for the old claim is still recorded unless someone claimed the row since.
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
