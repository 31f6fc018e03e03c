import { sql } from 'kysely';
import { notConcerningSql, SIGN_OFF_REASONS_SQL } from '../cases/cases.conditions';
import type { Db } from '../shared/db';
import type { CaseHaves } from './case-haves.models';
import type { AwaitingSignOff } from './duty-gaps.models';
import type { PetitionHaves } from './petition-haves.models';
import { NO_ACTIVITY, type SlotActivity } from './slot-calls.models';

// A slot is three parameters; SQLite allows 32766 in one statement, PostgreSQL 65535.
const SLOTS_PER_QUERY = 2000;

interface CallCounts {
  i: number;
  offered: number;
  connected: number;
  message: number;
  missed: number;
  abandoned: number;
}

/** The most rows a report lists of one kind; it says when there were more, rather than reading them all. */
export const REPORT_LIST_LIMIT = 1000;

/** The first rows of a list, and whether the database held more than were read. */
export interface Bounded<T> {
  items: T[];
  truncated: boolean;
}

function bound<T>(rows: T[], limit: number): Bounded<T> {
  return { items: rows.slice(0, limit), truncated: rows.length > limit };
}

// Stored times are UTC ISO text ('2027-03-14T07:00:00.000Z'), so ranges compare as text.
const iso = (instant: Date) => instant.toISOString();

/** The call log and cases as the reports read them; reads only. */
export function createReportsRepository({
  db,
  listLimit = REPORT_LIST_LIMIT,
}: {
  db: Db;
  listLimit?: number;
}) {
  return {
    listLimit,

    /**
     * Calls and call-back cases counted per slot by the database, one range lookup per slot: a
     * 90-day window holds tens of thousands of calls, which never need to reach JavaScript.
     */
    async slotActivity(slots: readonly { from: Date; to: Date }[]): Promise<SlotActivity[]> {
      const activity: SlotActivity[] = slots.map(() => structuredClone(NO_ACTIVITY));
      for (let start = 0; start < slots.length; start += SLOTS_PER_QUERY) {
        const chunk = slots.slice(start, start + SLOTS_PER_QUERY);
        // The slot number is cast: PostgreSQL types an untyped parameter in VALUES as text.
        const values = sql.join(
          chunk.map((slot, i) => sql`(CAST(${start + i} AS integer), ${iso(slot.from)}, ${iso(slot.to)})`),
        );
        // COUNT(*) FILTER, not SUM(<comparison>): a comparison is 0/1 in SQLite but boolean in PostgreSQL.
        const calls = await sql<CallCounts>`
          WITH slot(i, f, t) AS (VALUES ${values})
          SELECT slot.i AS i, COUNT(*) AS offered,
            COUNT(*) FILTER (WHERE calls.outcome = 'connected') AS connected,
            COUNT(*) FILTER (WHERE calls.outcome = 'message') AS message,
            COUNT(*) FILTER (WHERE calls.missed = 1) AS missed,
            COUNT(*) FILTER (WHERE calls.outcome = 'abandoned') AS abandoned
          FROM slot JOIN calls ON calls.started_at >= slot.f AND calls.started_at < slot.t
          GROUP BY slot.i`.execute(db);
        for (const row of calls.rows) {
          const { i, ...counts } = row;
          activity[Number(i)].calls = {
            offered: Number(counts.offered),
            connected: Number(counts.connected),
            message: Number(counts.message),
            missed: Number(counts.missed),
            abandoned: Number(counts.abandoned),
          };
        }
        const callbacks = await sql<{ i: number; due: number; done: number }>`
          WITH slot(i, f, t) AS (VALUES ${values})
          SELECT slot.i AS i, COUNT(*) AS due,
            COUNT(*) FILTER (WHERE cases.status IN ('resolved', 'closed')) AS done
          FROM slot JOIN cases ON cases.category = 'callback' AND cases.created_at >= slot.f AND cases.created_at < slot.t
          GROUP BY slot.i`.execute(db);
        for (const row of callbacks.rows)
          activity[Number(row.i)].callbacks = { due: Number(row.due), done: Number(row.done) };
      }
      return activity;
    },

    /** Cases needing a sign-off (needsSignOff) answered before `before` that still wait for it. */
    async casesAwaitingSignOff(before: Date, hiddenFrom?: number): Promise<Bounded<AwaitingSignOff>> {
      // One indexed look-up per reason a case needs a sign-off, united (UNION drops a case with two).
      const [first, ...others] = SIGN_OFF_REASONS_SQL.map((reason) =>
        db
          .selectFrom('cases')
          .$if(hiddenFrom !== undefined, (query) => query.where(notConcerningSql(hiddenFrom!)))
          .select(['ref', 'priority', 'resolved_at', 'assignee_id'])
          .where('status', '=', 'resolved')
          .where(reason)
          .where('signed_off_at', 'is', null)
          .where('resolved_at', '<', iso(before)),
      );
      const rows = await db
        .selectFrom(others.reduce((union, query) => union.union(query), first).as('awaiting'))
        .selectAll()
        .orderBy('resolved_at')
        .orderBy('ref')
        .limit(listLimit + 1)
        .execute();
      const items = rows.map((row) => ({
        ref: row.ref,
        priority: row.priority,
        resolvedAt: new Date(row.resolved_at!),
        assigneeId: row.assignee_id,
      }));
      return bound(items, listLimit);
    },

    /**
     * Cases whose deadline lies in [from, to) and that lack one of the four haves. The database
     * drops the complete ones, which are nearly all of them; the models decide what is missing.
     */
    async casesDueBetween(from: Date, to: Date, hiddenFrom?: number): Promise<Bounded<CaseHaves>> {
      if (!(from < to)) return { items: [], truncated: false };
      const rows = await db
        .selectFrom('cases')
        .$if(hiddenFrom !== undefined, (query) => query.where(notConcerningSql(hiddenFrom!)))
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
        .orderBy('due_at')
        .orderBy('ref')
        .limit(listLimit + 1)
        .execute();
      const items = rows.map((row) => ({
        ref: row.ref,
        status: row.status,
        dueAt: new Date(row.due_at!),
        assigneeId: row.assignee_id,
        result: row.result,
        feedbackDeliveredAt: row.feedback_delivered_at,
        feedbackVia: row.feedback_via,
      }));
      return bound(items, listLimit);
    },

    /**
     * Petitions recorded before `before` whose case lacks one of the four haves, oldest first, with
     * the refs of the cases merged into each; the models decide what is missing.
     */
    async petitionsMissingHaves(before: Date, hiddenFrom?: number): Promise<Bounded<PetitionHaves>> {
      const rows = await db
        .selectFrom('petitions')
        .innerJoin('cases', 'cases.id', 'petitions.case_id')
        .select([
          'cases.id',
          'cases.ref',
          'cases.status',
          'cases.priority',
          'cases.due_at',
          'cases.assignee_id',
          'cases.result',
          'cases.feedback_delivered_at',
          'cases.feedback_via',
          'petitions.headcount',
          'petitions.representatives',
          'petitions.visit_date',
          'petitions.created_at',
        ])
        .where('petitions.created_at', '<', iso(before))
        .$if(hiddenFrom !== undefined, (query) => query.where(notConcerningSql(hiddenFrom!)))
        .where((eb) =>
          eb.or([
            eb('cases.assignee_id', 'is', null),
            eb('cases.result', 'is', null),
            eb('cases.result', '=', ''),
            eb.and([eb('cases.feedback_delivered_at', 'is', null), eb('cases.feedback_via', 'is', null)]),
          ]),
        )
        .orderBy('petitions.created_at')
        .orderBy('cases.ref')
        .limit(listLimit + 1)
        .execute();
      const listed = rows.slice(0, listLimit);
      const merged =
        listed.length === 0
          ? []
          : await db
              .selectFrom('cases')
              .select(['ref', 'merged_into'])
              .where(
                'merged_into',
                'in',
                listed.map((row) => row.id),
              )
              .orderBy('id')
              .execute();
      const items = rows.map((row) => ({
        ref: row.ref,
        status: row.status,
        priority: row.priority,
        dueAt: row.due_at === null ? null : new Date(row.due_at),
        assigneeId: row.assignee_id,
        result: row.result,
        feedbackDeliveredAt: row.feedback_delivered_at,
        feedbackVia: row.feedback_via,
        headcount: row.headcount,
        representatives: (JSON.parse(row.representatives) as unknown[]).length,
        visitDate: row.visit_date,
        mergedRefs: merged.filter((each) => each.merged_into === row.id).map((each) => each.ref),
        recordedAt: new Date(row.created_at),
      }));
      return bound(items, listLimit);
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
