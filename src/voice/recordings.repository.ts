import type { Db, DbOrTransaction } from '../shared/db';

export type RecordingKind = 'message' | 'conversation' | 'fallback';

export interface Recording {
  recordingSid: string;
  callSid: string;
  kind: RecordingKind;
  /** Twilio's media URL. It stays on the server: the API proxies the audio. */
  url: string;
  durationSeconds: number | null;
  status: string;
  caseId: number | null;
}

export function createRecordingsRepository({ db }: { db: Db }) {
  return {
    /** Records what Twilio said about a recording; the action and the status callback may both say it. */
    async upsert(trx: DbOrTransaction, recording: Omit<Recording, 'caseId'>, at: string): Promise<void> {
      await trx
        .insertInto('recordings')
        .values({
          recording_sid: recording.recordingSid,
          call_sid: recording.callSid,
          kind: recording.kind,
          url: recording.url,
          duration_seconds: recording.durationSeconds,
          status: recording.status,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column('recording_sid').doUpdateSet({
            status: recording.status,
            duration_seconds: recording.durationSeconds,
            updated_at: at,
          }),
        )
        .execute();
    },

    async attachToCase(trx: DbOrTransaction, recordingSid: string, caseId: number): Promise<void> {
      await trx
        .updateTable('recordings')
        .set({ case_id: caseId })
        .where('recording_sid', '=', recordingSid)
        .execute();
    },

    /** The case's recording to play: the caller's message first, else the recorded conversation. */
    async findForCase(caseId: number): Promise<Recording | undefined> {
      const row = await db
        .selectFrom('recordings')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('status', 'in', ['recorded', 'completed'])
        .orderBy((eb) => eb.case().when('kind', '=', 'conversation').then(eb.lit(1)).else(eb.lit(0)).end())
        .orderBy('created_at')
        .executeTakeFirst();
      return (
        row && {
          recordingSid: row.recording_sid,
          callSid: row.call_sid,
          kind: row.kind,
          url: row.url,
          durationSeconds: row.duration_seconds,
          status: row.status,
          caseId: row.case_id,
        }
      );
    },
  };
}

export type RecordingsRepository = ReturnType<typeof createRecordingsRepository>;
