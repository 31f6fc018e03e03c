import { Router } from 'express';
import { DateTime } from 'luxon';
import { principalOf, requireRole } from '../../../auth/auth.middleware';
import { staffIdOf } from '../../../cases/cases.access';
import { renderDutyGapCsv } from '../../../reports/duty-gaps.csv';
import type { DutyGapReports } from '../../../reports/duty-gaps.usecases';
import type { ShiftsQuery } from '../../../roster/roster.shifts-query';
import { type Clock, DAY } from '../../../shared/clock';
import { badRequest } from '../../../shared/errors';
import { loadPageContext, type PageDeps, sendPage } from '../../web.page';
import { readReportWindow, runForWindow, windowProblemText } from '../report-window';
import { DutyGapsPage } from './duty-gaps.page';

/** Complaints about the reader stay out of the report's case lists (SPEC §18). */
const viewerOf = (req: import('express').Request) => staffIdOf(principalOf(req)) ?? undefined;

export type DutyGapPagesDeps = PageDeps & {
  dutyGapReports: DutyGapReports;
  shiftsQuery: ShiftsQuery;
  clock: Clock;
};

/** The last 7 days and the next 7, from the hour. */
function defaultWindow(now: Date, zone: string) {
  const hour = DateTime.fromJSDate(now, { zone }).startOf('hour').toJSDate();
  return { from: new Date(hour.getTime() - 7 * DAY), to: new Date(hour.getTime() + 7 * DAY) };
}

/** GET /console/duty-gaps and its CSV (supervisors and admins), over GET /api/reports/duty-gaps' use case. */
export function createDutyGapPagesRouter(deps: DutyGapPagesDeps): Router {
  const router = Router();

  router.get('/duty-gaps', requireRole('supervisor'), async (req, res) => {
    const context = await loadPageContext(deps, req);
    const now = deps.clock.now();
    const window = readReportWindow(req.query, deps.zone, defaultWindow(now, deps.zone));
    const { result, problem } = await runForWindow(window, (from, to) =>
      // The report names no one on the backup and supervisor lanes: the resolved shifts do.
      Promise.all([
        deps.dutyGapReports.buildDutyGapReport(from, to, viewerOf(req)),
        deps.shiftsQuery.listShifts(from, to),
      ]),
    );
    sendPage(
      res,
      <DutyGapsPage
        context={context}
        view={{
          window,
          problem: windowProblemText(context, problem),
          report: result?.[0] ?? null,
          shifts: result?.[1] ?? [],
          now,
        }}
      />,
      problem ? 400 : 200,
    );
  });

  // The same CSV as GET /api/reports/duty-gaps?format=csv, for the window the page shows.
  router.get('/duty-gaps.csv', requireRole('supervisor'), async (req, res) => {
    const window = readReportWindow(req.query, deps.zone, defaultWindow(deps.clock.now(), deps.zone));
    if (window.unreadable) throw badRequest('request.invalid', 'from, to: must be a date and time');
    const result = await deps.dutyGapReports.buildDutyGapReport(window.from, window.to, viewerOf(req));
    const day = (iso: string) => iso.slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .set(
        'content-disposition',
        `attachment; filename="duty-gaps-${day(result.from)}-${day(result.to)}.csv"`,
      )
      .set('cache-control', 'no-store')
      .send(renderDutyGapCsv(result));
  });

  return router;
}
