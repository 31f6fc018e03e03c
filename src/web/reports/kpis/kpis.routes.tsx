import { Router } from 'express';
import { DateTime } from 'luxon';
import { requireRole } from '../../../auth/auth.middleware';
import type { Categories } from '../../../content/categories';
import { UNKNOWN_PLACE } from '../../../kpis/kpis.models';
import { DEFAULT_TOP_PLACES } from '../../../kpis/kpis.schemas';
import type { KpiReports } from '../../../kpis/kpis.usecases';
import { type Clock, DAY } from '../../../shared/clock';
import { loadPageContext, type PageDeps, sendPage } from '../../web.page';
import type { Bar } from '../bar-chart';
import { readReportWindow, runForWindow, windowProblemText } from '../report-window';
import { kpiMessages } from './kpis.i18n';
import { KpisPage } from './kpis.page';

export type KpiPagesDeps = PageDeps & {
  kpiReports: KpiReports;
  categories: Pick<Categories, 'get'>;
  clock: Clock;
};

/** The last 30 days, up to the end of the current hour. */
function defaultWindow(now: Date, zone: string) {
  const to = DateTime.fromJSDate(now, { zone }).startOf('hour').plus({ hours: 1 }).toJSDate();
  return { from: new Date(to.getTime() - 30 * DAY), to };
}

/** GET /console/kpis (supervisors and admins), over GET /api/reports/kpis' use case. */
export function createKpiPagesRouter(deps: KpiPagesDeps): Router {
  const router = Router();
  router.get('/kpis', requireRole('supervisor'), async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = kpiMessages(context.language);
    const window = readReportWindow(req.query, deps.zone, defaultWindow(deps.clock.now(), deps.zone));
    const { result: kpis, problem } = await runForWindow(window, (from, to) =>
      deps.kpiReports.buildKpis(from, to, { top: DEFAULT_TOP_PLACES }),
    );
    const bars = (counts: Record<string, number>, label: (key: string) => string): Bar[] =>
      Object.entries(counts).map(([key, value]) => ({ key, label: label(key), value }));
    sendPage(
      res,
      <KpisPage
        context={context}
        view={{
          window,
          problem: windowProblemText(context, problem),
          kpis,
          channels: bars(kpis?.volumes.byChannel ?? {}, (key) =>
            context.t(`channel.${key}` as 'channel.voice'),
          ),
          // A category since taken out of categories.json is still counted, under its id.
          categories: bars(
            kpis?.volumes.byCategory ?? {},
            (key) => deps.categories.get(key)?.name[context.language] ?? key,
          ),
          places: (kpis?.volumes.byPlace ?? []).map((row) => ({
            key: row.place,
            label: row.place === UNKNOWN_PLACE ? t('unknownPlace') : row.place,
            value: row.count,
          })),
        }}
      />,
      problem ? 400 : 200,
    );
  });
  return router;
}
