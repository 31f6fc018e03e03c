import { type ExpressionBuilder, sql } from 'kysely';
import { CHANNELS } from '../cases/cases.models';
import type { Db } from '../shared/db';
import type { Database } from '../shared/db.schema';
import { sqlDialectOf } from '../shared/sql-dialect';
import type {
  AnswerCounts,
  CallCounts,
  DeadlineCounts,
  PetitionCounts,
  ResolutionCounts,
  VolumeCounts,
} from './kpis.models';

// Every figure is an aggregate (COUNT … FILTER (WHERE …)) over one index range, so the database
// reads the window's rows once per figure and returns a handful of numbers, never the rows: a year
// of a million cases stays under a second. Stored times are UTC ISO text, so ranges compare as text.

type CasesEb = ExpressionBuilder<Database, 'cases'>;

const answerCounts = (eb: CasesEb) => [
  eb.fn.countAll<number>().as('answers'),
  eb.fn.countAll<number>().filterWhere('cases.satisfaction_answer', '=', 'satisfied').as('satisfied'),
];

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
  // Qualified, so that a query may join the case a merged one joined (see countAnswersByAssignee).
  db
    .selectFrom('cases')
    .where('cases.satisfaction_answered_at', '>=', from)
    .where('cases.satisfaction_answered_at', '<', to)
    .where('cases.satisfaction_answer', 'is not', null);

/** The ids of cases ever reopened; small, read from the 'reopened' events (case_events_by_type). */
const reopenedCaseIds = (db: Db) =>
  db.selectFrom('case_events').select('case_id').where('type', '=', 'reopened');

/** Counts per officer: the same figures as the KPIs', restricted to the cases each one holds. */
export type ByAssignee<T> = Map<number, T>;

function addTo<T>(map: ByAssignee<T>, staffId: number | null, empty: () => T, change: (counts: T) => void) {
  if (staffId === null) return;
  const counts = map.get(staffId) ?? empty();
  change(counts);
  map.set(staffId, counts);
}

const noResolutions = (): ResolutionCounts => ({ resolved: 0, onTime: 0, withFeedback: 0, reopened: 0 });

export function createKpisRepository({ db }: { db: Db }) {
  const dialect = sqlDialectOf(db);
  const resolvedBetween = (from: string, to: string) => selectResolvedBetween(db, from, to);

  // One query for the window and per officer alike: grouping by assignee is the only difference.
  const resolutionRows = (from: string, to: string, byAssignee: boolean) =>
    Promise.all([
      resolvedBetween(from, to)
        .select((eb) => [
          eb.fn.countAll<number>().as('resolved'),
          eb.fn.countAll<number>().filterWhere(resolvedOnTime).as('onTime'),
          eb.fn.countAll<number>().filterWhere(feedbackGiven).as('withFeedback'),
        ])
        .$if(byAssignee, (qb) => qb.select('assignee_id').groupBy('assignee_id'))
        .execute(),
      // Driven from the few 'reopened' events (case_events_by_type), not from the window's cases.
      resolvedBetween(from, to)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('id', 'in', reopenedCaseIds(db))
        .$if(byAssignee, (qb) => qb.select('assignee_id').groupBy('assignee_id'))
        .execute(),
    ]);

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
      const [[row], [reopened]] = await resolutionRows(from, to, false);
      return {
        resolved: count(row.resolved),
        onTime: count(row.onTime),
        withFeedback: count(row.withFeedback),
        reopened: count(reopened.count),
      };
    },

    /** countResolutions per assignee (cases.assignee_id): who answers for a case answers for its figures. */
    async countResolutionsByAssignee(from: string, to: string): Promise<ByAssignee<ResolutionCounts>> {
      const [rows, reopened] = await resolutionRows(from, to, true);
      const counts: ByAssignee<ResolutionCounts> = new Map();
      for (const row of rows)
        addTo(counts, row.assignee_id ?? null, noResolutions, (entry) => {
          entry.resolved = count(row.resolved);
          entry.onTime = count(row.onTime);
          entry.withFeedback = count(row.withFeedback);
        });
      for (const row of reopened)
        addTo(counts, row.assignee_id ?? null, noResolutions, (entry) => {
          entry.reopened = count(row.count);
        });
      return counts;
    },

    /** Satisfaction answers by when they were given, one per reporter (merged cases hold theirs). */
    async countAnswers(from: string, to: string): Promise<AnswerCounts> {
      const row = await selectAnsweredBetween(db, from, to).select(answerCounts).executeTakeFirstOrThrow();
      return { answers: count(row.answers), satisfied: count(row.satisfied) };
    },

    /**
     * countAnswers per officer. A merged reporter's answer is about the result of the case it joined,
     * so it counts for that case's assignee.
     */
    async countAnswersByAssignee(from: string, to: string): Promise<ByAssignee<AnswerCounts>> {
      const rows = await selectAnsweredBetween(db, from, to)
        .leftJoin('cases as survivor', 'survivor.id', 'cases.merged_into')
        .select((eb) => [
          ...answerCounts(eb),
          eb.fn.coalesce('survivor.assignee_id', 'cases.assignee_id').as('assignee_id'),
        ])
        .groupBy((eb) => eb.fn.coalesce('survivor.assignee_id', 'cases.assignee_id'))
        .execute();
      const counts: ByAssignee<AnswerCounts> = new Map();
      for (const row of rows)
        addTo(
          counts,
          row.assignee_id,
          () => ({ answers: 0, satisfied: 0 }),
          (entry) => {
            entry.answers = count(row.answers);
            entry.satisfied = count(row.satisfied);
          },
        );
      return counts;
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

    /** Petitions by when they were recorded, with the headcount they carry. */
    async countPetitions(from: string, to: string): Promise<PetitionCounts> {
      const row = await db
        .selectFrom('petitions')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number | string | null>('headcount').as('headcount'),
        ])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .executeTakeFirstOrThrow();
      return { count: count(row.count), headcount: count(row.headcount) };
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
