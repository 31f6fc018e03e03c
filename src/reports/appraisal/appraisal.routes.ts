import { Router } from 'express';
import { principalOf } from '../../auth/auth.middleware';
import { parseInput } from '../../shared/http';
import { reportQuerySchema } from '../reports.schemas';
import { renderStaffAppraisalCsv } from './appraisal.csv';
import { appraisalScope } from './appraisal.models';
import type { StaffAppraisals } from './appraisal.usecases';

/**
 * Mounted at /api/reports behind authentication. Supervisors and admins get every officer's row; a
 * staff member gets their own, never anyone else's.
 */
export function createAppraisalRouter({ staffAppraisals }: { staffAppraisals: StaffAppraisals }) {
  const router = Router();

  router.get('/staff', async (req, res) => {
    const { from, to, format } = parseInput(reportQuerySchema, req.query);
    const report = await staffAppraisals.buildStaffAppraisal(from, to, appraisalScope(principalOf(req)));
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(renderStaffAppraisalCsv(report.staff));
      return;
    }
    res.json(report);
  });

  return router;
}
