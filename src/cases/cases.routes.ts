import { Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { presentCallbackTask } from '../callbacks/callbacks.presenter';
import { presentCallbackCall } from '../callbacks/calls/callback-calls.presenter';
import type { CallbackCallsRepository } from '../callbacks/calls/callback-calls.repository';
import type { CallsRepository } from '../calls/calls.repository';
import type { CallsView } from '../calls/calls.view';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { presentPetition } from '../petitions/petitions.presenter';
import type { Petitions } from '../petitions/petitions.usecases';
import { AppError } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import { toE164 } from '../shared/phone';
import type { InboundRepository } from '../sms/inbound.repository';
import type { StaffRepository } from '../staff/staff.repository';
import { loadCaseDetail } from './cases.detail';
import type { Case } from './cases.models';
import { loadPresentContext } from './cases.present-context';
import { presentCase, presentEvent, presentMessages } from './cases.presenter';
import { listReporters } from './cases.reporters';
import type { CasesRepository } from './cases.repository';
import {
  assignSchema,
  callbackSchema,
  listCasesQuerySchema,
  mergeSchema,
  newCaseSchema,
  reasonSchema,
  refSchema,
  textSchema,
  triageSchema,
} from './cases.schemas';
import type { CaseService } from './cases.usecases';
import { presentReview, reviewStaffIds } from './review/review.presenter';
import type { ReviewsRepository } from './review/review.repository';

export interface CasesRouterDeps {
  caseService: CaseService;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  inboundRepository: InboundRepository;
  outbox: OutboxRepository;
  callsRepository: CallsRepository;
  presentCalls: CallsView;
  /** The collective review of a case's sign-off (SPEC §18). */
  reviewsRepository: ReviewsRepository;
  /** The masked call-backs made on a case (SPEC §18). */
  callbackCalls?: Pick<CallbackCallsRepository, 'listForCase'>;
  /** The petition a group complaint carries, shown with the case (SPEC §18). */
  petitions?: Pick<Petitions, 'petitionOf'>;
  zone: string;
}

export function createCasesRouter(deps: CasesRouterDeps): Router {
  const router = Router();

  const contextFor = (cases: Case[]) => loadPresentContext(deps, cases);

  async function respondWithCase(res: import('express').Response, found: Case, status = 200) {
    res.status(status).json(presentCase(found, await contextFor([found])));
  }

  const refOf = (req: import('express').Request) =>
    parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');

  router.get('/', async (req, res) => {
    const query = parseInput(listCasesQuerySchema, req.query);
    const { items, next } = await deps.caseService.list(
      {
        status: query.status,
        phone: query.phone,
        assigneeId: query.assignee,
        category: query.category,
        priority: query.priority,
        from: query.from,
        to: query.to,
      },
      { limit: query.limit, cursor: query.cursor },
      principalOf(req),
    );
    const context = await contextFor(items);
    res.json({
      items: items.map((found) => presentCase(found, context)),
      next: next === null ? null : String(next),
    });
  });

  router.post('/', async (req, res) => {
    const input = parseInput(newCaseSchema, req.body);
    let phone: string | null = null;
    if (input.phone) {
      phone = toE164(input.phone);
      if (!phone)
        throw new AppError(
          400,
          'case.invalid_phone',
          `${input.phone} is not a valid phone number in international form`,
        );
    }
    await respondWithCase(res, await deps.caseService.create({ ...input, phone }, principalOf(req)), 201);
  });

  router.get('/:ref', async (req, res) => {
    const { found, events, inbound, outbound, calls, merged, callbacks, review } = await loadCaseDetail(
      deps,
      refOf(req),
      principalOf(req),
    );
    const context = await contextFor([found]);
    const petition = (await deps.petitions?.petitionOf(found)) ?? null;
    const callbackCalls = (await deps.callbackCalls?.listForCase(found.id)) ?? [];
    const eventStaffIds = [
      ...callbackCalls.map((call) => call.staffId),
      ...(petition?.recordedBy ? [petition.recordedBy] : []),
      ...events.flatMap((event) => (event.actor.staffId === null ? [] : [event.actor.staffId])),
      ...callbacks.flatMap((task) => [task.assigneeId, task.doneBy].filter((id) => id !== null)),
      ...(review ? reviewStaffIds(review) : []),
    ];
    for (const [id, member] of await deps.staffRepository.findByIds(eventStaffIds))
      context.staff.set(id, member);
    res.json({
      ...presentCase(found, context),
      // A group complaint: the cases merged into this one, and every number its result goes to.
      mergedFrom: merged.map((item) => item.ref),
      reporters: listReporters(found, merged),
      petition:
        petition &&
        presentPetition(
          petition,
          merged.map((item) => item.ref),
          context,
        ),
      events: events.map((event) => presentEvent(event, context)),
      calls: await deps.presentCalls(calls),
      messages: presentMessages(inbound, outbound, deps.zone),
      callbacks: callbacks.map((task) => presentCallbackTask(task, context)),
      // The collective review of its sign-off, if one was asked for (SPEC §18).
      review: review ? presentReview(review, found, context.staff, deps.zone) : null,
      callbackCalls: callbackCalls.map((call) => presentCallbackCall(call, found.ref, context)),
    });
  });

  router.patch('/:ref', async (req, res) => {
    const triage = parseInput(triageSchema, req.body);
    await respondWithCase(res, await deps.caseService.triage(refOf(req), triage, principalOf(req)));
  });

  router.post('/:ref/assign', async (req, res) => {
    const { staffId } = parseInput(assignSchema, req.body);
    await respondWithCase(res, await deps.caseService.assign(refOf(req), staffId, principalOf(req)));
  });

  // Takes a case nobody holds, as an SMS command on it would: staff on duty, or a supervisor.
  router.post('/:ref/claim', async (req, res) => {
    await respondWithCase(res, await deps.caseService.claim(refOf(req), principalOf(req)));
  });

  router.post('/:ref/acknowledge', async (req, res) => {
    await respondWithCase(res, await deps.caseService.acknowledge(refOf(req), principalOf(req)));
  });

  router.post('/:ref/result', async (req, res) => {
    const { text } = parseInput(textSchema, req.body);
    await respondWithCase(res, await deps.caseService.recordResult(refOf(req), text, principalOf(req)));
  });

  router.post('/:ref/notes', async (req, res) => {
    const { text } = parseInput(textSchema, req.body);
    await respondWithCase(res, await deps.caseService.addNote(refOf(req), text, principalOf(req)));
  });

  router.post('/:ref/merge', async (req, res) => {
    const { into } = parseInput(mergeSchema, req.body);
    await respondWithCase(res, await deps.caseService.merge(refOf(req), into, principalOf(req)));
  });

  router.post('/:ref/reopen', async (req, res) => {
    const { reason } = parseInput(reasonSchema, req.body);
    await respondWithCase(res, await deps.caseService.reopen(refOf(req), reason, principalOf(req)));
  });

  router.post('/:ref/sign-off', requireRole('supervisor'), async (req, res) => {
    await respondWithCase(res, await deps.caseService.signOff(refOf(req), principalOf(req)));
  });

  router.post('/:ref/callback', async (req, res) => {
    const log = parseInput(callbackSchema, req.body);
    await respondWithCase(res, await deps.caseService.logCallback(refOf(req), log, principalOf(req)));
  });

  return router;
}
