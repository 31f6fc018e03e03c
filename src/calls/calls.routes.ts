import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../shared/http';
import { rowIdSchema, storedInstantSchema } from '../shared/schemas';
import { CALL_OUTCOMES } from './calls.models';
import type { CallsRepository } from './calls.repository';
import { listCallLog } from './calls.usecases';
import type { CallsView } from './calls.view';

const querySchema = z.object({
  from: storedInstantSchema.optional(),
  to: storedInstantSchema.optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: rowIdSchema.optional(),
});

/** GET /api/calls: the call log, newest first (supervisors). */
export function createCallsRouter(deps: { callsRepository: CallsRepository; present: CallsView }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseInput(querySchema, req.query);
    const page = await listCallLog(deps, query);
    res.json({ items: page.items, next: page.next === null ? null : String(page.next) });
  });
  return router;
}
