import {
  feedbackGiven,
  resolvedOnTime,
  selectAnsweredBetween,
  selectResolvedBetween,
} from '../kpis/kpis.repository';
import type { Db } from '../shared/db';
import type { CellCounts } from './public.models';

// The KPI counts of one window, per category and gazetteer place. Each figure is placed in the window
// as the KPIs place it: a complaint by its arrival, a resolution by resolved_at, an answer by when it
// was given. Only ids and counts leave the database: never a text a person typed.

const count = (value: unknown) => Number(value ?? 0);

export function createPublicRepository({ db }: { db: Db }) {
  return {
    /** One row per category and place with anything to count in [from, to). */
    async countCells(from: string, to: string): Promise<CellCounts[]> {
      const [volumes, resolutions, answers] = await Promise.all([
        // Merged complaints included, as in the KPI volumes: each was a contact.
        db
          .selectFrom('cases')
          .select((eb) => ['category', 'place_id', eb.fn.countAll<number>().as('volume')])
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .groupBy(['category', 'place_id'])
          .execute(),
        selectResolvedBetween(db, from, to)
          .select((eb) => [
            'category',
            'place_id',
            eb.fn.countAll<number>().as('resolved'),
            eb.fn.countAll<number>().filterWhere(resolvedOnTime).as('onTime'),
            eb.fn.countAll<number>().filterWhere(feedbackGiven).as('withFeedback'),
          ])
          .groupBy(['category', 'place_id'])
          .execute(),
        selectAnsweredBetween(db, from, to)
          .select((eb) => [
            'category',
            'place_id',
            eb.fn.countAll<number>().as('answers'),
            eb.fn.countAll<number>().filterWhere('satisfaction_answer', '=', 'satisfied').as('satisfied'),
          ])
          .groupBy(['category', 'place_id'])
          .execute(),
      ]);
      const cells = new Map<string, CellCounts>();
      const cellOf = (category: string, placeId: string | null) => {
        const key = JSON.stringify([category, placeId]);
        let cell = cells.get(key);
        if (!cell) {
          cell = {
            category,
            placeId,
            volume: 0,
            resolutions: { resolved: 0, onTime: 0, withFeedback: 0 },
            answers: { answers: 0, satisfied: 0 },
          };
          cells.set(key, cell);
        }
        return cell;
      };
      for (const row of volumes) cellOf(row.category, row.place_id).volume = count(row.volume);
      for (const row of resolutions) {
        cellOf(row.category, row.place_id).resolutions = {
          resolved: count(row.resolved),
          onTime: count(row.onTime),
          withFeedback: count(row.withFeedback),
        };
      }
      for (const row of answers) {
        cellOf(row.category, row.place_id).answers = {
          answers: count(row.answers),
          satisfied: count(row.satisfied),
        };
      }
      return [...cells.values()];
    },
  };
}

export type PublicRepository = ReturnType<typeof createPublicRepository>;
