import { createCallbacksRepository } from '../callbacks/callbacks.repository';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import { createDispatchStore } from './outbox.dispatch-store';
import type { OutboxMessage, OutgoingMessage } from './outbox.models';
import { toOutboxMessage } from './outbox.rows';
import { createStatusStore } from './outbox.status-store';

export { toOutboxMessage } from './outbox.rows';

/**
 * The outbox: `enqueue` for everyone who causes a message, the dispatcher's bookkeeping
 * (outbox.dispatch-store.ts) and Twilio's status callbacks (outbox.status-store.ts).
 */
export function createOutboxRepository({ db, clock, offline }: { db: Db; clock: Clock; offline: boolean }) {
  const callbacks = createCallbacksRepository({ db });
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
        .returning(['id', 'purpose', 'case_id', 'error_code'])
        .executeTakeFirstOrThrow();
      // A result for a number that opted out will never be texted: it is owed by phone.
      if (optedOut) await callbacks.raiseForUndeliveredResult(trx, row, now);
      return row.id;
    },

    async listForCase(caseId: number): Promise<OutboxMessage[]> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toOutboxMessage);
    },

    async findById(id: number): Promise<OutboxMessage | undefined> {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOutboxMessage(row);
    },

    async isOptedOut(phone: string): Promise<boolean> {
      const row = await db
        .selectFrom('opt_outs')
        .select('phone')
        .where('phone', '=', phone)
        .executeTakeFirst();
      return row !== undefined;
    },

    ...createDispatchStore({ db, clock }),
    ...createStatusStore({ db, clock }),
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
