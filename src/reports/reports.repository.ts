import type { Db } from '../shared/db';
import type { CaseHaves } from './case-haves.models';
import type { CallbackCase, LoggedCall } from './slot-calls.models';

// Stored times are UTC ISO text ('2027-03-14T07:00:00.000Z'), so ranges compare as text.
const iso = (instant: Date) => instant.toISOString();

/** The call log and cases as the reports read them; reads only. */
export function createReportsRepository({ db }: { db: Db }) {
  return {
    async callsStartedBetween(from: Date, to: Date): Promise<LoggedCall[]> {
      const rows = await db
        .selectFrom('calls')
        .select(['started_at', 'outcome', 'missed'])
        .where('started_at', '>=', iso(from))
        .where('started_at', '<', iso(to))
        .execute();
      return rows.map((row) => ({
        startedAt: new Date(row.started_at),
        outcome: row.outcome,
        missed: row.missed === 1,
      }));
    },

    async callbacksCreatedBetween(from: Date, to: Date): Promise<CallbackCase[]> {
      const rows = await db
        .selectFrom('cases')
        .select(['created_at', 'status'])
        .where('category', '=', 'callback')
        .where('created_at', '>=', iso(from))
        .where('created_at', '<', iso(to))
        .execute();
      return rows.map((row) => ({ createdAt: new Date(row.created_at), status: row.status }));
    },

    /**
     * Cases whose deadline lies in [from, to) and that lack one of the four haves. The database
     * drops the complete ones, which are nearly all of them; the models decide what is missing.
     */
    async casesDueBetween(from: Date, to: Date): Promise<CaseHaves[]> {
      if (!(from < to)) return [];
      const rows = await db
        .selectFrom('cases')
        .select(['ref', 'status', 'due_at', 'assignee_id', 'result', 'feedback_delivered_at', 'feedback_via'])
        .where('due_at', '>=', iso(from))
        .where('due_at', '<', iso(to))
        .where('status', '!=', 'merged')
        .where((eb) =>
          eb.or([
            eb('assignee_id', 'is', null),
            eb('result', 'is', null),
            eb('result', '=', ''),
            eb.and([eb('feedback_delivered_at', 'is', null), eb('feedback_via', 'is', null)]),
          ]),
        )
        .execute();
      return rows.map((row) => ({
        ref: row.ref,
        status: row.status,
        dueAt: new Date(row.due_at!),
        assigneeId: row.assignee_id,
        result: row.result,
        feedbackDeliveredAt: row.feedback_delivered_at,
        feedbackVia: row.feedback_via,
      }));
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
