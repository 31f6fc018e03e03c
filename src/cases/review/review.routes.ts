import { Router } from 'express';
import { principalOf, requireRole } from '../../auth/auth.middleware';
import { parseInput, routeParam } from '../../shared/http';
import { type LoadPresentContextDeps, loadPresentContext } from '../cases.present-context';
import { presentCase } from '../cases.presenter';
import { refSchema } from '../cases.schemas';
import type { CaseService } from '../cases.usecases';
import { opinionSchema, reviewRequestSchema } from './review.schemas';
import type { ReviewService } from './review.usecases';

export interface ReviewRouterDeps {
  reviewService: ReviewService;
  caseService: Pick<CaseService, 'get'>;
  casesRepository: LoadPresentContextDeps['casesRepository'];
  staffRepository: LoadPresentContextDeps['staffRepository'];
  zone: string;
}

/** /api/cases/:ref/review: each answer is the case (SPEC §10) with its review as GET /api/cases/:ref shows it. */
export function createReviewRouter(deps: ReviewRouterDeps): Router {
  const { reviewService, caseService } = deps;
  const router = Router();
  const refOf = (req: import('express').Request) =>
    parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');

  async function respond(
    res: import('express').Response,
    ref: string,
    principal: ReturnType<typeof principalOf>,
    status = 200,
  ) {
    const found = await caseService.get(ref, principal);
    const context = await loadPresentContext(deps, [found]);
    res.status(status).json({ ...presentCase(found, context), review: await reviewService.present(found) });
  }

  router.post('/:ref/review', requireRole('supervisor'), async (req, res) => {
    const ref = refOf(req);
    const input = parseInput(reviewRequestSchema, req.body);
    await reviewService.request(ref, input, principalOf(req));
    await respond(res, ref, principalOf(req), 201);
  });

  router.post('/:ref/review/opinions', async (req, res) => {
    const ref = refOf(req);
    const input = parseInput(opinionSchema, req.body);
    await reviewService.recordOpinion(ref, input, principalOf(req));
    await respond(res, ref, principalOf(req), 201);
  });

  router.delete('/:ref/review', requireRole('supervisor'), async (req, res) => {
    const ref = refOf(req);
    await reviewService.withdraw(ref, principalOf(req));
    await respond(res, ref, principalOf(req));
  });

  return router;
}
