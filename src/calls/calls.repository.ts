import type { Selectable } from 'kysely';
import type { OnDutySnapshot } from '../cases/cases.models';
import type { Db, DbOrTransaction } from '../shared/db';
import type { CallAttemptsTable, CallsTable } from '../shared/db.schema';
import type { AttemptResult, Call, CallAttempt, CallOutcome } from './calls.models';

function toCall(row: Selectable<CallsTable>): Call {
  return {
    id: row.id,
    callSid: row.call_sid,
    from: row.from_phone,
    to: row.to_phone,
    language: row.language,
    status: row.status,
    lastSequence: row.last_sequence,
    outcome: row.outcome,
    onDuty: JSON.parse(row.on_duty) as OnDutySnapshot,
    officerRequestedAt: row.officer_requested_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    missed: row.missed === 1,
    caseId: row.case_id,
    callbackCaseId: row.callback_case_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
  };
}

function toAttempt(row: Selectable<CallAttemptsTable>): CallAttempt {
  return {
    id: row.id,
    callId: row.call_id,
    attempt: row.attempt,
    position: row.position,
    staffId: row.staff_id,
    startedAt: row.started_at,
    acceptedAt: row.accepted_at,
    endedAt: row.ended_at,
    result: row.result,
    dialCallStatus: row.dial_call_status,
  };
}

export interface NewCall {
  callSid: string;
  from: string;
  to: string | null;
  language: string;
  status: string;
  onDuty: OnDutySnapshot;
  at: string;
}

export type CallChanges = Partial<{
  status: string;
  lastSequence: number;
  outcome: CallOutcome;
  officerRequestedAt: string;
  acceptedAt: string;
  acceptedBy: number;
  missed: boolean;
  caseId: number;
  callbackCaseId: number | null;
  endedAt: string;
  durationSeconds: number | null;
}>;

const COLUMNS: Record<keyof CallChanges, keyof CallsTable> = {
  status: 'status',
  lastSequence: 'last_sequence',
  outcome: 'outcome',
  officerRequestedAt: 'officer_requested_at',
  acceptedAt: 'accepted_at',
  acceptedBy: 'accepted_by',
  missed: 'missed',
  caseId: 'case_id',
  callbackCaseId: 'callback_case_id',
  endedAt: 'ended_at',
  durationSeconds: 'duration_seconds',
};

export function createCallsRepository({ db }: { db: Db }) {
  return {
    /** Records a call once per CallSid; a repeated webhook finds the row already there. */
    async recordOnce(trx: DbOrTransaction, call: NewCall): Promise<Call> {
      const inserted = await trx
        .insertInto('calls')
        .values({
          call_sid: call.callSid,
          from_phone: call.from,
          to_phone: call.to,
          language: call.language,
          status: call.status,
          on_duty: JSON.stringify(call.onDuty),
          started_at: call.at,
          created_at: call.at,
          updated_at: call.at,
        })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .returningAll()
        .executeTakeFirst();
      const row =
        inserted ??
        (await trx
          .selectFrom('calls')
          .selectAll()
          .where('call_sid', '=', call.callSid)
          .executeTakeFirstOrThrow());
      return toCall(row);
    },

    async findBySid(callSid: string, trx: DbOrTransaction = db): Promise<Call | undefined> {
      const row = await trx
        .selectFrom('calls')
        .selectAll()
        .where('call_sid', '=', callSid)
        .executeTakeFirst();
      return row && toCall(row);
    },

    async update(trx: DbOrTransaction, id: number, changes: CallChanges, at: string): Promise<void> {
      const values: Record<string, unknown> = { updated_at: at };
      for (const [key, value] of Object.entries(changes)) {
        values[COLUMNS[key as keyof CallChanges]] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      }
      await trx.updateTable('calls').set(values).where('id', '=', id).execute();
    },

    async startAttempt(
      trx: DbOrTransaction,
      attempt: Pick<CallAttempt, 'callId' | 'attempt' | 'position' | 'staffId' | 'startedAt'>,
    ): Promise<void> {
      await trx
        .insertInto('call_attempts')
        .values({
          call_id: attempt.callId,
          attempt: attempt.attempt,
          position: attempt.position,
          staff_id: attempt.staffId,
          started_at: attempt.startedAt,
        })
        .onConflict((oc) => oc.columns(['call_id', 'attempt']).doNothing())
        .execute();
    },

    async findAttempt(
      callId: number,
      attempt: number,
      trx: DbOrTransaction = db,
    ): Promise<CallAttempt | undefined> {
      const row = await trx
        .selectFrom('call_attempts')
        .selectAll()
        .where('call_id', '=', callId)
        .where('attempt', '=', attempt)
        .executeTakeFirst();
      return row && toAttempt(row);
    },

    /** The staff member pressed 1 at the whisper. Only an attempt still open can be accepted. */
    async acceptAttempt(trx: DbOrTransaction, id: number, at: string): Promise<boolean> {
      const result = await trx
        .updateTable('call_attempts')
        .set({ result: 'accepted', accepted_at: at })
        .where('id', '=', id)
        .where('result', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The Dial ended: record how. A result already set (accepted, declined) is kept. */
    async closeAttempt(
      trx: DbOrTransaction,
      attempt: CallAttempt,
      outcome: { result: AttemptResult; at: string; dialCallSid?: string; dialCallStatus?: string },
    ): Promise<void> {
      await trx
        .updateTable('call_attempts')
        .set({
          result: attempt.result ?? outcome.result,
          ended_at: attempt.endedAt ?? outcome.at,
          dial_call_sid: outcome.dialCallSid ?? null,
          dial_call_status: outcome.dialCallStatus ?? null,
        })
        .where('id', '=', attempt.id)
        .execute();
    },

    async listAttempts(callIds: number[]): Promise<CallAttempt[]> {
      if (callIds.length === 0) return [];
      const rows = await db
        .selectFrom('call_attempts')
        .selectAll()
        .where('call_id', 'in', callIds)
        .orderBy('call_id')
        .orderBy('attempt')
        .execute();
      return rows.map(toAttempt);
    },

    async listForCase(caseId: number): Promise<Call[]> {
      const rows = await db
        .selectFrom('calls')
        .selectAll()
        .where((eb) => eb.or([eb('case_id', '=', caseId), eb('callback_case_id', '=', caseId)]))
        .orderBy('id')
        .execute();
      return rows.map(toCall);
    },

    /** Newest first, paged by id. */
    async list(filters: {
      from?: string;
      to?: string;
      outcome?: CallOutcome;
      limit: number;
      cursor?: number;
    }) {
      let query = db.selectFrom('calls').selectAll();
      if (filters.from) query = query.where('started_at', '>=', filters.from);
      if (filters.to) query = query.where('started_at', '<', filters.to);
      if (filters.outcome) query = query.where('outcome', '=', filters.outcome);
      if (filters.cursor !== undefined) query = query.where('id', '<', filters.cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filters.limit + 1)
        .execute();
      const items = rows.slice(0, filters.limit).map(toCall);
      return { items, next: rows.length > filters.limit ? items[items.length - 1].id : null };
    },
  };
}

export type CallsRepository = ReturnType<typeof createCallsRepository>;
