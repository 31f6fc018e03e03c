import { Router } from 'express';
import { DateTime } from 'luxon';
import { requireRole } from '../../../auth/auth.middleware';
import type { Categories } from '../../../content/categories';
import { renderHotspotCsv } from '../../../reports/hotspots/hotspots.csv';
import type { HotspotReports } from '../../../reports/hotspots/hotspots.usecases';
import { type Clock, DAY } from '../../../shared/clock';
import { badRequest } from '../../../shared/errors';
import { loadPageContext, type PageDeps, sendPage } from '../../web.page';
import { readReportWindow, runForWindow, windowProblemText } from '../report-window';
import { HotspotsPage } from './hotspots.page';

export type HotspotPagesDeps = PageDeps & {
  hotspotReports: HotspotReports;
  categories: Pick<Categories, 'get'>;
  clock: Clock;
};

/** The last 30 days, up to the end of the current hour, as the KPIs. */
function defaultWindow(now: Date, zone: string) {
  const to = DateTime.fromJSDate(now, { zone }).startOf('hour').plus({ hours: 1 }).toJSDate();
  return { from: new Date(to.getTime() - 30 * DAY), to };
}

/** GET /console/reports/hotspots and its CSV (supervisors and admins), over GET /api/reports/hotspots' use case. */
export function createHotspotPagesRouter(deps: HotspotPagesDeps): Router {
  const router = Router();

  router.get('/reports/hotspots', requireRole('supervisor'), async (req, res) => {
    const context = await loadPageContext(deps, req);
    const window = readReportWindow(req.query, deps.zone, defaultWindow(deps.clock.now(), deps.zone));
    const { result: report, problem } = await runForWindow(window, (from, to) =>
      deps.hotspotReports.buildHotspotReport(from, to),
    );
    sendPage(
      res,
      <HotspotsPage
        context={context}
        view={{
          window,
          problem: windowProblemText(context, problem),
          report,
          categoryName: (id) => deps.categories.get(id)?.name[context.language] ?? id,
        }}
      />,
      problem ? 400 : 200,
    );
  });

  // The same CSV as GET /api/reports/hotspots?format=csv, for the window the page shows.
  router.get('/reports/hotspots.csv', requireRole('supervisor'), async (req, res) => {
    const window = readReportWindow(req.query, deps.zone, defaultWindow(deps.clock.now(), deps.zone));
    if (window.unreadable) throw badRequest('request.invalid', 'from, to: must be a date and time');
    const report = await deps.hotspotReports.buildHotspotReport(window.from, window.to);
    const day = (iso: string) => iso.slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .set(
        'content-disposition',
        `attachment; filename="hotspots-${day(report.window.from)}-${day(report.window.to)}.csv"`,
      )
      .set('cache-control', 'no-store')
      .send(renderHotspotCsv(report));
  });

  return router;
}
