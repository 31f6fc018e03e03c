import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware';
import { parseInput, routeParam } from '../shared/http';
import { presentStaff } from './staff.presenter';
import { newStaffSchema, staffChangesSchema, staffIdSchema } from './staff.schemas';
import type { StaffService } from './staff.usecases';

export function createStaffRouter({ staffService }: { staffService: StaffService }): Router {
  const router = Router();

  router.post('/', requireRole('admin'), async (req, res) => {
    const input = parseInput(newStaffSchema, req.body);
    res.status(201).json(presentStaff(await staffService.add(input)));
  });

  router.get('/', requireRole('supervisor'), async (_req, res) => {
    res.json({ items: (await staffService.list()).map(presentStaff), next: null });
  });

  router.patch('/:id', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    const changes = parseInput(staffChangesSchema, req.body);
    res.json(presentStaff(await staffService.update(id, changes)));
  });

  router.post('/:id/tokens', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    res.status(201).json({ token: await staffService.issueToken(id) });
  });

  return router;
}
