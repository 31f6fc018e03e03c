import { Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { staffIdOf } from '../cases/cases.access';
import { parseInput } from '../shared/http';
import { renderDutyGapCsv } from './duty-gaps.csv';
import type { DutyGapReports } from './duty-gaps.usecases';
import { dutyGapQuerySchema } from './reports.schemas';

/** Mounted at /api/reports behind authentication. */
export function createReportsRouter({ dutyGapReports }: { dutyGapReports: DutyGapReports }) {
  const router = Router();

  router.get('/duty-gaps', requireRole('supervisor'), async (req, res) => {
    const { from, to, format } = parseInput(dutyGapQuerySchema, req.query);
    const report = await dutyGapReports.buildDutyGapReport(
      from,
      to,
      staffIdOf(principalOf(req)) ?? undefined,
    );
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(renderDutyGapCsv(report));
      return;
    }
    res.json(report);
  });

  return router;
}
