import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { requireRole } from '../../../auth/auth.middleware';
import { CALL_OUTCOMES } from '../../../calls/calls.models';
import type { CallsRepository } from '../../../calls/calls.repository';
import { listCallLog } from '../../../calls/calls.usecases';
import type { CallsView } from '../../../calls/calls.view';
import { type Clock, DAY } from '../../../shared/clock';
import { rowIdSchema } from '../../../shared/schemas';
import { loadPageContext, type PageDeps, sendPage } from '../../web.page';
import { readReportWindow, runForWindow, windowProblemText, windowQuery } from '../report-window';
import { CallsPage } from './calls.page';

export type CallPagesDeps = PageDeps & {
  callsRepository: Pick<CallsRepository, 'list'>;
  present: CallsView;
  clock: Clock;
};

const PAGE_SIZE = 50;

// A filter or cursor the page cannot read is dropped, as a link edited by hand should still show calls.
const filtersSchema = z.object({
  outcome: z.enum(CALL_OUTCOMES).optional().catch(undefined),
  cursor: rowIdSchema.optional().catch(undefined),
});

/** GET /console/calls (supervisors and admins), over GET /api/calls' use case. */
export function createCallPagesRouter(deps: CallPagesDeps): Router {
  const router = Router();
  router.get('/calls', requireRole('supervisor'), async (req, res) => {
    const context = await loadPageContext(deps, req);
    const { outcome, cursor } = filtersSchema.parse(req.query);
    // The last 24 hours from the minute, and no end: calls still coming in show on a reload.
    const since = DateTime.fromJSDate(deps.clock.now(), { zone: deps.zone }).startOf('minute').toJSDate();
    const window = readReportWindow(req.query, deps.zone, {
      from: new Date(since.getTime() - DAY),
      to: null as Date | null,
    });
    const { result: page, problem } = await runForWindow(window, (from, to) =>
      listCallLog(
        { callsRepository: deps.callsRepository, present: deps.present },
        { from: from.toISOString(), to: to?.toISOString(), outcome, limit: PAGE_SIZE, cursor },
      ),
    );
    const href = (extra: Record<string, string | undefined>) =>
      `/console/calls?${windowQuery(window, { outcome, ...extra })}`;
    sendPage(
      res,
      <CallsPage
        context={context}
        view={{
          window,
          outcome: outcome ?? null,
          problem: windowProblemText(context, problem),
          calls: page?.items ?? null,
          olderHref: page?.next ? href({ cursor: String(page.next) }) : null,
          newestHref: cursor === undefined ? null : href({}),
        }}
      />,
      problem ? 400 : 200,
    );
  });
  return router;
}
