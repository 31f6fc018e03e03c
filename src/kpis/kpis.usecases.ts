import type { Clock } from '../shared/clock';
import { assertReportWindow } from '../shared/time-window';
import { buildKpis, type Kpis } from './kpis.models';
import type { KpisRepository } from './kpis.repository';

export interface KpiDeps {
  kpisRepository: KpisRepository;
  clock: Clock;
  /** The categories in categories.json, counted by index; others still count, found separately. */
  categoryIds: readonly string[];
}

/**
 * The KPIs for [from, to). Each record is placed in the window by the moment that matters to its
 * figure: a call by its start, a resolution by resolved_at, an answer by when it was given, a
 * deadline by due_at (only deadlines already past), a complaint's volume by its arrival.
 */
export function createKpiReports({ kpisRepository, clock, categoryIds }: KpiDeps) {
  return {
    async buildKpis(from: Date, to: Date, options: { top: number }): Promise<Kpis> {
      assertReportWindow(from, to);
      const start = from.toISOString();
      const end = to.toISOString();
      const until = new Date(Math.min(to.getTime(), clock.now().getTime())).toISOString();
      const [calls, resolutions, answers, deadlines, volumes, petitions] = await Promise.all([
        kpisRepository.countCalls(start, end),
        kpisRepository.countResolutions(start, end),
        kpisRepository.countAnswers(start, end),
        kpisRepository.countDeadlines(start, until),
        kpisRepository.countVolumes(start, end, { top: options.top, categoryIds }),
        kpisRepository.countPetitions(start, end),
      ]);
      return buildKpis({ calls, resolutions, answers, deadlines, volumes, petitions });
    },
  };
}

export type KpiReports = ReturnType<typeof createKpiReports>;
