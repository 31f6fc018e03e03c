import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware';
import { parseInput, routeParam } from '../shared/http';
import type { Staff } from './staff.models';
import { presentStaff } from './staff.presenter';
import { newStaffSchema, staffChangesSchema, staffIdSchema } from './staff.schemas';
import type { StaffService } from './staff.usecases';

export function createStaffRouter({
  staffService,
  zone,
}: {
  staffService: StaffService;
  zone: string;
}): Router {
  const present = (member: Staff) => presentStaff(member, zone);
  const router = Router();

  router.post('/', requireRole('admin'), async (req, res) => {
    const input = parseInput(newStaffSchema, req.body);
    res.status(201).json(present(await staffService.add(input)));
  });

  router.get('/', requireRole('supervisor'), async (_req, res) => {
    res.json({ items: (await staffService.list()).map(present), next: null });
  });

  router.patch('/:id', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    const changes = parseInput(staffChangesSchema, req.body);
    res.json(present(await staffService.update(id, changes)));
  });

  router.post('/:id/tokens', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    res.status(201).json({ token: await staffService.issueToken(id) });
  });

  return router;
}
