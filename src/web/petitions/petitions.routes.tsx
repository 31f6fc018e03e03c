import { type Request, type Response, Router } from 'express';
import { requireRole } from '../../auth/auth.middleware';
import { refSchema } from '../../cases/cases.schemas';
import {
  listPetitionsQuerySchema,
  normaliseRepresentatives,
  recordPetitionSchema,
  updatePetitionSchema,
} from '../../petitions/petitions.schemas';
import type { Petitions } from '../../petitions/petitions.usecases';
import { AppError } from '../../shared/errors';
import { parseInput, routeParam } from '../../shared/http';
import type { StaffRepository } from '../../staff/staff.repository';
import { isCasesKey } from '../cases/cases.i18n';
import { loadPageContext, type PageDeps, redirectWithNotice, sendPage } from '../web.page';
import { PetitionsListPage } from './petitions.list.page';

export type PetitionPagesDeps = PageDeps & {
  petitions: Petitions;
  staffRepository: Pick<StaffRepository, 'findById' | 'findByIds'>;
};

const LIST_SIZE = 50;

/** Every value a form sent under a name, in order (repeated rows arrive as an array). */
function valuesOf(body: unknown, name: string): string[] {
  const value = ((body ?? {}) as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

const oneOf = (body: unknown, name: string) => valuesOf(body, name)[0];

/** The petition form as the API's body: blank representative rows dropped, numbers as numbers. */
function petitionBodyOf(body: unknown) {
  const names = valuesOf(body, 'repName');
  const phones = valuesOf(body, 'repPhone');
  const representatives = names
    .map((name, i) => ({ name: name.trim(), phone: (phones[i] ?? '').trim() }))
    .filter((each) => each.name !== '' || each.phone !== '');
  const headcount = oneOf(body, 'headcount')?.trim();
  return {
    headcount: headcount && /^\d+$/.test(headcount) ? Number(headcount) : headcount,
    representatives,
    visitDate: oneOf(body, 'visitDate') ?? '',
    demands: oneOf(body, 'demands') ?? '',
    ...(oneOf(body, 'priority') ? { priority: oneOf(body, 'priority') } : {}),
  };
}

/** /console/petitions and the case page's petition form. */
export function createPetitionPagesRouter(deps: PetitionPagesDeps): Router {
  const router = Router();

  router.get('/petitions', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const { cursor } = parseInput(listPetitionsQuerySchema, { cursor: req.query.cursor || undefined });
    const { items, next } = await deps.petitions.list(
      { limit: LIST_SIZE, offset: cursor ?? 0 },
      context.principal,
    );
    const ids = items.flatMap(({ found }) => (found.assigneeId === null ? [] : [found.assigneeId]));
    const staff = await deps.staffRepository.findByIds([...new Set(ids)]);
    sendPage(res, <PetitionsListPage context={context} view={{ items, staff, next }} />);
  });

  // As POST and PATCH /api/cases/:ref/petition: supervisors only. One form records or corrects.
  router.post('/cases/:ref/petition', requireRole('supervisor'), async (req: Request, res: Response) => {
    const parsed = refSchema.safeParse(routeParam(req, 'ref'));
    if (!parsed.success) throw new AppError(404, 'case.not_found', 'No such case');
    const ref = parsed.data;
    const path = `/console/cases/${ref}`;
    let done: 'done.petitionRecorded' | 'done.petitionUpdated';
    try {
      const found = await deps.petitions.caseOf(ref, req.principal!);
      const exists = (await deps.petitions.petitionOf(found)) !== null;
      const body = petitionBodyOf(req.body);
      if (exists) {
        const { priority: _ignored, ...fields } = body;
        const input = parseInput(updatePetitionSchema, fields, 'petition.invalid');
        const representatives = normaliseRepresentatives(input.representatives ?? []);
        await deps.petitions.update(ref, { ...input, representatives }, req.principal!, 'console');
        done = 'done.petitionUpdated';
      } else {
        const input = parseInput(recordPetitionSchema, body, 'petition.invalid');
        const representatives = normaliseRepresentatives(input.representatives);
        await deps.petitions.record(ref, { ...input, representatives }, req.principal!, 'console');
        done = 'done.petitionRecorded';
      }
    } catch (err) {
      if (err instanceof AppError && err.status !== 401 && err.status !== 403 && err.status !== 404) {
        const key = `error.${err.code}`;
        return redirectWithNotice(res, path, { error: isCasesKey(key) ? key : 'error.refused' });
      }
      throw err;
    }
    redirectWithNotice(res, path, { done });
  });

  return router;
}
