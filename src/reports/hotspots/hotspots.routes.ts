import { Router } from 'express';
import { requireRole } from '../../auth/auth.middleware';
import { parseInput } from '../../shared/http';
import { reportQuerySchema } from '../reports.schemas';
import { renderHotspotCsv } from './hotspots.csv';
import type { HotspotReports } from './hotspots.usecases';

/** Mounted at /api/reports behind authentication, beside the duty-gap report and the KPIs. */
export function createHotspotsRouter({ hotspotReports }: { hotspotReports: HotspotReports }) {
  const router = Router();

  router.get('/hotspots', requireRole('supervisor'), async (req, res) => {
    const { from, to, format } = parseInput(reportQuerySchema, req.query);
    const report = await hotspotReports.buildHotspotReport(from, to);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(renderHotspotCsv(report));
      return;
    }
    res.json(report);
  });

  return router;
}
