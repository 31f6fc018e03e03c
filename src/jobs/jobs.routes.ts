import { Router } from 'express';
import { routeParam } from '../shared/http';
import type { Jobs } from './jobs';

/** POST /:name/run — mounted at /api/jobs behind auth and the admin role. */
export function createJobsRouter(deps: { jobs: Pick<Jobs, 'runNow'> }) {
  const router = Router();
  router.post('/:name/run', async (req, res) => {
    const name = routeParam(req, 'name');
    const result = await deps.jobs.runNow(name);
    res.json({ job: name, result: result ?? null });
  });
  return router;
}
