import { Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { presentCallbackTask } from '../callbacks/callbacks.presenter';
import type { CallsRepository } from '../calls/calls.repository';
import type { CallsView } from '../calls/calls.view';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { AppError } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import { toE164 } from '../shared/phone';
import type { InboundRepository } from '../sms/inbound.repository';
import type { StaffRepository } from '../staff/staff.repository';
import { loadCaseDetail } from './cases.detail';
import type { Case } from './cases.models';
import { type PresentContext, presentCase, presentEvent, presentMessages } from './cases.presenter';
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

export interface CasesRouterDeps {
  caseService: CaseService;
  casesRepository: CasesRepository;
  staffRepository: StaffRepository;
  inboundRepository: InboundRepository;
  outbox: OutboxRepository;
  callsRepository: CallsRepository;
  presentCalls: CallsView;
  zone: string;
}

export function createCasesRouter(deps: CasesRouterDeps): Router {
  const router = Router();

  async function contextFor(cases: Case[]): Promise<PresentContext> {
    const staffIds = new Set<number>();
    const mergedIds = new Set<number>();
    for (const found of cases) {
      for (const id of [
        found.assigneeId,
        found.signedOffBy,
        found.onDuty.primary,
        found.onDuty.backup,
        found.onDuty.supervisor,
      ]) {
        if (id !== null) staffIds.add(id);
      }
      if (found.mergedInto !== null) mergedIds.add(found.mergedInto);
    }
    const refsById = new Map<number, string>();
    for (const id of mergedIds) {
      const target = await deps.casesRepository.findById(id);
      if (target) refsById.set(id, target.ref);
    }
    return { zone: deps.zone, staff: await deps.staffRepository.findByIds([...staffIds]), refsById };
  }

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
    const { found, events, inbound, outbound, calls, merged, callbacks } = await loadCaseDetail(
      deps,
      refOf(req),
      principalOf(req),
    );
    const context = await contextFor([found]);
    const eventStaffIds = [
      ...events.flatMap((event) => (event.actor.staffId === null ? [] : [event.actor.staffId])),
      ...callbacks.flatMap((task) => [task.assigneeId, task.doneBy].filter((id) => id !== null)),
    ];
    for (const [id, member] of await deps.staffRepository.findByIds(eventStaffIds))
      context.staff.set(id, member);
    res.json({
      ...presentCase(found, context),
      // A group complaint: the cases merged into this one, and every number its result goes to.
      mergedFrom: merged.map((item) => item.ref),
      reporters: listReporters(found, merged),
      events: events.map((event) => presentEvent(event, context)),
      calls: await deps.presentCalls(calls),
      messages: presentMessages(inbound, outbound, deps.zone),
      callbacks: callbacks.map((task) => presentCallbackTask(task, context)),
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
