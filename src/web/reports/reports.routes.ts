import { Router } from 'express';
import { type AppraisalPagesDeps, createAppraisalPagesRouter } from './appraisal/appraisal.routes';
import { type CallPagesDeps, createCallPagesRouter } from './calls/calls.routes';
import { createDutyGapPagesRouter, type DutyGapPagesDeps } from './duty-gaps/duty-gaps.routes';
import { createHotspotPagesRouter, type HotspotPagesDeps } from './hotspots/hotspots.routes';
import { createKpiPagesRouter, type KpiPagesDeps } from './kpis/kpis.routes';

export type ReportPagesDeps = DutyGapPagesDeps &
  KpiPagesDeps &
  CallPagesDeps &
  HotspotPagesDeps &
  AppraisalPagesDeps;

/**
 * The supervisor's reading pages: /console/duty-gaps (and its CSV), /console/kpis, /console/calls,
 * /console/reports/hotspots (and its CSV), /console/reports/staff (and its CSV).
 */
export function createReportPagesRouter(deps: ReportPagesDeps): Router {
  const router = Router();
  router.use(createDutyGapPagesRouter(deps));
  router.use(createKpiPagesRouter(deps));
  router.use(createHotspotPagesRouter(deps));
  router.use(createAppraisalPagesRouter(deps));
  router.use(createCallPagesRouter(deps));
  return router;
}
