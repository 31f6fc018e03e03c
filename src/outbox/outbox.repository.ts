import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import { createDispatchStore } from './outbox.dispatch-store';
import {
  type DeliveryOutcomeHook,
  OPTED_OUT_CODE,
  type OutboxMessage,
  type OutboxPurpose,
  type OutgoingMessage,
} from './outbox.models';
import { type OptOutSource, recordOptOut, removeOptOut } from './outbox.opt-out-store';
import { toOutboxMessage } from './outbox.rows';
import { createStatusStore } from './outbox.status-store';

export { toOutboxMessage } from './outbox.rows';

/**
 * The newest message of a purpose queued about a case. Whoever queues a message about something
 * again (a new result after a reopen) can tell the outcome of the earlier one from the current one.
 */
export async function findNewestMessageId(
  trx: DbOrTransaction,
  about: { caseId: number; purpose: OutboxPurpose },
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('case_id', '=', about.caseId)
    .where('purpose', '=', about.purpose)
    .executeTakeFirst();
  return row?.id ?? undefined;
}

/**
 * The outbox, a queue: `enqueue` for everyone who causes a message, the dispatcher's claims and
 * bookkeeping (outbox.dispatch-store.ts) and Twilio's status callbacks (outbox.status-store.ts).
 * What an outcome means is not its business: `onDeliveryOutcome` tells the message's owner.
 */
export function createOutboxRepository({
  db,
  clock,
  offline,
  onDeliveryOutcome,
}: {
  db: Db;
  clock: Clock;
  offline: boolean;
  onDeliveryOutcome: DeliveryOutcomeHook;
}) {
  return {
    /**
     * Queues a message inside the caller's transaction, so it exists if and only if its cause does.
     * Offline, it is `held` until credentials are set; to an opted-out number it is kept but never
     * sent, and its owner hears so at once.
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
          error_code: optedOut ? OPTED_OUT_CODE : null,
          next_attempt_at: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (optedOut) await onDeliveryOutcome(trx, toOutboxMessage(row), 'opted_out');
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

    /** The newest message of a purpose to a number, whatever became of it. */
    async findNewestTo(to: string, purpose: OutboxPurpose): Promise<OutboxMessage | undefined> {
      const row = await db
        .selectFrom('outbox')
        .selectAll()
        .where('to_phone', '=', to)
        .where('purpose', '=', purpose)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && toOutboxMessage(row);
    },

    /** The number asked for no more texts (STOP): what is queued to it from now on is never sent. */
    async optOut(
      trx: DbOrTransaction,
      opt: { phone: string; source: OptOutSource; at: string },
    ): Promise<void> {
      await recordOptOut(trx, opt);
    },

    /** The number asked for texts again (START). */
    async optIn(trx: DbOrTransaction, phone: string): Promise<void> {
      await removeOptOut(trx, phone);
    },

    async isOptedOut(phone: string): Promise<boolean> {
      const row = await db
        .selectFrom('opt_outs')
        .select('phone')
        .where('phone', '=', phone)
        .executeTakeFirst();
      return row !== undefined;
    },

    ...createDispatchStore({ db, clock, onDeliveryOutcome }),
    ...createStatusStore({ db, clock, onDeliveryOutcome }),
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
