import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware';
import { presentToken } from '../auth/auth.presenter';
import { newTokenSchema, tokenIdSchema } from '../auth/auth.schemas';
import { parseInput, routeParam } from '../shared/http';
import { formatTime } from '../shared/time-format';
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
    const options = parseInput(newTokenSchema, req.body ?? {});
    const { token, issued } = await staffService.issueToken(id, options);
    res.status(201).json({ id: issued.id, token, expiresAt: formatTime(issued.expiresAt, zone) });
  });

  router.get('/:id/tokens', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    const tokens = await staffService.listTokens(id);
    res.json({ items: tokens.map((token) => presentToken(token, zone)), next: null });
  });

  router.delete('/:id/tokens/:tokenId', requireRole('admin'), async (req, res) => {
    const id = parseInput(staffIdSchema, routeParam(req, 'id'), 'staff.invalid_id');
    const tokenId = parseInput(tokenIdSchema, routeParam(req, 'tokenId'), 'token.invalid_id');
    await staffService.revokeToken(id, tokenId);
    res.status(204).end();
  });

  return router;
}
