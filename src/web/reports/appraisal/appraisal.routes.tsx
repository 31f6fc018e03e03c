import { Router } from 'express';
import { DateTime } from 'luxon';
import { requireRole } from '../../../auth/auth.middleware';
import { renderStaffAppraisalCsv } from '../../../reports/appraisal/appraisal.csv';
import type { StaffAppraisals } from '../../../reports/appraisal/appraisal.usecases';
import type { Clock } from '../../../shared/clock';
import { badRequest } from '../../../shared/errors';
import { loadPageContext, type PageDeps, sendPage } from '../../web.page';
import { readReportWindow, runForWindow, windowProblemText } from '../report-window';
import { StaffAppraisalPage } from './appraisal.page';

export type AppraisalPagesDeps = PageDeps & {
  staffAppraisals: StaffAppraisals;
  clock: Clock;
};

/** The current month so far, from local midnight on the 1st to the end of the current hour. */
export function currentMonthWindow(now: Date, zone: string) {
  const local = DateTime.fromJSDate(now, { zone });
  return {
    from: local.startOf('month').toJSDate(),
    to: local.startOf('hour').plus({ hours: 1 }).toJSDate(),
  };
}

/** GET /console/reports/staff and its CSV (supervisors and admins), over GET /api/reports/staff' use case. */
export function createAppraisalPagesRouter(deps: AppraisalPagesDeps): Router {
  const router = Router();

  router.get('/reports/staff', requireRole('supervisor'), async (req, res) => {
    const context = await loadPageContext(deps, req);
    const window = readReportWindow(req.query, deps.zone, currentMonthWindow(deps.clock.now(), deps.zone));
    const { result: report, problem } = await runForWindow(window, (from, to) =>
      deps.staffAppraisals.buildStaffAppraisal(from, to),
    );
    sendPage(
      res,
      <StaffAppraisalPage
        context={context}
        view={{ window, problem: windowProblemText(context, problem), report }}
      />,
      problem ? 400 : 200,
    );
  });

  // The same CSV as GET /api/reports/staff?format=csv, for the window the page shows.
  router.get('/reports/staff.csv', requireRole('supervisor'), async (req, res) => {
    const window = readReportWindow(req.query, deps.zone, currentMonthWindow(deps.clock.now(), deps.zone));
    if (window.unreadable) throw badRequest('request.invalid', 'from, to: must be a date and time');
    const report = await deps.staffAppraisals.buildStaffAppraisal(window.from, window.to);
    const day = (iso: string) => iso.slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="staff-${day(report.from)}-${day(report.to)}.csv"`)
      .set('cache-control', 'no-store')
      .send(renderStaffAppraisalCsv(report.staff));
  });

  return router;
}
