import type { Selectable } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import type { OutboxTable } from '../shared/db.schema';
import { lockUntilCommit } from '../shared/sql-dialect';
import {
  type DeliveryOutcomeHook,
  type OutboxMessage,
  planStatusChange,
  rankTwilioStatus,
} from './outbox.models';
import { toOutboxMessage } from './outbox.rows';

export interface StatusCallback {
  messageSid: string;
  messageStatus: string;
  errorCode?: string | null;
}

/**
 * `message` is null when no outbox row has that MessageSid yet; then `kept` says whether the
 * callback waits for it. `changed` is false for a stale or repeated callback.
 */
export interface StatusCallbackResult {
  changed: boolean;
  message: OutboxMessage | null;
  kept: boolean;
}

type OutboxRow = Selectable<OutboxTable>;

/**
 * Applies one Twilio status to a row inside the caller's transaction, and tells the message's
 * owner the outcomes it reached, so the status and what it means commit together. Returns the
 * updated row, or undefined when the status changed nothing.
 */
export async function applyTwilioStatus(
  trx: DbOrTransaction,
  row: OutboxRow,
  status: { twilioStatus: string; errorCode: string | null; now: string },
  onDeliveryOutcome: DeliveryOutcomeHook,
): Promise<OutboxRow | undefined> {
  const change = planStatusChange(
    { rank: row.status_rank, sentAt: row.sent_at, deliveredAt: row.delivered_at, errorCode: row.error_code },
    status.twilioStatus,
    status.errorCode,
    status.now,
  );
  if (!change) return undefined;
  const updated = await trx
    .updateTable('outbox')
    .set({
      status: change.status,
      status_rank: change.rank,
      error_code: change.errorCode,
      sent_at: change.sentAt,
      delivered_at: change.deliveredAt,
      updated_at: status.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const message = toOutboxMessage(updated);
  for (const outcome of change.outcomes) await onDeliveryOutcome(trx, message, outcome);
  return updated;
}

/** Applies the callbacks kept for the row's Sid before it was recorded, in the order they came. */
export async function applyEarlyStatuses(
  trx: DbOrTransaction,
  row: OutboxRow,
  now: string,
  onDeliveryOutcome: DeliveryOutcomeHook,
): Promise<OutboxRow> {
  if (row.twilio_sid === null) return row;
  const kept = await trx
    .selectFrom('outbox_early_statuses')
    .selectAll()
    .where('message_sid', '=', row.twilio_sid)
    .orderBy('id')
    .execute();
  if (kept.length === 0) return row;
  let current = row;
  for (const early of kept) {
    const status = { twilioStatus: early.status, errorCode: early.error_code, now };
    current = (await applyTwilioStatus(trx, current, status, onDeliveryOutcome)) ?? current;
  }
  await trx.deleteFrom('outbox_early_statuses').where('message_sid', '=', row.twilio_sid).execute();
  return current;
}

/**
 * Applies Twilio's SMS status callbacks. They come twice and out of order, so a status only ever
 * moves up the rank; and they can come before the dispatcher has recorded the Sid, so one for an
 * unknown Sid is kept until the send is recorded (outbox.dispatch-store.ts).
 */
export function createStatusStore({
  db,
  clock,
  onDeliveryOutcome,
}: {
  db: Db;
  clock: Clock;
  onDeliveryOutcome: DeliveryOutcomeHook;
}) {
  return {
    async applyStatusCallback(callback: StatusCallback): Promise<StatusCallbackResult> {
      return db.transaction().execute(async (trx) => {
        // `sent` and `delivered` often arrive together; each reads the rank the other wrote.
        await lockUntilCommit(trx, messageSidLockKey(callback.messageSid));
        const now = clock.now().toISOString();
        const row = await trx
          .selectFrom('outbox')
          .selectAll()
          .where('twilio_sid', '=', callback.messageSid)
          .executeTakeFirst();
        if (!row) return { changed: false, message: null, kept: await keepEarlyStatus(trx, callback, now) };
        const status = { twilioStatus: callback.messageStatus, errorCode: callback.errorCode ?? null, now };
        const updated = await applyTwilioStatus(trx, row, status, onDeliveryOutcome);
        return { changed: updated !== undefined, message: toOutboxMessage(updated ?? row), kept: false };
      });
    },

    /** Forgets early callbacks whose send was never recorded (its REST answer was lost, or it was never ours). */
    async pruneEarlyStatuses(receivedBefore: Date): Promise<number> {
      const result = await db
        .deleteFrom('outbox_early_statuses')
        .where('received_at', '<', receivedBefore.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** What a status callback and the dispatcher recording the same Sid take turns on. */
export const messageSidLockKey = (messageSid: string) => `outbox.sid:${messageSid}`;

/** Keeps a callback for a Sid not recorded yet, once per Sid and status; an untracked status is not worth keeping. */
async function keepEarlyStatus(
  trx: DbOrTransaction,
  callback: StatusCallback,
  now: string,
): Promise<boolean> {
  if (rankTwilioStatus(callback.messageStatus) === undefined) return false;
  await trx
    .insertInto('outbox_early_statuses')
    .values({
      message_sid: callback.messageSid,
      status: callback.messageStatus,
      error_code: callback.errorCode ?? null,
      received_at: now,
    })
    .onConflict((oc) => oc.columns(['message_sid', 'status']).doNothing())
    .execute();
  return true;
}
