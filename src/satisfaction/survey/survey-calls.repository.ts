import type { Selectable, Updateable } from 'kysely';
import type { Db, DbOrTransaction } from '../../shared/db';
import type { SurveyCallsTable } from '../../shared/db.schema';
import type { Language } from '../../staff/staff.models';
import type { SurveyCall } from './survey-calls.models';

function toSurveyCall(row: Selectable<SurveyCallsTable>): SurveyCall {
  return {
    id: row.id,
    caseId: row.case_id,
    aboutRef: row.about_ref,
    phone: row.phone,
    language: row.language as Language,
    attempt: row.attempt,
    status: row.status,
    statusSequence: row.status_sequence,
    callSid: row.call_sid,
    dueAt: row.due_at,
    repeats: row.repeats,
    digits: row.digits,
    outcome: row.outcome,
    errorCode: row.error_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
  };
}

export type SurveyCallChange = Omit<Updateable<SurveyCallsTable>, 'id' | 'case_id'>;

/** The survey calls' one writer. Each write takes the caller's transaction, with its case event. */
export function createSurveyCallsRepository({ db }: { db: Db }) {
  async function findById(id: number, trx: DbOrTransaction = db): Promise<SurveyCall | undefined> {
    const row = await trx.selectFrom('survey_calls').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSurveyCall(row);
  }

  return {
    findById,

    async schedule(
      trx: DbOrTransaction,
      call: {
        caseId: number;
        aboutRef: string;
        phone: string;
        language: Language;
        attempt: number;
        dueAt: string;
        now: string;
      },
    ): Promise<SurveyCall> {
      const row = await trx
        .insertInto('survey_calls')
        .values({
          case_id: call.caseId,
          about_ref: call.aboutRef,
          phone: call.phone,
          language: call.language,
          attempt: call.attempt,
          status: 'scheduled',
          due_at: call.dueAt,
          created_at: call.now,
          updated_at: call.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSurveyCall(row);
    },

    async listDue(now: string, limit: number): Promise<SurveyCall[]> {
      const rows = await db
        .selectFrom('survey_calls')
        .selectAll()
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSurveyCall);
    },

    /** Attempts taken for placing before `before` that Twilio never confirmed: the placer stopped mid-request. */
    async listUnconfirmed(before: string, limit: number): Promise<SurveyCall[]> {
      const rows = await db
        .selectFrom('survey_calls')
        .selectAll()
        .where('status', '=', 'requested')
        .where('call_sid', 'is', null)
        .where('updated_at', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSurveyCall);
    },

    /** Takes a due call for placing; false when another run took it first. */
    async claim(trx: DbOrTransaction, id: number, now: string): Promise<boolean> {
      const result = await trx
        .updateTable('survey_calls')
        .set({ status: 'requested', updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Gives back a call Twilio did not take, to be placed at `dueAt`. */
    async reschedule(trx: DbOrTransaction, id: number, dueAt: string, errorCode: string, now: string) {
      await trx
        .updateTable('survey_calls')
        .set({ status: 'scheduled', due_at: dueAt, error_code: errorCode, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .execute();
    },

    /** Applies a change; with `whileLive`, only if the call has not ended (false when it had). */
    async update(
      trx: DbOrTransaction,
      id: number,
      change: SurveyCallChange & { updated_at: string },
      options: { whileLive?: boolean } = {},
    ): Promise<boolean> {
      let query = trx.updateTable('survey_calls').set(change).where('id', '=', id);
      if (options.whileLive) query = query.where('ended_at', 'is', null);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Twilio's Sid, from the REST answer or from whichever webhook arrives first. */
    async setCallSid(trx: DbOrTransaction, id: number, callSid: string, now: string): Promise<void> {
      await trx
        .updateTable('survey_calls')
        .set({ call_sid: callSid, updated_at: now })
        .where('id', '=', id)
        .where('call_sid', 'is', null)
        .execute();
    },

    /** Only a call still `requested` takes the REST answer's status: a webhook may have moved it on. */
    async confirmQueued(trx: DbOrTransaction, id: number, now: string): Promise<void> {
      await trx
        .updateTable('survey_calls')
        .set({ status: 'queued', error_code: null, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .execute();
    },

    /** Calls not yet rung for a case: an answer given some other way makes them pointless. */
    async cancelScheduled(trx: DbOrTransaction, caseId: number, now: string): Promise<number> {
      const result = await trx
        .updateTable('survey_calls')
        .set({ status: 'canceled', outcome: 'canceled', ended_at: now, updated_at: now })
        .where('case_id', '=', caseId)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async listForCase(caseId: number, trx: DbOrTransaction = db): Promise<SurveyCall[]> {
      const rows = await trx
        .selectFrom('survey_calls')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toSurveyCall);
    },
  };
}

export type SurveyCallsRepository = ReturnType<typeof createSurveyCallsRepository>;
