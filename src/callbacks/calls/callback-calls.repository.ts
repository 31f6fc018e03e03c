import type { Selectable, Updateable } from 'kysely';
import type { Db, DbOrTransaction } from '../../shared/db';
import type { CallbackCallsTable } from '../../shared/db.schema';
import type { CallbackCall, CallbackCallStatus } from './callback-calls.models';

function toCallbackCall(row: Selectable<CallbackCallsTable>): CallbackCall {
  return {
    id: row.id,
    caseId: row.case_id,
    staffId: row.staff_id,
    callSid: row.call_sid,
    status: row.status,
    statusSequence: row.status_sequence,
    officerDigits: row.officer_digits,
    citizenDialed: Boolean(row.citizen_dialed),
    citizenStatus: row.citizen_status,
    citizenCallSid: row.citizen_call_sid,
    citizenDurationSeconds: row.citizen_duration_seconds,
    durationSeconds: row.duration_seconds,
    recordingSid: row.recording_sid,
    recordingUrl: row.recording_url,
    recordingDurationSeconds: row.recording_duration_seconds,
    errorCode: row.error_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
  };
}

export type CallbackCallChange = Omit<Updateable<CallbackCallsTable>, 'id' | 'case_id' | 'staff_id'>;

/** The masked call-backs' one writer. Each write takes the caller's transaction, with its case event. */
export function createCallbackCallsRepository({ db }: { db: Db }) {
  async function findById(id: number, trx: DbOrTransaction = db): Promise<CallbackCall | undefined> {
    const row = await trx.selectFrom('callback_calls').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCallbackCall(row);
  }

  return {
    findById,

    async findLive(trx: DbOrTransaction, caseId: number): Promise<CallbackCall | undefined> {
      const row = await trx
        .selectFrom('callback_calls')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return row && toCallbackCall(row);
    },

    /**
     * A new live call, or undefined when the case already has one: the partial unique index decides,
     * so two requests racing past findLive on PostgreSQL cannot both start a call.
     */
    async insert(
      trx: DbOrTransaction,
      call: { caseId: number; staffId: number; now: string },
    ): Promise<CallbackCall | undefined> {
      const row = await trx
        .insertInto('callback_calls')
        .values({
          case_id: call.caseId,
          staff_id: call.staffId,
          status: 'requested',
          created_at: call.now,
          updated_at: call.now,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toCallbackCall(row);
    },

    /** Applies a change to a call; with `whileLive`, only if it has not ended (false when it had). */
    async update(
      trx: DbOrTransaction,
      id: number,
      change: CallbackCallChange & { updated_at: string },
      options: { whileLive?: boolean } = {},
    ): Promise<boolean> {
      let query = trx.updateTable('callback_calls').set(change).where('id', '=', id);
      if (options.whileLive) query = query.where('ended_at', 'is', null);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Twilio's Sid, learnt from the REST answer or from whichever webhook arrives first. */
    async setCallSid(trx: DbOrTransaction, id: number, callSid: string, now: string): Promise<void> {
      await trx
        .updateTable('callback_calls')
        .set({ call_sid: callSid, updated_at: now })
        .where('id', '=', id)
        .where('call_sid', 'is', null)
        .execute();
    },

    /** Only a call still `requested` takes the REST answer's status: a webhook may already have moved it on. */
    async confirmQueued(
      trx: DbOrTransaction,
      id: number,
      status: CallbackCallStatus,
      now: string,
    ): Promise<void> {
      await trx
        .updateTable('callback_calls')
        .set({ status, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .execute();
    },

    async listForCase(caseId: number, trx: DbOrTransaction = db): Promise<CallbackCall[]> {
      const rows = await trx
        .selectFrom('callback_calls')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toCallbackCall);
    },
  };
}

export type CallbackCallsRepository = ReturnType<typeof createCallbackCallsRepository>;
