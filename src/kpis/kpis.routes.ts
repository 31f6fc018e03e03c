import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware';
import { parseInput } from '../shared/http';
import { kpisQuerySchema } from './kpis.schemas';
import type { KpiReports } from './kpis.usecases';

/** Mounted at /api/reports behind authentication, beside the duty-gap report. */
export function createKpisRouter({ kpiReports }: { kpiReports: KpiReports }) {
  const router = Router();

  router.get('/kpis', requireRole('supervisor'), async (req, res) => {
    const { from, to, top } = parseInput(kpisQuerySchema, req.query);
    res.json(await kpiReports.buildKpis(from, to, { top }));
  });

  return router;
}
