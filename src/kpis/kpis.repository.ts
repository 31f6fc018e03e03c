import { type ExpressionBuilder, sql } from 'kysely';
import { CHANNELS } from '../cases/cases.models';
import type { Db } from '../shared/db';
import type { Database } from '../shared/db.schema';
import { sqlDialectOf } from '../shared/sql-dialect';
import type { AnswerCounts, CallCounts, DeadlineCounts, ResolutionCounts, VolumeCounts } from './kpis.models';

// Every figure is an aggregate (COUNT … FILTER (WHERE …)) over one index range, so the database
// reads the window's rows once per figure and returns a handful of numbers, never the rows: a year
// of a million cases stays under a second. Stored times are UTC ISO text, so ranges compare as text.

type CasesEb = ExpressionBuilder<Database, 'cases'>;

const count = (value: unknown) => Number(value ?? 0);

/** The result reached the citizen: delivered by SMS, or given by a logged call-back. */
export const feedbackGiven = (eb: CasesEb) =>
  eb.or([eb('feedback_delivered_at', 'is not', null), eb('feedback_via', 'is not', null)]);

/** Resolved by its deadline; a case without one is on time. */
export const resolvedOnTime = (eb: CasesEb) =>
  eb.or([eb('due_at', 'is', null), eb('resolved_at', '<=', eb.ref('due_at'))]);

/** Cases (not merged) resolved in [from, to); the one resolution each counts is its latest. */
export const selectResolvedBetween = (db: Db, from: string, to: string) =>
  db
    .selectFrom('cases')
    .where('resolved_at', '>=', from)
    .where('resolved_at', '<', to)
    .where('status', '!=', 'merged');

/** Satisfaction answers given in [from, to), one per reporter (merged cases hold theirs). */
export const selectAnsweredBetween = (db: Db, from: string, to: string) =>
  db
    .selectFrom('cases')
    .where('satisfaction_answered_at', '>=', from)
    .where('satisfaction_answered_at', '<', to)
    .where('satisfaction_answer', 'is not', null);

export function createKpisRepository({ db }: { db: Db }) {
  const dialect = sqlDialectOf(db);
  const resolvedBetween = (from: string, to: string) => selectResolvedBetween(db, from, to);

  return {
    /** Calls by when they started. */
    async countCalls(from: string, to: string): Promise<CallCounts> {
      const row = await db
        .selectFrom('calls')
        .select((eb) => [
          eb.fn.countAll<number>().as('calls'),
          eb.fn.countAll<number>().filterWhere('outcome', '=', 'abandoned').as('abandoned'),
          eb.fn.countAll<number>().filterWhere('officer_requested_at', 'is not', null).as('asked'),
          eb.fn
            .countAll<number>()
            .filterWhere((fb) =>
              fb.and([fb('officer_requested_at', 'is not', null), fb('accepted_at', 'is not', null)]),
            )
            .as('accepted'),
          eb.fn
            .avg<number | string | null>(
              dialect.millisecondsBetween(eb.ref('officer_requested_at'), eb.ref('accepted_at')),
            )
            .as('averageAnswerMs'),
        ])
        .where('started_at', '>=', from)
        .where('started_at', '<', to)
        .executeTakeFirstOrThrow();
      return {
        calls: count(row.calls),
        abandoned: count(row.abandoned),
        askedForOfficer: count(row.asked),
        accepted: count(row.accepted),
        // avg() skips the nulls: calls nobody accepted, or that never asked, have no answer time.
        averageAnswerMs: row.averageAnswerMs === null ? null : Number(row.averageAnswerMs),
      };
    },

    async countResolutions(from: string, to: string): Promise<ResolutionCounts> {
      const [row, reopened] = await Promise.all([
        resolvedBetween(from, to)
          .select((eb) => [
            eb.fn.countAll<number>().as('resolved'),
            eb.fn.countAll<number>().filterWhere(resolvedOnTime).as('onTime'),
            eb.fn.countAll<number>().filterWhere(feedbackGiven).as('withFeedback'),
          ])
          .executeTakeFirstOrThrow(),
        // Driven from the few 'reopened' events (case_events_by_type), not from the window's cases.
        resolvedBetween(from, to)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('id', 'in', (eb) =>
            eb.selectFrom('case_events').select('case_id').where('type', '=', 'reopened'),
          )
          .executeTakeFirstOrThrow(),
      ]);
      return {
        resolved: count(row.resolved),
        onTime: count(row.onTime),
        withFeedback: count(row.withFeedback),
        reopened: count(reopened.count),
      };
    },

    /** Satisfaction answers by when they were given, one per reporter (merged cases hold theirs). */
    async countAnswers(from: string, to: string): Promise<AnswerCounts> {
      const row = await selectAnsweredBetween(db, from, to)
        .select((eb) => [
          eb.fn.countAll<number>().as('answers'),
          eb.fn.countAll<number>().filterWhere('satisfaction_answer', '=', 'satisfied').as('satisfied'),
        ])
        .executeTakeFirstOrThrow();
      return { answers: count(row.answers), satisfied: count(row.satisfied) };
    },

    /** Cases (not merged) whose deadline lies in [from, until), and those with all four haves now. */
    async countDeadlines(from: string, until: string): Promise<DeadlineCounts> {
      if (!(from < until)) return { due: 0, complete: 0 };
      const row = await db
        .selectFrom('cases')
        .select((eb) => [
          eb.fn.countAll<number>().as('due'),
          eb.fn
            .countAll<number>()
            // A result is stored with its resolved_at and is never blank (recordResult takes trimmed,
            // non-empty text), so resolved_at says there is one without reading the text: the count
            // then reads only the cases_kpi_due index.
            .filterWhere((fb) =>
              fb.and([
                fb('assignee_id', 'is not', null),
                fb('resolved_at', 'is not', null),
                feedbackGiven(fb),
              ]),
            )
            .as('complete'),
        ])
        .where('due_at', '>=', from)
        .where('due_at', '<', until)
        .where('status', '!=', 'merged')
        .executeTakeFirstOrThrow();
      return { due: count(row.due), complete: count(row.complete) };
    },

    /**
     * Complaints by when they arrived, merged ones included: each is a contact. Each count is an
     * equality-and-range search on its own index ((channel, created_at), (category, created_at),
     * (created_at, place) for the rows with a place), so no query sorts the window's rows.
     */
    async countVolumes(
      from: string,
      to: string,
      options: { top: number; categoryIds: readonly string[] },
    ): Promise<VolumeCounts> {
      const inWindow = db.selectFrom('cases').where('created_at', '>=', from).where('created_at', '<', to);
      const [byChannel, byListedCategory, topPlaces, withPlace] = await Promise.all([
        inWindow
          .select((eb) => ['channel', eb.fn.countAll<number>().as('count')])
          .where('channel', 'in', CHANNELS)
          .groupBy('channel')
          .execute(),
        options.categoryIds.length === 0
          ? Promise.resolve([])
          : inWindow
              .select((eb) => ['category', eb.fn.countAll<number>().as('count')])
              .where('category', 'in', options.categoryIds)
              .groupBy('category')
              .execute(),
        // Staff type places by hand: "Renmin Road" and "renmin road" are one hotspot, shown as the
        // spelling that sorts first byte by byte (uppercase first) on either store.
        inWindow
          .select((eb) => [
            eb.fn.min<string>(dialect.binaryText(eb.ref('place'))).as('place'),
            eb.fn.countAll<number>().as('count'),
          ])
          .where('place', 'is not', null)
          .groupBy((eb) => sql`lower(${dialect.binaryText(eb.ref('place'))})`)
          .orderBy('count', 'desc')
          .orderBy('place')
          .limit(options.top)
          .execute(),
        inWindow
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('place', 'is not', null)
          .executeTakeFirstOrThrow(),
      ]);
      const channels = byChannel.map((row) => ({ key: row.channel, count: count(row.count) }));
      // Every case has one of CHANNELS (a CHECK constraint), so the channels add up to the total.
      const total = channels.reduce((sum, row) => sum + row.count, 0);
      const byCategory = byListedCategory.map((row) => ({ key: row.category, count: count(row.count) }));
      const listed = byCategory.reduce((sum, row) => sum + row.count, 0);
      // Categories no longer in categories.json still count; looked for only when some exist.
      if (listed < total) {
        let unlisted = inWindow.select((eb) => ['category', eb.fn.countAll<number>().as('count')]);
        if (options.categoryIds.length > 0)
          unlisted = unlisted.where('category', 'not in', options.categoryIds);
        for (const row of await unlisted.groupBy('category').execute())
          byCategory.push({ key: row.category, count: count(row.count) });
      }
      return {
        total,
        byChannel: channels,
        byCategory,
        topPlaces: topPlaces.map((row) => ({ place: row.place, count: count(row.count) })),
        unknownPlace: total - count(withPlace.count),
      };
    },
  };
}

export type KpisRepository = ReturnType<typeof createKpisRepository>;
