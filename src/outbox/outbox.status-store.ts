import { createCallbacksRepository } from '../callbacks/callbacks.repository';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import {
  DELIVERED_RANK,
  isNotDelivered,
  type OutboxMessage,
  rankTwilioStatus,
  SENT_RANK,
  toOutboxStatus,
} from './outbox.models';
import { toOutboxMessage } from './outbox.rows';

export interface StatusCallback {
  messageSid: string;
  messageStatus: string;
  errorCode?: string | null;
}

/** `message` is null when no outbox row has that MessageSid; `changed` is false for a stale or repeated callback. */
export interface StatusCallbackResult {
  changed: boolean;
  message: OutboxMessage | null;
}

/**
 * Applies Twilio's SMS status callbacks. They come twice and out of order, so a status only ever
 * moves up the rank; a result text that reached the citizen completes the case's feedback in the
 * same transaction, so the "feedback" have is never claimed without the delivery behind it.
 */
export function createStatusStore({ db, clock }: { db: Db; clock: Clock }) {
  const callbacks = createCallbacksRepository({ db });
  return {
    async applyStatusCallback(callback: StatusCallback): Promise<StatusCallbackResult> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('outbox')
          .selectAll()
          .where('twilio_sid', '=', callback.messageSid)
          .executeTakeFirst();
        if (!row) return { changed: false, message: null };
        const rank = rankTwilioStatus(callback.messageStatus);
        if (rank === undefined || rank <= row.status_rank)
          return { changed: false, message: toOutboxMessage(row) };

        const now = clock.now().toISOString();
        const failed = isNotDelivered(callback.messageStatus);
        // `undelivered` still left Twilio; `failed` and `canceled` never did.
        const leftTwilio =
          rank >= SENT_RANK && callback.messageStatus !== 'failed' && callback.messageStatus !== 'canceled';
        const delivered = rank >= DELIVERED_RANK;
        const updated = await trx
          .updateTable('outbox')
          .set({
            status: toOutboxStatus(callback.messageStatus),
            status_rank: rank,
            error_code: failed ? (callback.errorCode ?? row.error_code) : row.error_code,
            sent_at: leftTwilio ? (row.sent_at ?? now) : row.sent_at,
            delivered_at: delivered ? (row.delivered_at ?? now) : row.delivered_at,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();

        if (row.purpose === 'result' && row.case_id !== null) {
          if (leftTwilio) await recordFeedbackSent(trx, row.case_id, row.id, now);
          if (delivered) await recordFeedbackDelivered(trx, row.case_id, row.id, now);
          // A result that will not arrive is owed by phone; one that arrives after all is not.
          if (failed) await callbacks.raiseForUndeliveredResult(trx, updated, now);
          if (delivered) await callbacks.settleByDelivery(trx, row.case_id, now);
        }
        return { changed: true, message: toOutboxMessage(updated) };
      });
    },
  };
}

async function recordFeedbackSent(trx: DbOrTransaction, caseId: number, outboxId: number, now: string) {
  const result = await trx
    .updateTable('cases')
    .set({ feedback_sent_at: now, updated_at: now })
    .where('id', '=', caseId)
    .where('feedback_sent_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) await appendFeedbackEvent(trx, caseId, 'feedback_sent', outboxId, now);
}

/** The first proof of delivery wins: a call-back logged earlier keeps `feedback_via = 'call'`. */
async function recordFeedbackDelivered(trx: DbOrTransaction, caseId: number, outboxId: number, now: string) {
  const result = await trx
    .updateTable('cases')
    .set({ feedback_delivered_at: now, feedback_via: 'sms', updated_at: now })
    .where('id', '=', caseId)
    .where('feedback_delivered_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) await appendFeedbackEvent(trx, caseId, 'feedback_delivered', outboxId, now);
}

async function appendFeedbackEvent(
  trx: DbOrTransaction,
  caseId: number,
  type: 'feedback_sent' | 'feedback_delivered',
  outboxId: number,
  at: string,
) {
  await trx
    .insertInto('case_events')
    .values({
      case_id: caseId,
      at,
      type,
      actor_type: 'system',
      actor_id: null,
      channel: 'sms',
      data: JSON.stringify({ via: 'sms', outboxId }),
    })
    .execute();
}
