import { type Request, type Response, Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { refSchema } from '../cases/cases.schemas';
import { parseInput, routeParam } from '../shared/http';
import type { StaffRepository } from '../staff/staff.repository';
import { presentPetition } from './petitions.presenter';
import {
  listPetitionsQuerySchema,
  normaliseRepresentatives,
  recordPetitionSchema,
  updatePetitionSchema,
} from './petitions.schemas';
import type { Petitions, PetitionView } from './petitions.usecases';

export interface PetitionsRouterDeps {
  petitions: Petitions;
  staffRepository: Pick<StaffRepository, 'findByIds'>;
  zone: string;
}

function createPresenter({ staffRepository, zone }: PetitionsRouterDeps) {
  return async (views: PetitionView[]) => {
    const ids = views.flatMap(({ found, petition }) =>
      [found.assigneeId, petition.recordedBy].filter((id): id is number => id !== null),
    );
    const staff = await staffRepository.findByIds([...new Set(ids)]);
    return views.map(({ found, petition, mergedRefs }) => ({
      ref: found.ref,
      status: found.status,
      priority: found.priority,
      assignee:
        found.assigneeId === null
          ? null
          : { id: found.assigneeId, name: staff.get(found.assigneeId)?.name ?? null },
      ...presentPetition(petition, mergedRefs, { zone, staff }),
    }));
  };
}

/** Mounted at /api/cases: a supervisor records and corrects the petition a case carries. */
export function createCasePetitionRouter(deps: PetitionsRouterDeps): Router {
  const router = Router();
  const present = createPresenter(deps);
  const refOf = (req: Request) => parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');
  const send = async (res: Response, view: PetitionView, status = 200) => {
    const [json] = await present([view]);
    res.status(status).json(json);
  };

  router.post('/:ref/petition', requireRole('supervisor'), async (req, res) => {
    const input = parseInput(recordPetitionSchema, req.body, 'petition.invalid');
    const representatives = normaliseRepresentatives(input.representatives);
    await send(
      res,
      await deps.petitions.record(refOf(req), { ...input, representatives }, principalOf(req)),
      201,
    );
  });

  router.patch('/:ref/petition', requireRole('supervisor'), async (req, res) => {
    const input = parseInput(updatePetitionSchema, req.body, 'petition.invalid');
    const representatives = input.representatives && normaliseRepresentatives(input.representatives);
    await send(res, await deps.petitions.update(refOf(req), { ...input, representatives }, principalOf(req)));
  });

  return router;
}

/** Mounted at /api/petitions: the petitions the caller may see, those on open cases first. */
export function createPetitionsRouter(deps: PetitionsRouterDeps): Router {
  const router = Router();
  const present = createPresenter(deps);
  router.get('/', async (req, res) => {
    const { limit, cursor } = parseInput(listPetitionsQuerySchema, req.query);
    const { items, next } = await deps.petitions.list({ limit, offset: cursor ?? 0 }, principalOf(req));
    res.json({ items: await present(items), next: next === null ? null : String(next) });
  });
  return router;
}
