import type { Selectable } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import type { OutboxTable } from '../shared/db.schema';
import type { OutboxMessage, OutgoingMessage } from './outbox.models';

export function toOutboxMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    to: row.to_phone,
    body: row.body,
    purpose: row.purpose,
    caseId: row.case_id,
    staffId: row.staff_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    twilioSid: row.twilio_sid,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
  };
}

export function createOutboxRepository({ db, clock, offline }: { db: Db; clock: Clock; offline: boolean }) {
  return {
    /**
     * Queues a message inside the caller's transaction, so it exists if and only if its cause does.
     * Offline, it is `held` until credentials are set; to an opted-out number it is kept but never sent.
     */
    async enqueue(trx: DbOrTransaction, message: OutgoingMessage): Promise<number> {
      const now = clock.now().toISOString();
      const optedOut = await trx
        .selectFrom('opt_outs')
        .select('phone')
        .where('phone', '=', message.to)
        .executeTakeFirst();
      const status = optedOut ? 'opted_out' : offline ? 'held' : 'queued';
      const row = await trx
        .insertInto('outbox')
        .values({
          to_phone: message.to,
          body: message.body,
          purpose: message.purpose,
          case_id: message.caseId ?? null,
          staff_id: message.staffId ?? null,
          status,
          error_code: optedOut ? '21610' : null,
          next_attempt_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async listForCase(caseId: number): Promise<OutboxMessage[]> {
      const rows = await db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
      return rows.map(toOutboxMessage);
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
